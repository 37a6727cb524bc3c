#!/usr/bin/env bash
# Benchmarks on a generated ledger, in their own database ar_bench (never in CI).
#   .ci/bench.sh                 small scale (20,000 lines over 2,000 customers)
#   .ci/bench.sh --lines 1000000 --customers 20000
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DB=${AR_BENCH_DB:-ar_bench}
CONF="$STATE/odoo-bench.conf"
find_odoo
ensure_system
ensure_venv
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg
write_odoo_conf "$CONF" "$DB"
db_exists "$DB" || AR_REUSE_BASE=${AR_REUSE_BASE:-1} install_db "$DB" "$CONF"
"$PY" "$ROOT/tests/benchmarks/run.py" -c "$CONF" -d "$DB" "$@"
