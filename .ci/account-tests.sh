#!/usr/bin/env bash
# Odoo's own `account` tests with the suite installed: our overrides of
# posting, payments and partners must leave them green. Runs on the test
# database of .ci/test.sh (run it first). Usage: .ci/account-tests.sh [TAGS]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_TEST_DB:-ar_test}
CONF="$STATE/odoo-test.conf"
TAGS=${1:-/account:TestAccountMoveOutInvoiceOnchanges,/account:TestAccountMoveOutRefundOnchanges,/account:TestAccountPaymentRegister,/account:TestAccountMovePaymentsWidget,/account:TestAccountPartner,/account:TestAccountMoveReconcile,/account:TestResPartnerMerge,/account:TestAccountPayment}
find_odoo
ensure_venv
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
trap stop_pg EXIT
start_pg
write_odoo_conf "$CONF" "$DB"
db_exists "$DB" || die "no database $DB: run .ci/test.sh once first"
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
LOG="$STATE/logs/$DB-account-tests.log"
: >"$LOG"
log "running Odoo's account tests ($TAGS) on $DB"
odoo_bin -c "$CONF" -d "$DB" --test-tags "$TAGS" --stop-after-init --http-port="$PORT" \
    --logfile="$LOG" --log-level=info || true
summary=$(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$LOG" | tail -n1)
if ! printf '%s' "$summary" | grep -Eq '^0 failed, 0 error\(s\) of [1-9]'; then
    grep -E ' (ERROR|FAIL)' "$LOG" | head -n 30 >&2
    die "account tests: ${summary:-none ran} (log: $LOG)"
fi
log "account tests: $summary"
