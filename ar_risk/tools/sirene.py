"""Stream INSEE's SIRENE stock of legal units (``StockUniteLegale``, CSV, maybe
zipped) and keep only the wanted SIRENs. No ORM here: the benchmark and the
import share this reader."""

import csv
import io
import zipfile

# the columns the import reads; the file has more, in any order
COLUMNS = (
    "siren",
    "dateCreationUniteLegale",
    "categorieJuridiqueUniteLegale",
    "etatAdministratifUniteLegale",
    "categorieEntreprise",
    "trancheEffectifsUniteLegale",
    "activitePrincipaleUniteLegale",
    "denominationUniteLegale",
    "nomUniteLegale",
    "prenom1UniteLegale",
)


def open_text(binary):
    """A text stream over a seekable binary one: the first CSV of a zip, or
    the file itself."""
    if zipfile.is_zipfile(binary):
        binary.seek(0)
        archive = zipfile.ZipFile(binary)
        name = next(n for n in archive.namelist() if n.lower().endswith(".csv"))
        binary = archive.open(name)
    else:
        binary.seek(0)
    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def iter_units(binary, wanted):
    """Yield ``(line, siren, values)`` for the rows whose SIREN is in
    ``wanted`` (a set), ``values`` a dict of ``COLUMNS``; and ``(line, None,
    message)`` for a wanted row that cannot be read. Other rows cost one set
    lookup."""
    reader = csv.reader(open_text(binary))
    header = next(reader)
    missing = [c for c in ("siren", "etatAdministratifUniteLegale") if c not in header]
    if missing:
        raise ValueError("missing columns: %s" % ", ".join(missing))
    index = {name: header.index(name) for name in COLUMNS if name in header}
    siren_at = index["siren"]
    width = len(header)
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        siren = row[siren_at] if len(row) > siren_at else ""
        if siren not in wanted:
            continue
        if len(row) != width:
            yield line, None, "%s: %d columns instead of %d" % (siren, len(row), width)
            continue
        yield line, siren, {name: row[i] for name, i in index.items()}
