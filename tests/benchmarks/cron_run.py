"""The dunning run as the scheduled job runs it: committing each batch of
customers, on a throw-away copy of the bench database (its commits must not
reach the ledger the other steps reuse).

Prints the run's time, the process's resident memory after its first batch
and at its end (flat: a batch's records are dropped before the next), the
growth of its high-water mark, and the longest transaction: the longest time
between two commits, which is what other workers may wait behind.
"""

import time
from contextlib import closing

import psycopg2

import odoo
from odoo import SUPERUSER_ID, api


def _admin(statements):
    """Statements outside a transaction (databases), Odoo's pools closed."""
    odoo.sql_db.close_all()
    cfg = odoo.tools.config
    cnx = psycopg2.connect(
        host=cfg["db_host"], port=cfg["db_port"], user="postgres", dbname="postgres"
    )
    cnx.autocommit = True
    with closing(cnx), cnx.cursor() as cr:
        for statement in statements:
            cr.execute(statement)


class _Commits:
    """Wraps a cursor's commit: the time of each and the RSS then."""

    def __init__(self, cr, rss_now):
        self.cr, self.commit, self.rss_now = cr, cr.commit, rss_now
        self.times, self.rss = [time.perf_counter()], []
        cr.commit = self

    def __call__(self):
        result = self.commit()
        self.times.append(time.perf_counter())
        self.rss.append(self.rss_now())
        return result

    def longest(self):
        return max(b - a for a, b in zip(self.times, self.times[1:], strict=False))


def bench_cron_run(database, batch_size=500):
    """The run with ``autocommit`` on a copy of ``database``; its steps."""
    # run imports this module
    from run import Step, _proc_status, rss_growth, rss_reset

    copy = database + "_cron"
    _admin(
        [
            f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)',
            f'CREATE DATABASE "{copy}" TEMPLATE "{database}"',
        ]
    )
    try:
        registry = odoo.modules.registry.Registry(copy)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
            base = rss_reset()
            commits = _Commits(cr, lambda: _proc_status("VmRSS:"))
            started = time.perf_counter()
            run = env["ar.dunning.run"]._run_for_company(
                env.company, batch_size=batch_size, autocommit=True
            )
            seconds = time.perf_counter() - started
            cr.commit()
            rss = rss_growth(base)
            lines, actions = len(run.line_ids), len(run.action_ids)
            batches = len(commits.times) - 2
            longest = commits.longest()
            first, last = commits.rss[0], commits.rss[-1]
        registry.delete(copy)
    finally:
        _admin([f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)'])
    print(
        f"  ours: dunning run as the daily job ({lines} invoices, {actions} actions, "
        f"{batches} batches of {batch_size} customers, a commit each): {seconds:.3f} s; "
        f"longest transaction {longest:.2f} s; RSS {first / 2**20:.0f} MiB after "
        f"the first batch, {last / 2**20:.0f} MiB at the end",
        flush=True,
    )
    name = f"ours: dunning run as the daily job, {batches} committed batches"
    return [
        Step(name, seconds, None, rss, (lines, actions)),
        Step(
            "  its longest transaction (s; RSS: at the end less after batch 1)",
            longest,
            None,
            max(last - first, 0),
            None,
        ),
    ]
