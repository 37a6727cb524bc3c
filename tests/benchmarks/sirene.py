"""SIRENE import benchmark (a command, not a test): generate a StockUniteLegale
CSV of N rows in INSEE's layout, then stream it through the import's reader
with the SIRENs of a few thousand customers, and print time and peak memory.

    .venv/bin/python tests/benchmarks/sirene.py [--rows 10000000] [--customers 5000]
        [--zip] [--keep FILE]

The reader is what the import runs for each row (``ar_risk/tools/sirene.py``,
loaded by path: no database needed); the ORM then writes only the matched
customers, a few thousand at most.
"""

import argparse
import importlib.util
import os
import resource
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
spec = importlib.util.spec_from_file_location(
    "sirene", os.path.join(ROOT, "ar_risk", "tools", "sirene.py")
)
sirene = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sirene)

HEADER = [
    "siren",
    "statutDiffusionUniteLegale",
    "unitePurgeeUniteLegale",
    "dateCreationUniteLegale",
    "sigleUniteLegale",
    "sexeUniteLegale",
    "prenom1UniteLegale",
    "prenom2UniteLegale",
    "prenom3UniteLegale",
    "prenom4UniteLegale",
    "prenomUsuelUniteLegale",
    "pseudonymeUniteLegale",
    "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale",
    "anneeEffectifsUniteLegale",
    "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale",
    "categorieEntreprise",
    "anneeCategorieEntreprise",
    "dateDebut",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "nomUsageUniteLegale",
    "denominationUniteLegale",
    "denominationUsuelle1UniteLegale",
    "denominationUsuelle2UniteLegale",
    "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale",
]


def siren(number):
    """A Luhn-valid SIREN from 8 digits."""
    digits = "%08d" % number
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return digits + str((10 - total % 10) % 10)


def generate(path, rows):
    """Rows in INSEE's layout; the varying columns cycle through a few values
    (one ceased company in five), written as text for speed."""
    bands = ("NN", "00", "01", "11", "21")
    categories = ("PME", "ETI", "", "PME", "PME")
    states = "AAAAC"
    legal = ("5710", "5499", "5710", "5720", "5498")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(",".join(HEADER) + "\n")
        for i in range(rows):
            k = i % 5
            handle.write(
                f"{siren(10_000_000 + i)},O,,2009-03-12,,,,,,,,,,{bands[k]},2023,"
                f"2026-10-01T03:12:45,3,{categories[k]},2022,2015-01-01,"
                f"{states[k]},,,SOCIETE {i},,,,{legal[k]},62.01Z,NAFRev2,00018,"
                "N,,O\n"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--zip", action="store_true", help="zip the file first")
    parser.add_argument("--keep", help="write the file here and keep it")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="sirene-bench-")
    path = args.keep or os.path.join(folder, "StockUniteLegale_utf8.csv")
    started = time.perf_counter()
    generate(path, args.rows)
    if args.zip:
        with zipfile.ZipFile(path + ".zip", "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(path, "StockUniteLegale_utf8.csv")
        os.remove(path)
        path += ".zip"
    size = os.path.getsize(path)
    print(
        "generated %d rows, %.0f MB in %.0f s"
        % (args.rows, size / 1e6, time.perf_counter() - started)
    )
    step = max(args.rows // args.customers, 1)
    wanted = {siren(10_000_000 + i) for i in range(0, args.rows, step)}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    found = errors = 0
    with open(path, "rb") as binary:
        for _line, number, _values in sirene.iter_units(binary, wanted):
            found += number is not None
            errors += number is None
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        "read %d rows in %.1f s wall, %.1f s CPU (%.0f rows per CPU second): "
        "%d of %d customers found, %d errors"
        % (args.rows, elapsed, cpu, args.rows / cpu, found, len(wanted), errors)
    )
    print(
        "peak memory (max RSS) %.1f MB, %.1f MB before reading"
        % (rss_after / 1024, rss_before / 1024)
    )
    if not args.keep:
        os.remove(path)
        os.rmdir(folder)


if __name__ == "__main__":
    main()
