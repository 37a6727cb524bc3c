"""After a re-export of an addon's catalogues: keep the French translations
the export dropped, and make every French entry visible to Odoo.

Odoo merges the addon's .pot into fr.po when it loads code translations: a
Python string missing from the .pot, or without its ``#. odoo-python``
comment, is silently left untranslated.
Usage: i18n_merge.py ADDON_DIR OLD_FR_PO
"""

import sys

import polib


def key(entry):
    return (entry.msgctxt, entry.msgid)


def main(addon_dir, old_po_path):
    addon = addon_dir.rstrip("/").rsplit("/", 1)[-1]
    po = polib.pofile(f"{addon_dir}/i18n/fr.po", wrapwidth=78)
    pot = polib.pofile(f"{addon_dir}/i18n/{addon}.pot", wrapwidth=78)
    old = {key(e): e for e in polib.pofile(old_po_path) if e.msgstr}
    kept = 0
    for entry in po:
        if not entry.msgstr and key(entry) in old:
            entry.msgstr = old[key(entry)].msgstr
            kept += 1
    in_pot = {key(e): e for e in pot}
    for entry in po:
        comments = [c for c in (entry.comment or "").split("\n") if c]
        if not any(c.startswith("module:") for c in comments):
            comments.insert(0, f"module: {addon}")
        for suffix, tag in ((".py", "odoo-python"), (".js", "odoo-javascript")):
            if tag not in comments and any(
                path.startswith("code:") and path.endswith(suffix)
                for path, _line in entry.occurrences
            ):
                comments.append(tag)
        entry.comment = "\n".join(comments)
        if key(entry) not in in_pot:
            pot.append(
                polib.POEntry(
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgctxt=entry.msgctxt,
                    msgstr="",
                    comment=entry.comment,
                    occurrences=list(entry.occurrences),
                )
            )
    po.save()
    pot.save()
    empty = sum(1 for e in po if not e.msgstr and not e.obsolete)
    print(f"{addon}: {kept} French translations kept, {empty} still to translate")


if __name__ == "__main__":
    main(*sys.argv[1:])
