# Shared helpers of the project's commands (sourced, never run).
# Finds the user's Odoo 18, prepares a project-local virtualenv and a private
# PostgreSQL cluster listening on a Unix socket only.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
STATE="$ROOT/.state"                 # ignored: venv stamp, logs, Odoo data dir
VENV="$ROOT/.venv"
PGDATA_DIR="$ROOT/.pg/data"
PG_PORT=5432
# a Unix socket path is limited to ~100 bytes: keep it short and private
PG_SOCKET_DIR="/tmp/ar-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-10)"
DB_USER=odoo
ADDONS="ar_risk,ar_collection,ar_factoring,ar_risk_sale"
BASE_MODULES="l10n_fr_account,sale,payment_demo"

log() { printf '\033[1m[ar]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[ar] %s\033[0m\n' "$1" >&2; exit "${2:-1}"; }

find_odoo() {
    # ODOO_PATH first, else an `odoo` package importable by python3.
    if [ -n "${ODOO_PATH:-}" ]; then
        [ -f "$ODOO_PATH/odoo/release.py" ] || die "ODOO_PATH=$ODOO_PATH holds no odoo/release.py" 2
    else
        ODOO_PATH=$(python3 - <<'PY' 2>/dev/null || true
import importlib.util, os
spec = importlib.util.find_spec("odoo")
if spec and spec.origin:
    print(os.path.dirname(os.path.dirname(spec.origin)))
PY
)
    fi
    if [ -z "$ODOO_PATH" ] || [ ! -f "$ODOO_PATH/odoo/release.py" ]; then
        cat >&2 <<'MSG'
[ar] Odoo 18.0 was not found.
     Point at an Odoo 18.0 source tree (the directory holding odoo-bin and odoo/):
         export ODOO_PATH=/path/to/odoo
     or make `odoo` importable by python3 (pip install -e /path/to/odoo, or a .pth
     file in python3's site-packages naming that directory). Nothing was run.
MSG
        exit 2
    fi
    local version
    version=$(sed -n "s/^version_info = (\([0-9]*\), \([0-9]*\).*/\1.\2/p" "$ODOO_PATH/odoo/release.py")
    [ "$version" = "18.0" ] || die "Odoo at $ODOO_PATH is $version, the suite needs 18.0" 2
    export ODOO_PATH
    ODOO_ADDONS_PATH="$ODOO_PATH/odoo/addons,$ROOT"
    [ -d "$ODOO_PATH/addons" ] && ODOO_ADDONS_PATH="$ODOO_PATH/addons,$ODOO_ADDONS_PATH"
    log "Odoo 18.0 at $ODOO_PATH"
}

apt_ensure() {
    # Debian packages the suite needs at run time or to build Odoo's requirements.
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        die "missing system packages: ${missing[*]} (install them with apt-get)" 2
    fi
    log "installing ${missing[*]} from Debian"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_system() {
    apt_ensure wkhtmltopdf poppler-utils fonts-dejavu-core libldap2-dev libsasl2-dev libpq-dev "$@"
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -x "$PG_BIN/initdb" ] || apt_ensure postgresql
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
    [ -x "$PG_BIN/initdb" ] || die "PostgreSQL server binaries not found" 2
}

ensure_venv() {
    # The venv is rebuilt when Odoo's requirements or ours change.
    local stamp want
    want=$(cat "$ODOO_PATH/requirements.txt" "$ROOT/.ci/requirements.txt" | md5sum | cut -d' ' -f1)
    stamp="$VENV/.ar-stamp"
    if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        local py
        py=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        case "$py" in 3.10|3.11|3.12) ;; *) die "python3 is $py; Odoo 18 needs 3.10 to 3.12" 2 ;; esac
        log "preparing the virtualenv $VENV (python $py)"
        python3 -m venv "$VENV"
        local constraints
        constraints=$(mktemp)
        # cbor2 5.4.2 builds with pkg_resources, gone from setuptools 81
        echo 'setuptools<81' >"$constraints"
        PIP_CONSTRAINT="$constraints" "$VENV/bin/pip" install -q --disable-pip-version-check \
            -r "$ODOO_PATH/requirements.txt" -r "$ROOT/.ci/requirements.txt" 2>&1 \
            | grep -v "^WARNING: Location" >&2 || true
        rm -f "$constraints"
        echo "$want" >"$stamp"
    fi
    # make the user's Odoo importable in the venv, without copying it
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_PATH" >"$site/ar_suite_odoo.pth"
    "$VENV/bin/python" -c "import odoo, psycopg2, lxml, xlsxwriter, num2words, pytest_odoo" \
        || { rm -f "$stamp"; die "the virtualenv $VENV could not be prepared"; }
    PY="$VENV/bin/python"
}

