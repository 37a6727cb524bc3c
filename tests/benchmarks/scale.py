"""Scale-out benchmarks on a real multi-worker Odoo (never run in CI).

    python tests/benchmarks/scale.py replica -c CONF -d DB --replica-port N
    python tests/benchmarks/scale.py load -c CONF -d DB --locust-dir DIR
        [--replica-port N] [--users 50] [--seconds 90] [--tasks 40]

``replica``: Odoo with ``--workers 4`` and ``db_replica_host``; the aged
balance summary through JSON-RPC; the replica's own statistics
(pg_stat_statements, table scan counters) show where its query ran, and its
result is compared with the primary's.

``load``: Locust, headless, drives collectors (see ``locustfile.py``) while
the dunning run works on the ledger, on a fresh copy of the database, without
and then with the replica: p50/p95 per page, errors and duplicates.

Traffic goes to 127.0.0.1 only; every run is bounded in users, requests and
seconds; the servers started here are stopped here.
"""

import argparse
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import psycopg2
import requests
import run

import odoo
from odoo import SUPERUSER_ID, api, fields

HERE = Path(__file__).parent
AGED_QUERY = "%WITH later AS%"
COLLECTOR_GROUPS = (
    "base.group_user",
    "account.group_account_invoice",
    "ar_risk.ar_risk_group_user",
    "ar_collection.ar_collection_group_user",
)


def _config():
    return odoo.tools.config


def pg_connect(dbname, port=None):
    cfg = _config()
    return psycopg2.connect(
        host=cfg["db_host"],
        port=port or cfg["db_port"],
        user="postgres",
        dbname=dbname,
    )


def pg_value(dbname, query, port=None):
    """The first row of ``query``, on its own short connection."""
    with closing(pg_connect(dbname, port)) as cnx, cnx.cursor() as cr:
        cr.execute(query)
        return cr.fetchone()


def wait_replayed(dbname, replica_port, timeout=30):
    """Wait until the replica has replayed the primary's WAL so far."""
    (lsn,) = pg_value(dbname, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        (done,) = pg_value(
            dbname,
            f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn",
            replica_port,
        )
        if done:
            return
        time.sleep(0.1)
    raise SystemExit("the replica did not catch up in %d s" % timeout)


@contextmanager
def odoo_server(conf, dbname, replica_port=None, workers=4, logfile=None):
    """A real Odoo with ``workers`` workers on 127.0.0.1, stopped on exit."""
    cfg = _config()
    port = int(cfg["http_port"])
    cmd = [
        sys.executable,
        str(Path(odoo.__file__).parent.parent / "odoo-bin"),
        "-c",
        conf,
        "-d",
        dbname,
        f"--db-filter=^{dbname}$",
        "--workers",
        str(workers),
        "--max-cron-threads",
        "0",
        "--limit-time-real",
        "300",
        "--limit-time-cpu",
        "300",
        "--log-level",
        "warn",
        "--logfile",
        logfile or os.devnull,
    ]
    if replica_port:
        cmd += [
            f"--db_replica_host={cfg['db_host']}",
            f"--db_replica_port={replica_port}",
        ]
    # its stderr apart: the gevent worker's tracebacks, if any, stay there
    stderr = open(f"{logfile}.stderr" if logfile else os.devnull, "w")  # noqa: SIM115
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Odoo did not start (see its log)")
            try:
                if requests.get(url + "/web/login", timeout=60).status_code == 200:
                    break
            except requests.RequestException:
                pass  # not listening yet, or its workers still loading
            time.sleep(1)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        stderr.close()


class Client:
    """A JSON-RPC client as the web client is one."""

    def __init__(self, url, dbname, login, password):
        self.url, self.session = url, requests.Session()
        result = self._post(
            "/web/session/authenticate",
            {"db": dbname, "login": login, "password": password},
        )
        self.context = result["user_context"]

    def _post(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=300,
        )
        body = response.json()
        if "error" in body:
            raise SystemExit(json.dumps(body["error"]["data"]["message"]))
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": {"context": self.context, **kwargs},
            },
        )


def aml_scans(dbname, port=None):
    """Sequential + index scans of account_move_line on one server."""
    (scans,) = pg_value(
        dbname,
        "SELECT COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0) FROM pg_stat_user_tables"
        " WHERE relname = 'account_move_line'",
        port,
    )
    return scans


