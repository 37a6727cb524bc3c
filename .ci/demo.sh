#!/usr/bin/env bash
# Command 1: the private PostgreSQL cluster, a database with French accounting,
# demo data and the suite, served at http://127.0.0.1:8069. Re-running reuses
# the cluster and the database (pass --reset to rebuild it); Ctrl-C stops
# what this command started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DB=${AR_DEMO_DB:-ar_demo}
CONF="$STATE/odoo-demo.conf"

find_odoo
ensure_system
ensure_venv
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg
write_odoo_conf "$CONF" "$DB"

if [ "${1:-}" = "--reset" ]; then
    drop_db "$DB"
    rm -rf "$STATE/data/filestore/$DB"
fi
if db_exists "$DB"; then
    log "reusing database $DB (updating the suite's modules)"
    odoo_bin -c "$CONF" -d "$DB" -u "$ADDONS" --stop-after-init --logfile="$STATE/logs/$DB-update.log" \
        || { tail -n 30 "$STATE/logs/$DB-update.log" >&2; die "updating $DB failed"; }
else
    install_db "$DB" "$CONF"
fi

cat >&2 <<MSG

  Odoo is starting at  http://127.0.0.1:8069
  login: admin   password: admin   database: $DB
  Ctrl-C stops Odoo and the private PostgreSQL it started.

MSG
# not exec: the EXIT trap must stop PostgreSQL after Odoo ends
odoo_bin -c "$CONF" -d "$DB" --log-level=info || true
