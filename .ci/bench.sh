#!/usr/bin/env bash
# Benchmarks on a generated ledger, in their own database ar_bench (never in CI),
# side by side with the OCA addons users would otherwise install.
#   .ci/bench.sh                                  small scale (20,000 lines over 2,000 customers)
#   .ci/bench.sh --lines 1000000 --customers 20000 --only-aged
#   .ci/bench.sh --no-peers                       our suite alone
#   .ci/bench.sh --replica                        the aged balance on a streaming replica
#   .ci/bench.sh --load [--users 50 --seconds 90] 50 collectors (Locust) during the dunning run,
#                                                 without and with the replica (--lines 100000)
# Other flags go to tests/benchmarks/run.py or scale.py (see their --help).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_BENCH_DB:-ar_bench}
CONF="$STATE/odoo-bench.conf"
PEERS_DIR="$STATE/bench-peers"
PEERS_REQ="$ROOT/tests/benchmarks/peers.txt"
PEER_MODULES="account_financial_report,account_credit_control"

REPLICA_DIR="$ROOT/.pg/replica"
REPLICA_PORT=$((PG_PORT + 1))
LOCUST_DIR="$STATE/bench-locust"

WITH_PEERS=1
MODE=run
args=()
for arg in "$@"; do
    case "$arg" in
        --no-peers) WITH_PEERS=0 ;;
        --replica) MODE=replica; WITH_PEERS=0 ;;
        --load) MODE=load; WITH_PEERS=0 ;;
        *) args+=("$arg") ;;
    esac
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

REPLICA_STARTED=0
start_replica() {
    # a streaming replica of the whole cluster, on the same private socket
    # (another port): pg_basebackup -R writes its standby settings
    log "starting a streaming replica in $REPLICA_DIR (port $REPLICA_PORT)"
    rm -rf "$REPLICA_DIR"
    pg "$PG_BIN/pg_basebackup" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres \
        -D "$REPLICA_DIR" -R -X stream -c fast
    pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -l "$ROOT/.pg/replica.log" -w -t 120 \
        -o "-p $REPLICA_PORT -c shared_preload_libraries=pg_stat_statements" start >/dev/null \
        || { tail -n 20 "$ROOT/.pg/replica.log" >&2; die "the replica did not start"; }
    REPLICA_STARTED=1
}

stop_replica() {
    if [ "$REPLICA_STARTED" = 1 ]; then
        pg "$PG_BIN/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$REPLICA_DIR"
        REPLICA_STARTED=0
        log "replica stopped and removed"
    fi
}

ensure_locust() {
    # Locust and its dependencies in a directory of the benchmark's own
    if [ ! -f "$LOCUST_DIR/locust/__init__.py" ]; then
        log "installing Locust into $LOCUST_DIR"
        "$PY" -m pip install -q --disable-pip-version-check --target "$LOCUST_DIR" locust \
            2>&1 | grep -v "^WARNING: Location" >&2 || true
        [ -f "$LOCUST_DIR/locust/__init__.py" ] || die "Locust could not be installed"
    fi
}

find_odoo
ensure_system
ensure_venv
trap 'stop_replica; stop_pg' EXIT
trap 'exit 130' INT TERM
start_pg
write_odoo_conf "$CONF" "$DB"
[ "$WITH_PEERS" = 1 ] && ensure_peers
if db_exists "$DB"; then
    # a ledger kept from an earlier run measures the working tree's code
    log "updating $ADDONS in $DB"
    odoo_bin -c "$CONF" -d "$DB" -u "$ADDONS" --stop-after-init \
        --logfile="$STATE/logs/$DB-update.log" --log-level=warn \
        || { tail -n 30 "$STATE/logs/$DB-update.log" >&2; die "updating the suite in $DB failed"; }
else
    AR_REUSE_BASE=${AR_REUSE_BASE:-1} install_db "$DB" "$CONF"
fi
if [ "$WITH_PEERS" = 1 ] && ! peers_installed; then
    log "installing $PEER_MODULES in $DB"
    odoo_bin -c "$CONF" -d "$DB" -i "$PEER_MODULES" --stop-after-init \
        --logfile="$STATE/logs/$DB-peers.log" --log-level=warn \
        || { tail -n 30 "$STATE/logs/$DB-peers.log" >&2; die "installing the OCA peers failed"; }
fi
if [ "$MODE" = run ]; then
    [ "$WITH_PEERS" = 1 ] || args+=("--no-peers")
    "$PY" "$ROOT/tests/benchmarks/run.py" -c "$CONF" -d "$DB" "${args[@]}"
    exit 0
fi
# the replica's statistics of statements (the primary does not preload them)
psql_admin -d "$DB" -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
scale=("$PY" "$ROOT/tests/benchmarks/scale.py")
# the ledger and the collectors first, so that the replica starts with them
"${scale[@]}" prepare -c "$CONF" -d "$DB" "${args[@]}"
start_replica
if [ "$MODE" = load ]; then
    ensure_locust
    "${scale[@]}" load -c "$CONF" -d "$DB" --replica-port "$REPLICA_PORT" \
        --locust-dir "$LOCUST_DIR" "${args[@]}"
else
    "${scale[@]}" replica -c "$CONF" -d "$DB" --replica-port "$REPLICA_PORT" "${args[@]}"
fi
