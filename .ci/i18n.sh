#!/usr/bin/env bash
# Re-export an addon's translation template and French catalogue from the test
# database (run .ci/test.sh first, or `make demo`): existing French
# translations are kept (also those the export drops), new terms come with an
# empty msgstr to fill in.
# Usage: .ci/i18n.sh ar_risk [ar_collection ...]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_TEST_DB:-ar_test}
CONF="$STATE/odoo-test.conf"
find_odoo
ensure_system
ensure_venv
trap stop_pg EXIT
start_pg
write_odoo_conf "$CONF" "$DB"
for addon in "$@"; do
    mkdir -p "$ROOT/$addon/i18n"
    old_po=$(mktemp)
    [ -f "$ROOT/$addon/i18n/fr.po" ] && cp "$ROOT/$addon/i18n/fr.po" "$old_po"
    odoo_bin -c "$CONF" -d "$DB" -u "$addon" --stop-after-init --log-level=warn
    odoo_bin -c "$CONF" -d "$DB" --i18n-export="$ROOT/$addon/i18n/$addon.pot" --modules="$addon" \
        --log-level=warn
    odoo_bin -c "$CONF" -d "$DB" --i18n-export="$ROOT/$addon/i18n/fr.po" --language=fr_FR \
        --modules="$addon" --log-level=warn
    # the export drops some code translations; Odoo reads code strings only
    # when the .pot lists them: merge both back (.ci/i18n_merge.py)
    "$PY" "$ROOT/.ci/i18n_merge.py" "$ROOT/$addon" "$old_po"
    rm -f "$old_po"
done
