#!/usr/bin/env bash
# Benchmarks on a generated ledger, in their own database ar_bench (never in CI),
# side by side with the OCA addons users would otherwise install.
#   .ci/bench.sh                                  small scale (20,000 lines over 2,000 customers)
#   .ci/bench.sh --lines 1000000 --customers 20000 --only-aged
#   .ci/bench.sh --no-peers                       our suite alone
# Other flags go to tests/benchmarks/run.py (see its --help).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_BENCH_DB:-ar_bench}
CONF="$STATE/odoo-bench.conf"
PEERS_DIR="$STATE/bench-peers"
PEERS_REQ="$ROOT/tests/benchmarks/peers.txt"
PEER_MODULES="account_financial_report,account_credit_control"

WITH_PEERS=1
args=()
for arg in "$@"; do
    if [ "$arg" = "--no-peers" ]; then WITH_PEERS=0; else args+=("$arg"); fi
done

ensure_peers() {
    # the OCA wheels, without their dependencies (Odoo is the user's), in a
    # directory of the benchmark's own: never in the suite's environment
    local stamp="$PEERS_DIR/.ar-stamp" want
    want=$(md5sum "$PEERS_REQ" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        log "installing the OCA peers from their wheels into $PEERS_DIR"
        rm -rf "$PEERS_DIR"
        "$PY" -m pip install -q --disable-pip-version-check --no-deps --target "$PEERS_DIR" \
            -r "$PEERS_REQ" 2>&1 | grep -v "^WARNING: Location" >&2 || true
        [ -f "$PEERS_DIR/odoo/addons/account_credit_control/__manifest__.py" ] \
            || die "the OCA peers could not be installed (see $PEERS_REQ)"
        echo "$want" >"$stamp"
    fi
    sed -i "s|^addons_path = .*|&,$PEERS_DIR/odoo/addons|" "$CONF"
}

peers_installed() {
    [ "$(psql_admin -d "$DB" -tAc "SELECT count(*) FROM ir_module_module
        WHERE name IN ('account_financial_report', 'account_credit_control')
          AND state = 'installed'")" = 2 ]
}

find_odoo
ensure_system
ensure_venv
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg
write_odoo_conf "$CONF" "$DB"
[ "$WITH_PEERS" = 1 ] && ensure_peers
db_exists "$DB" || AR_REUSE_BASE=${AR_REUSE_BASE:-1} install_db "$DB" "$CONF"
if [ "$WITH_PEERS" = 1 ] && ! peers_installed; then
    log "installing $PEER_MODULES in $DB"
    odoo_bin -c "$CONF" -d "$DB" -i "$PEER_MODULES" --stop-after-init \
        --logfile="$STATE/logs/$DB-peers.log" --log-level=warn \
        || { tail -n 30 "$STATE/logs/$DB-peers.log" >&2; die "installing the OCA peers failed"; }
fi
[ "$WITH_PEERS" = 1 ] || args+=("--no-peers")
"$PY" "$ROOT/tests/benchmarks/run.py" -c "$CONF" -d "$DB" "${args[@]}"