PG_USER=""
pg() {
    # run a PostgreSQL binary as the cluster's owner (the server refuses root)
    if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi
}

PG_STARTED=0
start_pg() {
    [ "$(id -u)" -eq 0 ] && PG_USER=postgres
    if [ -n "$PG_USER" ] && ! id "$PG_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    fi
    mkdir -p "$ROOT/.pg" "$PG_SOCKET_DIR"
    if [ -n "$PG_USER" ]; then
        chown "$PG_USER" "$ROOT/.pg" "$PG_SOCKET_DIR"
        # the server must reach its data directory through every parent
        pg test -x "$ROOT/.pg" || die "user $PG_USER cannot reach $ROOT/.pg: clone the project elsewhere" 2
    fi
    chmod 700 "$PG_SOCKET_DIR"
    if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
        log "creating the private PostgreSQL cluster in $PGDATA_DIR"
        pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
        cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$PG_SOCKET_DIR'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 100
CONF
    fi
    if ! pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
        pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$ROOT/.pg/server.log" -w -t 60 start >/dev/null \
            || { tail -n 20 "$ROOT/.pg/server.log" >&2; die "PostgreSQL did not start"; }
        PG_STARTED=1
        log "PostgreSQL started (socket $PG_SOCKET_DIR)"
    fi
    psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'" | grep -q 1 \
        || psql_admin -qc "CREATE ROLE $DB_USER LOGIN SUPERUSER"
}

stop_pg() {
    if [ "$PG_STARTED" = 1 ]; then
        pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
        PG_STARTED=0
        log "PostgreSQL stopped"
    fi
}

