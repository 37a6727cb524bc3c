#!/usr/bin/env bash
# The readmes' screenshots: taken from the demo database of Command 1
# (.ci/demo.sh, run it once first) by a headless Chromium, into each addon's
# static/description/. Re-run after a change of the screens.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_DEMO_DB:-ar_demo}
CONF="$STATE/odoo-demo.conf"
find_odoo
ensure_venv
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
trap stop_pg EXIT
start_pg
write_odoo_conf "$CONF" "$DB"
db_exists "$DB" || die "no database $DB: run .ci/demo.sh once first"
: >"$STATE/logs/$DB-screenshots.log"
odoo_bin -c "$CONF" -d "$DB" --test-tags "ar_screenshots/ar_collection:TakeScreenshots" --stop-after-init \
    --logfile="$STATE/logs/$DB-screenshots.log" --log-level=info
grep -Eq ' 0 failed, 0 error\(s\) of 1 tests' "$STATE/logs/$DB-screenshots.log" \
    || die "screenshots failed (log: $STATE/logs/$DB-screenshots.log)"
log "screenshots written to */static/description/"
