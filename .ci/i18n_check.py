"""Every term Odoo exports for an addon, from the test database, has its
French translation in the addon's fr.po, and every Python string is in the
.pot (Odoo reads code translations only for strings the .pot lists).
A view term whose wording or markup changed after the last export shows in
English to French users: this is where it is caught.
Usage: i18n_check.py EXPORT_DIR ROOT ADDON...
"""

import sys

import polib


def key(entry):
    return (entry.msgctxt, entry.msgid)


def main(export_dir, root, addons):
    missing = []
    for addon in addons:
        exported = polib.pofile(f"{export_dir}/{addon}.pot")
        french = {
            key(e) for e in polib.pofile(f"{root}/{addon}/i18n/fr.po") if e.msgstr
        }
        template = {key(e) for e in polib.pofile(f"{root}/{addon}/i18n/{addon}.pot")}
        for entry in exported:
            where = entry.occurrences[0][0] if entry.occurrences else "?"
            if key(entry) not in french:
                missing.append(f"{addon}: no French for {entry.msgid!r} ({where})")
            elif "odoo-python" in (entry.comment or "") and key(entry) not in template:
                missing.append(f"{addon}: {entry.msgid!r} missing from {addon}.pot")
    for line in missing:
        print(line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