def bench_replica(args):
    """The aged balance through RPC on Odoo with a replica: where it ran."""
    dbname, port = args.database, args.replica_port
    pg_value(dbname, "SELECT pg_stat_statements_reset()", port)
    with odoo_with_env(args) as env:
        company = env.company
        today = fields.Date.context_today(env["res.partner"])
        _buckets, rows = env["report.ar_collection.report_aged_balance"]._summary(
            company, today
        )
        primary = round(sum(row["total"] for row in rows), 2), len(rows)
    logfile = Path(args.config).parent / "logs" / f"{dbname}-replica-odoo.log"
    with odoo_server(args.config, dbname, port, logfile=str(logfile)) as url:
        client = Client(url, dbname, "admin", "admin")
        wizard = client.call("ar.aged.balance", "create", {"date_at": str(today)})
        wait_replayed(dbname, port)
        time.sleep(1.5)  # table statistics are flushed once a second
        before = aml_scans(dbname), aml_scans(dbname, port)
        times = []
        for _run in range(args.runs):
            started = time.perf_counter()
            summary = client.call("ar.aged.balance", "get_summary", [wizard])
            times.append(time.perf_counter() - started)
        time.sleep(1.5)
        after = aml_scans(dbname), aml_scans(dbname, port)
    replica_result = round(summary["total"], 2), len(summary["rows"])
    calls, ms = pg_value(
        dbname,
        "SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(total_exec_time), 0)"
        f" FROM pg_stat_statements WHERE query LIKE '{AGED_QUERY}'",
        port,
    )
    print("\nAged balance summary through JSON-RPC, Odoo --workers 4 with a replica")
    print(f"  {args.runs} calls, median {sorted(times)[len(times) // 2]:.3f} s")
    print(f"  replica pg_stat_statements: {calls} aged balance queries, {ms:.0f} ms")
    print(
        f"  account_move_line scans during the calls: primary {after[0] - before[0]},"
        f" replica {after[1] - before[1]}"
    )
    print(f"  total and customers, replica: {replica_result}, primary: {primary}")
    same = (
        abs(replica_result[0] - primary[0]) < 0.01 and replica_result[1] == primary[1]
    )
    ran_there = calls >= args.runs
    print(
        f"  ran on the replica: {'yes' if ran_there else 'NO'}; same result: "
        f"{'yes' if same else 'NO'}"
    )
    if not (same and ran_there):
        raise SystemExit(1)


@contextmanager
def odoo_with_env(args, dbname=None):
    registry = odoo.modules.registry.Registry(dbname or args.database)
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})


def prepare_load(args):
    """Collector users (password = login), each with customers and planned
    calls, and the bench's dunning scenario; the customers' ids."""
    with odoo_with_env(args) as env:
        run.ensure_ledger(env, args.lines, args.customers)
        run.ledger.vacuum(args.database)
        run.bench_scenario(env, env.company)
        groups = [env.ref(xmlid).id for xmlid in COLLECTOR_GROUPS]
        logins = [f"bench_collector_{i:02d}" for i in range(args.users)]
        Users = env["res.users"].with_context(no_reset_password=True)
        users = Users.search([("login", "in", logins)])
        for login in set(logins) - set(users.mapped("login")):
            users |= Users.create(
                {
                    "name": login,
                    "login": login,
                    "password": login,
                    "groups_id": [fields.Command.set(groups)],
                }
            )
        customers = env["res.partner"].search(
            [("name", "like", "Client bench")], limit=20 * len(users)
        )
        for index, partner in enumerate(customers):
            partner.ar_collector_id = users[index % len(users)]
        env.cr.commit()
        return logins, customers.ids


