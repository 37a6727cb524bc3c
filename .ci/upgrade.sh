#!/usr/bin/env bash
# Upgrade check: install the suite as it was at an earlier revision (with demo
# data and a dunning run), upgrade it to the working tree's code, and compare
# every stored record of the suite before and after. Nothing may be lost.
#   usage: .ci/upgrade.sh [FROM_REV]     (default: the previous release tag or 82c2f28)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FROM=${1:-82c2f28}
DB=${AR_UPGRADE_DB:-ar_upgrade}
OLD_SRC="$STATE/upgrade-src"

find_odoo
ensure_system
ensure_venv
trap stop_pg EXIT
trap 'exit 130' INT TERM
start_pg

log "exporting the suite at $FROM into $OLD_SRC"
rm -rf "$OLD_SRC"
mkdir -p "$OLD_SRC"
# the addons of the suite that existed at $FROM; the others are installed by the upgrade
OLD_ADDONS=""
NEW_ONLY=""
for addon in ${ADDONS//,/ }; do
    if git -C "$ROOT" cat-file -e "$FROM:$addon/__manifest__.py" 2>/dev/null; then
        OLD_ADDONS="$OLD_ADDONS${OLD_ADDONS:+,}$addon"
    else
        NEW_ONLY="$NEW_ONLY${NEW_ONLY:+,}$addon"
    fi
done
# shellcheck disable=SC2086
git -C "$ROOT" archive "$FROM" ${OLD_ADDONS//,/ } | tar -x -C "$OLD_SRC"

NEW_ADDONS_PATH=$ODOO_ADDONS_PATH
OLD_CONF="$STATE/odoo-upgrade-old.conf"
NEW_CONF="$STATE/odoo-upgrade-new.conf"
ODOO_ADDONS_PATH=${NEW_ADDONS_PATH/%$ROOT/$OLD_SRC}
write_odoo_conf "$OLD_CONF" "$DB"
ODOO_ADDONS_PATH=$NEW_ADDONS_PATH
write_odoo_conf "$NEW_CONF" "$DB"

drop_db "$DB"
rm -rf "$STATE/data/filestore/$DB"
ADDONS=$OLD_ADDONS install_db "$DB" "$OLD_CONF"

log "adding life to the old database: a dunning run per company"
odoo_bin shell -c "$OLD_CONF" -d "$DB" --no-http --log-level=warn <<'PYTHON' >/dev/null
for company in env["res.company"].search([]):
    env["ar.dunning.run"].with_company(company)._run_for_company(company)
env.cr.commit()
PYTHON

snapshot() {
    # one line per stored table of the suite (rows and a digest of their ids)
    # and per ar_ column of Odoo's tables (non-empty values)
    "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$DB" -XAtq <<'SQL'
CREATE OR REPLACE FUNCTION pg_temp.ar_snapshot() RETURNS SETOF text AS $$
DECLARE t record; r text;
BEGIN
    FOR t IN
        SELECT c.table_name,
               EXISTS (SELECT 1 FROM information_schema.columns k
                        WHERE k.table_name = c.table_name AND k.column_name = 'id') AS has_id
          FROM information_schema.tables c
         WHERE c.table_schema = 'public' AND c.table_type = 'BASE TABLE'
           AND c.table_name LIKE 'ar\_%'
           AND c.table_name NOT IN (
               SELECT replace(model, '.', '_') FROM ir_model WHERE transient)
         ORDER BY 1
    LOOP
        IF t.has_id THEN
            EXECUTE format('SELECT %L || '' rows='' || count(*) || '' ids='' || '
                           'coalesce(md5(string_agg(id::text, '','' ORDER BY id)), ''-'') FROM %I',
                           t.table_name, t.table_name) INTO r;
        ELSE
            EXECUTE format('SELECT %L || '' rows='' || count(*) FROM %I', t.table_name, t.table_name) INTO r;
        END IF;
        RETURN NEXT r;
    END LOOP;
    FOR t IN
        SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND column_name LIKE 'ar\_%'
           AND table_name IN ('res_partner', 'res_company', 'account_move', 'account_move_line')
         ORDER BY 1, 2
    LOOP
        EXECUTE format('SELECT %L || ''.'' || %L || '' set='' || count(%I) FROM %I',
                       t.table_name, t.column_name, t.column_name, t.table_name) INTO r;
        RETURN NEXT r;
    END LOOP;
END $$ LANGUAGE plpgsql;
SELECT * FROM pg_temp.ar_snapshot();
SQL
}

managers() {
    # which suite manager groups Odoo's default user template has, and which
    # the accounting administrator implies; then what the admin user has
    "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$DB" -XAtq <<'SQL'
WITH manager AS (
    SELECT res_id AS id, name FROM ir_model_data
     WHERE model = 'res.groups' AND name LIKE 'ar\_%\_group\_manager'),
ref AS (SELECT res_id AS id, module || '.' || name AS xmlid FROM ir_model_data
         WHERE (module, name) IN (('base', 'default_user'), ('base', 'user_admin'),
                                  ('account', 'group_account_manager')))
SELECT ref.xmlid || ' ' || string_agg(manager.name, ',' ORDER BY manager.name)
  FROM ref JOIN res_groups_users_rel r ON r.uid = ref.id JOIN manager ON manager.id = r.gid
 GROUP BY ref.xmlid
UNION ALL
SELECT ref.xmlid || ' implies ' || string_agg(manager.name, ',' ORDER BY manager.name)
  FROM ref JOIN res_groups_implied_rel r ON r.gid = ref.id JOIN manager ON manager.id = r.hid
 GROUP BY ref.xmlid
ORDER BY 1;
SQL
}

managers >"$STATE/upgrade-managers-before.txt"
snapshot >"$STATE/upgrade-before.txt"
# 18.0.1.1.0: SIRETs kept in company_registry move to l10n_fr's siret
sirets() {
    "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$DB" -XAtq -c "$1"
}
sirets "SELECT id || ' ' || replace(company_registry, ' ', '') FROM res_partner
        WHERE replace(company_registry, ' ', '') ~ '^[0-9]{14}$' ORDER BY id" \
    >"$STATE/upgrade-sirets-before.txt"
# 18.0.1.0.3: the invoice's last dunning level is computed from its dunning
# lines and its column dropped; it must equal what the column held
levels() {
    "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$DB" -XAtq -c "$1"
}
if levels "SELECT 1 FROM information_schema.columns
           WHERE table_name = 'account_move' AND column_name = 'ar_dunning_level_id'" | grep -q 1; then
    levels "SELECT id || ' ' || ar_dunning_level_id FROM account_move
            WHERE ar_dunning_level_id IS NOT NULL ORDER BY id" >"$STATE/upgrade-levels-before.txt"
else
    : >"$STATE/upgrade-levels-before.txt"
fi
# 18.0.1.0.4: a dunning line's customer and company are its invoice's, their
# columns dropped; each line must still name the same ones
line_parties="SELECT line.id || ' ' || move.commercial_partner_id || ' ' || move.company_id
                FROM ar_dunning_line line JOIN account_move move ON move.id = line.move_id
               ORDER BY line.id"
if levels "SELECT 1 FROM information_schema.columns
           WHERE table_name = 'ar_dunning_line' AND column_name = 'partner_id'" | grep -q 1; then
    levels "SELECT id || ' ' || partner_id || ' ' || company_id FROM ar_dunning_line ORDER BY id" \
        >"$STATE/upgrade-line-parties-before.txt"
else
    levels "$line_parties" >"$STATE/upgrade-line-parties-before.txt"
fi
log "upgrading $OLD_ADDONS in $DB to the working tree's code${NEW_ONLY:+, installing $NEW_ONLY}"
: >"$STATE/logs/$DB-upgrade.log"
odoo_bin -c "$NEW_CONF" -d "$DB" -u "$OLD_ADDONS" ${NEW_ONLY:+-i "$NEW_ONLY"} --stop-after-init \
    --logfile="$STATE/logs/$DB-upgrade.log" --log-level=info \
    || { tail -n 30 "$STATE/logs/$DB-upgrade.log" >&2; die "upgrading $DB failed"; }
check_log "$STATE/logs/$DB-upgrade.log" "upgrading $ADDONS"
snapshot >"$STATE/upgrade-after.txt"

# every table of before must be in after with the same rows (new tables and
# columns may appear); an ar_ column of Odoo's tables may gain values, never lose them
lost=$(awk '
    NR == FNR { after[$1] = $2 " " $3; next }
    $2 ~ /^set=/ {
        split($2, b, "="); split(after[$1], a, "[= ]")
        if (!($1 in after) || a[2] + 0 < b[2] + 0) print
        next
    }
    after[$1] != $2 " " $3 { print }
' "$STATE/upgrade-after.txt" "$STATE/upgrade-before.txt")
# a column now computed and dropped on purpose is checked by its values below
lost=$(printf '%s\n' "$lost" | grep -v '^account_move\.ar_dunning_level_id ' || true)
log "$(wc -l <"$STATE/upgrade-before.txt") tables and columns compared"
if [ -n "$lost" ]; then
    printf 'before the upgrade:\n%s\n' "$lost" >&2
    while read -r key _rest; do
        grep -F "$key " "$STATE/upgrade-after.txt" | sed 's/^/after:  /' >&2 || echo "after:  $key gone" >&2
    done <<<"$lost"
    die "records were lost or changed by the upgrade from $FROM"
fi
# 18.0.1.0.1: the accounting administrator no longer implies the suite's
# manager groups and the default user template loses them; users keep theirs
managers >"$STATE/upgrade-managers-after.txt"
admins='base.user_admin ar_collection_group_manager,ar_factoring_group_manager,ar_risk_group_manager'
grep -qx "$admins" "$STATE/upgrade-managers-after.txt" \
    && ! grep -q 'default_user\|group_account_manager' "$STATE/upgrade-managers-after.txt" \
    || { sed 's/^/before: /' "$STATE/upgrade-managers-before.txt" >&2
         sed 's/^/after:  /' "$STATE/upgrade-managers-after.txt" >&2
         die "the suite's manager groups were not detached from the accounting administrator"; }
log "manager groups: $(paste -sd ';' "$STATE/upgrade-managers-before.txt") -> $(paste -sd ';' "$STATE/upgrade-managers-after.txt")"
grep ' rows=' "$STATE/upgrade-before.txt" | awk '{print "  " $1 " " $2}' >&2
sirets "SELECT id || ' ' || coalesce(nullif(siret, ''), replace(company_registry, ' ', ''))
        FROM res_partner WHERE id IN ($(cut -d' ' -f1 "$STATE/upgrade-sirets-before.txt" | paste -sd, | sed 's/^$/0/'))
        ORDER BY id" >"$STATE/upgrade-sirets-after.txt"
moved=$(sirets "SELECT count(*) FROM res_partner WHERE siret IS NOT NULL AND id IN ($(cut -d' ' -f1 "$STATE/upgrade-sirets-before.txt" | paste -sd, | sed 's/^$/0/'))")
cmp -s "$STATE/upgrade-sirets-before.txt" "$STATE/upgrade-sirets-after.txt" \
    || { diff "$STATE/upgrade-sirets-before.txt" "$STATE/upgrade-sirets-after.txt" >&2
         die "SIRET values were lost moving them to the siret field"; }
log "SIRET: $moved of $(wc -l <"$STATE/upgrade-sirets-before.txt") partners' values now in the siret field"
levels "SELECT DISTINCT ON (move_id) move_id || ' ' || level_id FROM ar_dunning_line
        ORDER BY move_id, id DESC" >"$STATE/upgrade-levels-after.txt"
cmp -s "$STATE/upgrade-levels-before.txt" "$STATE/upgrade-levels-after.txt" \
    || { diff "$STATE/upgrade-levels-before.txt" "$STATE/upgrade-levels-after.txt" >&2
         die "invoices' last dunning levels differ from their dunning lines after the upgrade"; }
log "last dunning level: $(wc -l <"$STATE/upgrade-levels-before.txt") invoices, the same from their dunning lines"
levels "$line_parties" >"$STATE/upgrade-line-parties-after.txt"
cmp -s "$STATE/upgrade-line-parties-before.txt" "$STATE/upgrade-line-parties-after.txt" \
    || { diff "$STATE/upgrade-line-parties-before.txt" "$STATE/upgrade-line-parties-after.txt" >&2
         die "dunning lines name other customers or companies after the upgrade"; }
log "dunning lines: $(wc -l <"$STATE/upgrade-line-parties-before.txt") lines, the same customer and company from their invoice"
log "upgrade from $FROM keeps every record"