psql_admin() { "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -d postgres -X "$@"; }
db_exists() { psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }
drop_db() { "$PG_BIN/dropdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres --if-exists --force "$1"; }

write_odoo_conf() {
    # $1: config path, $2: database
    mkdir -p "$STATE/data"
    cat >"$1" <<CONF
[options]
addons_path = $ODOO_ADDONS_PATH
data_dir = $STATE/data
db_host = $PG_SOCKET_DIR
db_port = $PG_PORT
db_user = $DB_USER
db_password = False
db_name = $2
dbfilter = ^$2\$
list_db = False
admin_passwd = admin
http_interface = 127.0.0.1
http_port = ${AR_HTTP_PORT:-8069}
gevent_port = ${AR_GEVENT_PORT:-8072}
without_demo = False
max_cron_threads = 1
# the machine has no route to Odoo's servers: fail fast
publisher_warranty_url = http://127.0.0.1:9/
CONF
}

odoo_bin() { "$PY" "$ODOO_PATH/odoo-bin" "$@"; }

check_log() {
    # $1: log file, $2: what it was. Any WARNING/ERROR/CRITICAL is a failure,
    # except Odoo's own notice that it runs as root (CI and our demo are root).
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" \
        | grep -v "Running as user 'root' is a security risk" || true)
    if [ -n "$bad" ]; then
        printf '%s\n' "$bad" >&2
        die "Odoo logged warnings or errors while $2 (full log: $1)"
    fi
}

install_db() {
    # $1: database, $2: config. Installs French accounting with demo data, then
    # the suite, failing on any warning logged while installing the suite.
    local db=$1 conf=$2 t0
    mkdir -p "$STATE/logs"
    t0=$(date +%s)
    : >"$STATE/logs/$db-base.log"
    : >"$STATE/logs/$db-suite.log"
    local tmpl=ar_base_template
    if [ "${AR_REUSE_BASE:-0}" = 1 ] && db_exists "$tmpl"; then
        # developer shortcut: copy a French base kept from an earlier run
        log "copying $tmpl into $db (AR_REUSE_BASE=1)"
        "$PG_BIN/createdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -O "$DB_USER" -T "$tmpl" "$db"
        mkdir -p "$STATE/data/filestore"
        rm -rf "$STATE/data/filestore/$db"
        [ -d "$STATE/data/filestore/$tmpl" ] && cp -a "$STATE/data/filestore/$tmpl" "$STATE/data/filestore/$db"
    else
        log "creating database $db with French accounting and demo data"
        odoo_bin -c "$conf" -d "$db" -i base --load-language=fr_FR --stop-after-init \
            --logfile="$STATE/logs/$db-base.log" --log-level=info \
            || { tail -n 30 "$STATE/logs/$db-base.log" >&2; die "creating $db failed"; }
        # the main company is French before accounting arrives, so that it gets
        # the French chart of accounts, EUR and the French taxes
        odoo_bin shell -c "$conf" -d "$db" --no-http --log-level=warn \
            >>"$STATE/logs/$db-base.log" 2>&1 <<'PYTHON'
eur = env.ref("base.EUR")
eur.active = True
env.company.write({
    "name": "Atelier Dupont SAS",
    "country_id": env.ref("base.fr").id,
    "currency_id": eur.id,
    "street": "12 rue de la République",
    "zip": "69002",
    "city": "Lyon",
})
env.cr.commit()
PYTHON
        odoo_bin -c "$conf" -d "$db" -i "$BASE_MODULES" --stop-after-init \
            --logfile="$STATE/logs/$db-base.log" --log-level=info \
            || { tail -n 30 "$STATE/logs/$db-base.log" >&2; die "installing $BASE_MODULES in $db failed"; }
        check_log "$STATE/logs/$db-base.log" "installing $BASE_MODULES"
        if [ "${AR_REUSE_BASE:-0}" = 1 ]; then
            "$PG_BIN/createdb" -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres -O "$DB_USER" -T "$db" "$tmpl"
            rm -rf "$STATE/data/filestore/$tmpl"
            [ -d "$STATE/data/filestore/$db" ] && cp -a "$STATE/data/filestore/$db" "$STATE/data/filestore/$tmpl"
        fi
    fi
    log "installing $ADDONS in $db"
    odoo_bin -c "$conf" -d "$db" -i "$ADDONS" --stop-after-init \
        --logfile="$STATE/logs/$db-suite.log" --log-level=info \
        || { tail -n 30 "$STATE/logs/$db-suite.log" >&2; die "installing the suite in $db failed"; }
    check_log "$STATE/logs/$db-suite.log" "installing $ADDONS"
    log "database $db ready in $(($(date +%s) - t0)) s"
}

odoo_own_tests() {
    # $1: what (account, sale), $2: database, $3: modules to install, $4: test
    # tags. Odoo's own tests with the suite installed, in a database of their
    # own in English (Odoo's tests expect English labels); fails on any failure.
    local what=$1 db=$2 modules=$3 tags=$4 conf="$STATE/odoo-$1-test.conf" port log
    find_odoo
    ensure_venv
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    trap stop_pg EXIT
    start_pg
    write_odoo_conf "$conf" "$db"
    if ! db_exists "$db"; then
        log "creating $db (English) with $modules"
        mkdir -p "$STATE/logs"
        odoo_bin -c "$conf" -d "$db" -i "$modules" --stop-after-init \
            --logfile="$STATE/logs/$db-install.log" --log-level=warn \
            || { tail -n 30 "$STATE/logs/$db-install.log" >&2; die "creating $db failed"; }
    else
        log "updating the suite in $db"
        odoo_bin -c "$conf" -d "$db" -i "$modules" -u "$ADDONS" --stop-after-init \
            --logfile="$STATE/logs/$db-install.log" --log-level=warn \
            || { tail -n 30 "$STATE/logs/$db-install.log" >&2; die "updating $db failed"; }
    fi
    port=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log="$STATE/logs/$db-$what-tests.log"
    : >"$log"
    log "running Odoo's $what tests ($tags) on $db"
    odoo_bin -c "$conf" -d "$db" --test-tags "$tags" --stop-after-init --http-port="$port" \
        --logfile="$log" --log-level=info || true
    local summary
    summary=$(grep -Eo '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests' "$log" | tail -n1)
    if ! printf '%s' "$summary" | grep -Eq '^0 failed, 0 error\(s\) of [1-9]'; then
        grep -E ' (ERROR|FAIL)' "$log" | head -n 30 >&2
        die "$what tests: ${summary:-none ran} (log: $log)"
    fi
    log "$what tests: $summary"
}
