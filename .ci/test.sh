#!/usr/bin/env bash
# Command 2: a fresh test database with the suite installed, the whole test
# suite with pytest-odoo, then the linters. Usage: .ci/test.sh [pytest args]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=${AR_TEST_DB:-ar_test}
CONF="$STATE/odoo-test.conf"
T_START=$(date +%s)

find_odoo
ensure_system chromium
ensure_venv
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg
write_odoo_conf "$CONF" "$DB"

drop_db "$DB"
rm -rf "$STATE/data/filestore/$DB"
install_db "$DB" "$CONF"

log "running the tests"
cd "$ROOT"
set +e
targets=("$@")  # default: testpaths of .ci/pytest.ini
"$PY" -m pytest -c "$ROOT/.ci/pytest.ini" --rootdir="$ROOT" -p no:cacheprovider \
    --odoo-config="$CONF" --odoo-database="$DB" --odoo-http --odoo-log-level=warn \
    "${targets[@]}"
rc=$?
set -e
[ $rc -eq 0 ] || die "tests failed (pytest exit $rc)" "$rc"

log "running the UI tours in headless Chromium (Odoo's test runner)"
TOUR_PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_tours() {
    : >"$STATE/logs/$DB-tours.log"
    odoo_bin -c "$CONF" -d "$DB" --test-tags ":TestUiTour" --stop-after-init \
        --http-port="$TOUR_PORT" --logfile="$STATE/logs/$DB-tours.log" --log-level=info || true
}
run_tours
# CPython 3.11.7's compiler is not thread-safe (gh-106905): a request thread of
# the test server can fail at random. Only that failure is retried, once.
if grep -q "AST constructor recursion depth mismatch" "$STATE/logs/$DB-tours.log"; then
    log "the tour hit CPython gh-106905 in a request thread: running it again"
    cp "$STATE/logs/$DB-tours.log" "$STATE/logs/$DB-tours-gh106905.log"
    run_tours
fi
tours=$(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$STATE/logs/$DB-tours.log" | tail -n1)
skipped=$(grep -E ' skipped ' "$STATE/logs/$DB-tours.log" || true)
if [ -n "$skipped" ] || ! printf '%s' "$tours" | grep -Eq '^0 failed, 0 error\(s\) of [1-9]'; then
    printf '%s\n' "$skipped" >&2
    grep -E ' (ERROR|FAIL)' "$STATE/logs/$DB-tours.log" | head -n 20 >&2
    die "UI tours failed (${tours:-no tour ran}; log: $STATE/logs/$DB-tours.log)"
fi
log "UI tours: $tours"

log "checking the French catalogues against the terms Odoo exports"
I18N_DIR=$(mktemp -d)
for addon in ${ADDONS//,/ }; do
    odoo_bin -c "$CONF" -d "$DB" --i18n-export="$I18N_DIR/$addon.pot" --modules="$addon" \
        --log-level=warn
done
# shellcheck disable=SC2086
"$PY" "$ROOT/.ci/i18n_check.py" "$I18N_DIR" "$ROOT" ${ADDONS//,/ } \
    || die "terms without their French translation (run .ci/i18n.sh ADDON and translate them)"
rm -rf "$I18N_DIR"
log "French catalogues: every exported term translated"

log "running the linters"
"$ROOT/.ci/lint.sh"
log "all green in $(($(date +%s) - T_START)) s"
