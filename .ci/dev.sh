#!/usr/bin/env bash
# Developer loop: keep the private cluster running, update modules in the
# existing test database, run some tests. Run .ci/test.sh once first.
#   .ci/dev.sh -u ar_risk ar_risk/tests/test_exposure.py -k partial
#   .ci/dev.sh --stop        stops the cluster
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_TEST_DB:-ar_test}
CONF="$STATE/odoo-test.conf"
find_odoo
ensure_venv
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
if [ "${1:-}" = "--stop" ]; then PG_STARTED=1; [ "$(id -u)" -eq 0 ] && PG_USER=postgres; stop_pg; exit 0; fi
start_pg
write_odoo_conf "$CONF" "$DB"
db_exists "$DB" || die "no database $DB: run .ci/test.sh once first"
if [ "${1:-}" = "-u" ]; then
    mods=$2; shift 2
    : >"$STATE/logs/$DB-update.log"
    odoo_bin -c "$CONF" -d "$DB" -u "$mods" --stop-after-init --logfile="$STATE/logs/$DB-update.log" \
        --log-level=info || { tail -n 40 "$STATE/logs/$DB-update.log" >&2; die "update failed"; }
    check_log "$STATE/logs/$DB-update.log" "updating $mods"
fi
cd "$ROOT"
exec "$PY" -m pytest -c "$ROOT/.ci/pytest.ini" --rootdir="$ROOT" -p no:cacheprovider \
    --odoo-config="$CONF" --odoo-database="$DB" --odoo-http --odoo-log-level=warn "$@"