def load_once(args, dbname, logins, customers, replica_port):
    """One Locust run with the dunning run working beside it."""
    csv_prefix = Path(tempfile.mkdtemp(prefix="ar-load-")) / "stats"
    logdir = Path(args.config).parent / "logs"
    label = "with replica" if replica_port else "primary only"
    with odoo_server(
        args.config,
        dbname,
        replica_port,
        logfile=str(
            logdir / f"{dbname}-load-{'replica' if replica_port else 'primary'}.log"
        ),
    ) as url:
        if replica_port:
            wait_replayed(dbname, replica_port)
        # every worker loads the registry on its first request: not measured
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda login: Client(url, dbname, login, login), logins[:8]))
        dunning = subprocess.Popen(
            [sys.executable, __file__, "dunning", "-c", args.config, "-d", dbname],
            start_new_session=True,
        )
        env = dict(
            os.environ,
            PYTHONPATH=args.locust_dir,
            AR_LOAD_USERS=",".join(logins),
            AR_LOAD_CUSTOMERS=",".join(map(str, customers)),
            AR_LOAD_DB=dbname,
            AR_LOAD_TASKS=str(args.tasks),
        )
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--host",
                url,
                "--users",
                str(args.users),
                "--spawn-rate",
                "10",
                "--run-time",
                f"{args.seconds}s",
                "--stop-timeout",
                "30",
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--loglevel",
                "ERROR",
            ],
            env=env,
            check=False,
            timeout=args.seconds + 120,
            stdout=subprocess.DEVNULL,
        )
        load_seconds = time.perf_counter() - started
        try:
            dunning_rc = dunning.wait(args.seconds + 600)
        except subprocess.TimeoutExpired:
            os.killpg(dunning.pid, signal.SIGKILL)
            raise SystemExit("the dunning run did not end in time") from None
    with open(f"{csv_prefix}_stats.csv") as stats:
        rows = list(csv.DictReader(stats))
    shutil.rmtree(csv_prefix.parent)
    with odoo_with_env(args, dbname) as env:
        duplicates = _duplicates(env)
        (actions,) = pg_value(
            dbname,
            "SELECT count(*) FROM ar_collection_action WHERE dunning_run_id IS NOT NULL",
        )
    print(
        f"\n{label}: {args.users} collectors for {load_seconds:.0f} s, "
        f"dunning run {'done' if dunning_rc == 0 else 'FAILED'} "
        f"({actions} actions)"
    )
    print(f"  {'page':<22} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}")
    errors = 0
    for row in rows:
        errors += int(row["Failure Count"]) if row["Name"] != "Aggregated" else 0
        print(
            f"  {row['Name']:<22} {row['Request Count']:>8} {row['Failure Count']:>6}"
            f" {row['50%']:>7} {row['95%']:>7}"
        )
    print(f"  errors: {errors}, duplicates: {duplicates}")
    return errors + duplicates + (dunning_rc != 0)


def _duplicates(env):
    """Customers with two actions of one level from the run, and invoices
    dunned twice at one level."""
    env.cr.execute(
        """
        SELECT (SELECT count(*) FROM (
                    SELECT 1 FROM ar_collection_action
                     WHERE dunning_run_id IS NOT NULL AND active
                  GROUP BY partner_id, dunning_level_id, dunning_run_id
                    HAVING count(*) > 1) d)
             + (SELECT count(*) FROM (
                    SELECT 1 FROM ar_dunning_line
                  GROUP BY move_id, level_id HAVING count(*) > 1) l)
        """
    )
    return env.cr.fetchone()[0]


def pg_admin(*statements):
    """Statements outside a transaction (databases), Odoo's pools closed."""
    odoo.sql_db.close_all()
    with closing(pg_connect("postgres")) as cnx:
        cnx.autocommit = True
        with cnx.cursor() as cr:
            for statement in statements:
                cr.execute(statement)


def copy_database(args, target):
    """A fresh copy of the bench database (and its filestore) for one run."""
    pg_admin(
        f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)',
        f'CREATE DATABASE "{target}" TEMPLATE "{args.database}"',
    )
    filestore = Path(_config().filestore(args.database))
    if filestore.is_dir():
        shutil.rmtree(_config().filestore(target), ignore_errors=True)
        shutil.copytree(filestore, _config().filestore(target))


def drop_database(target):
    pg_admin(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
    shutil.rmtree(_config().filestore(target), ignore_errors=True)


def bench_load(args):
    logins, customers = prepare_load(args)  # already made: only read here
    target = args.database + "_load"
    failures = 0
    modes = [None] + ([args.replica_port] if args.replica_port else [])
    try:
        for replica_port in modes:
            copy_database(args, target)
            failures += load_once(args, target, logins, customers, replica_port)
    finally:
        drop_database(target)
    if failures:
        raise SystemExit(1)


def dunning(args):
    """The dunning run of the main company, as its scheduled job runs it."""
    with odoo_with_env(args) as env:
        env["ar.dunning.run"]._run_for_company(env.company)
        env.cr.commit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("prepare", "replica", "load", "dunning"))
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--replica-port", type=int)
    parser.add_argument("--locust-dir")
    parser.add_argument("--lines", type=int, default=100000)
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--tasks", type=int, default=40, help="pages per collector")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    modes = {
        "prepare": prepare_load,
        "replica": bench_replica,
        "load": bench_load,
        "dunning": dunning,
    }
    modes[args.mode](args)


if __name__ == "__main__":
    main()
