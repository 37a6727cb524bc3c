"""Benchmarks of the suite on a large receivable ledger, side by side with the
OCA addons users would otherwise install (never run in CI).

    python tests/benchmarks/run.py -c ODOO_CONF -d DATABASE [--lines N]
        [--customers N] [--runs N] [--only-aged] [--no-peers]

Prints one table: for each step the median wall time of several runs, the
Python peak memory (tracemalloc) and the growth of the process's resident
high-water mark; then the ratios to the raw SQL lower bound and to the OCA
peers, all measured in the same process on the same database, since the
machine is noisy.
"""

import argparse
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import NamedTuple

import cron_run
import ledger
import peers
import psycopg2.errors
import statements

import odoo
from odoo import SUPERUSER_ID, Command, api, fields


class Step(NamedTuple):
    name: str
    seconds: float
    py_peak: int | None
    rss: int
    result: object
    # stopped at --peer-timeout: ``seconds`` is a lower bound
    unfinished: bool = False


def _proc_status(key):
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def rss_reset():
    """Reset the resident high-water mark (Linux 4.0+) and return the RSS now."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass
    return _proc_status("VmRSS:")


def rss_growth(base):
    """Growth of the resident high-water mark since ``rss_reset``."""
    return max(_proc_status("VmHWM:") - base, 0)


def measure(name, func, runs, undo=None, trace=True, warm=False):
    """Median wall time of ``runs`` runs and the RSS high-water growth over
    them; then, with ``trace``, the Python peak of one more run under
    tracemalloc (which slows it, hence apart). ``undo`` runs after each run
    (a rollback, for steps that write). ``warm``: one untimed run first, so
    that a query and its bound compare warm (the first of a process pays the
    connection's catalog cache and the cold pages)."""
    times, result = [], None
    if warm:
        func()
        if undo:
            undo()
    base = rss_reset()
    for _run in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
        if undo:
            undo()
    rss = rss_growth(base)
    peak = None
    if trace:
        tracemalloc.start()
        func()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if undo:
            undo()
    step = Step(name.format(result=result), statistics.median(times), peak, rss, result)
    print(f"  {step.name}: {step.seconds:.3f} s", flush=True)
    return step


def raw_sql_bound(env, company):
    """The single query an aged balance cannot beat: sum of today's residuals
    per customer and age, no as-of reconstruction."""
    env.cr.execute(
        """
        SELECT p.commercial_partner_id,
               width_bucket(current_date - COALESCE(l.date_maturity, l.date), 0, 150, 5),
               sum(l.amount_residual)
          FROM account_move_line l
          JOIN account_account acc ON acc.id = l.account_id
          JOIN res_partner p ON p.id = l.partner_id
         WHERE acc.account_type = 'asset_receivable' AND l.parent_state = 'posted'
           AND l.amount_residual <> 0 AND l.company_id = %s
      GROUP BY 1, 2
        """,
        (company.id,),
    )
    return len(env.cr.fetchall())


def raw_sql_bound_at(env, company, date_at):
    """The same at a past date: today's residuals plus what was reconciled
    after the date (both sides of each partial), for the lines dated up to
    it; no names, no sort, no configurable buckets."""
    env.cr.execute(
        """
        WITH later AS (
            SELECT line_id, sum(amount) AS amount
              FROM (SELECT debit_move_id AS line_id, amount
                      FROM account_partial_reconcile
                     WHERE max_date > %(date)s AND company_id = %(company)s
                 UNION ALL
                    SELECT credit_move_id, -amount
                      FROM account_partial_reconcile
                     WHERE max_date > %(date)s AND company_id = %(company)s) undone
          GROUP BY line_id
        )
        SELECT p.commercial_partner_id,
               width_bucket(%(date)s - COALESCE(l.date_maturity, l.date), 0, 150, 5),
               sum(l.amount_residual + COALESCE(later.amount, 0))
          FROM account_move_line l
          JOIN account_account acc ON acc.id = l.account_id
          JOIN res_partner p ON p.id = l.partner_id
     LEFT JOIN later ON later.line_id = l.id
         WHERE acc.account_type = 'asset_receivable' AND l.parent_state = 'posted'
           AND l.company_id = %(company)s AND l.date <= %(date)s
           AND (l.amount_residual <> 0 OR later.line_id IS NOT NULL)
      GROUP BY 1, 2
        """,
        {"company": company.id, "date": date_at},
    )
    return len(env.cr.fetchall())


def bench_aged(env, company, runs, peer_runs, peer_trace):
    """Aged balance today and at the last month end, then the XLSX with
    detail: the raw SQL bound, ours, then the OCA report (last, as its
    memory would hide ours in the resident high-water mark)."""
    today = fields.Date.context_today(env["res.partner"])
    month_end = fields.Date.subtract(fields.Date.start_of(today, "month"), days=1)
    dates = (("today", today), ("at last month end", month_end))
    bound = measure(
        "raw SQL lower bound (aged summary today)",
        lambda: raw_sql_bound(env, company),
        runs,
        warm=True,
    )
    bound_at = measure(
        "raw SQL lower bound (aged summary at last month end)",
        lambda: raw_sql_bound_at(env, company, month_end),
        runs,
        warm=True,
    )
    ours = {}
    for label, date_at in dates:
        ours[label] = measure(
            f"ours: aged balance summary {label} ({{result[1]}} customers)",
            lambda date_at=date_at: _our_summary(env, company, date_at),
            runs,
            warm=True,
        )
    xlsx_writer = env["report.ar_collection.report_aged_balance_xlsx"]
    xlsx = measure(
        "ours: aged balance XLSX with detail ({result} KiB)",
        lambda: len(xlsx_writer._generate(company, today)) // 1024,
        1,
    )
    steps = [bound, bound_at, *ours.values(), xlsx]
    ratios = [
        ("our aged summary today / raw SQL bound", ours["today"], bound, 1.5, "le"),
        (
            "our aged summary at last month end / its raw SQL bound",
            ours["at last month end"],
            bound_at,
            2.0,
            "le",
        ),
        ("our XLSX with detail / raw SQL bound", xlsx, bound, None, None),
    ]
    if not peer_runs:
        return steps, ratios
    for label, date_at in dates:
        oca = measure(
            f"OCA aged partner balance {label} ({{result[1]}} customers)",
            lambda date_at=date_at: peers.aged_summary(env, company, date_at),
            peer_runs,
            trace=peer_trace,
        )
        steps.append(oca)
        _same_total("aged summary " + label, ours[label].result[0], oca.result[0])
        ratios.append(
            (f"OCA aged summary {label} / ours", oca, ours[label], 10.0, "ge")
        )
    oca_xlsx = measure(
        "OCA aged partner balance XLSX with detail ({result} KiB)",
        lambda: peers.aged_xlsx(env, company, today) // 1024,
        1,
        trace=peer_trace,
    )
    steps.append(oca_xlsx)
    ratios.append(("OCA XLSX with detail / ours", oca_xlsx, xlsx, 5.0, "ge"))
    return steps, ratios


def _our_summary(env, company, date_at):
    engine = env["report.ar_collection.report_aged_balance"]
    _buckets, rows = engine._summary(company, date_at)
    return round(sum(row["total"] for row in rows), 2), len(rows)


def _same_total(what, ours, theirs):
    """Both reports must add up to the same receivable: else they do not
    measure the same work, and the ratio means nothing."""
    if abs(ours - theirs) > 0.01:
        print(
            f"  WARNING {what}: ours totals {ours:.2f}, the OCA report {theirs:.2f}",
            flush=True,
        )


def bench_exposure(env, company, runs):
    if "_ar_exposure_by_partner" not in dir(env["res.partner"]):
        return []
    return [
        measure(
            "ours: exposure of all customers ({result})",
            lambda: len(env["res.partner"]._ar_exposure_by_partner(None, company)),
            runs,
        )
    ]


def bench_scenario(env, company):
    """Our three-level scenario (15, 45, 75 days) as the only active one."""
    Scenario = env["ar.dunning.scenario"]
    scenario = Scenario.search(
        [("company_id", "=", company.id), ("name", "=", "Bench 3 levels")]
    ) or Scenario.create(
        {
            "name": "Bench 3 levels",
            "company_id": company.id,
            "priority": 1,
            "amount_min": 0.01,
            "level_ids": [
                Command.create({"name": name, "offset_days": days, "channel": "call"})
                for name, days in (("Reminder", 15), ("Firm", 45), ("Notice", 75))
            ],
        }
    )
    Scenario.search([("company_id", "=", company.id), ("id", "!=", scenario.id)]).write(
        {"active": False}
    )
    return scenario


def run_with_limit(env, func, limit):
    """``func()`` and its time, or None and ``limit`` when it was stopped
    after ``limit`` seconds (the transaction is rolled back): from then on
    its query is cancelled, again and again, as the peer may be in Python
    between two queries."""
    if not limit:
        started = time.perf_counter()
        return func(), time.perf_counter() - started
    done = threading.Event()

    def stop():
        if not done.wait(limit):
            while not done.wait(0.2):
                env.cr._cnx.cancel()

    stopper = threading.Thread(target=stop, daemon=True)
    started = time.perf_counter()
    stopper.start()
    try:
        return func(), time.perf_counter() - started
    except psycopg2.errors.QueryCanceled:
        env.cr.rollback()
        return None, limit
    finally:
        done.set()
        stopper.join()


def measure_pair(env, names, first, again, runs, undo, limit=None):
    """A first run and a re-run on the same day, rolled back after each pair
    so that every first run starts from the ledger: their steps (median
    times, the RSS growth over them, what each found).

    With ``limit`` (seconds), a run is stopped then: a first run stopped
    makes one unfinished step (its time a lower bound) and no re-run."""
    firsts, agains, result, found_again = [], [], None, None
    base = rss_reset()
    for _run in range(runs):
        result, seconds = run_with_limit(env, first, limit)
        firsts.append(seconds)
        if result is None:
            break
        found_again, seconds = run_with_limit(env, again, limit)
        agains.append(seconds)
        undo()
    rss = rss_growth(base)
    stopped = f" (not finished after {limit:.0f} s)" if limit else ""
    if result is None:
        name = names[0].split(",")[0] + ", first" + stopped
        print(f"  {name}", flush=True)
        return [Step(name, limit, None, rss, None, unfinished=True)]
    first_step = Step(names[0] % result, statistics.median(firsts), None, rss, result)
    unfinished = found_again is None
    again_step = Step(
        names[1] % (found_again or 0) + (stopped if unfinished else ""),
        statistics.median(agains),
        None,
        0,
        found_again,
        unfinished=unfinished,
    )
    print(
        f"  {first_step.name}: {first_step.seconds:.3f} s, "
        f"re-run {again_step.seconds:.3f} s",
        flush=True,
    )
    return [first_step, again_step]


def bench_dunning(env, company, runs, peer_runs, peer_timeout=None):
    """First run and re-run of each engine on the same overdue invoices."""
    bench_scenario(env, company)
    env.cr.commit()
    Run = env["ar.dunning.run"]

    def undo():
        env.cr.rollback()
        ledger.vacuum(env.cr.dbname, ledger.DUNNING_TABLES)

    undo()

    def ours_first():
        run = Run._run_for_company(company)
        return len(run.line_ids), len(run.action_ids)

    ours, ours_again = measure_pair(
        env,
        (
            "ours: dunning run, first (%d invoices, %d actions)",
            "ours: dunning run, re-run (%d found again)",
        ),
        ours_first,
        lambda: len(Run._run_for_company(company).line_ids),
        runs,
        undo,
    )
    if ours_again.result:
        raise AssertionError(
            f"our dunning re-run found {ours_again.result} invoices again"
        )
    steps, ratios = [ours, ours_again], []
    if peer_runs:
        policy = peers.credit_policy(env, company)
        env.cr.commit()
        today = fields.Date.context_today(env["res.partner"])

        def oca_run():
            return peers.credit_control_run(env, company, policy, today)

        oca_steps = measure_pair(
            env,
            (
                "OCA credit control run, first (%d lines)",
                "OCA credit control run, re-run (%d lines again)",
            ),
            oca_run,
            oca_run,
            peer_runs,
            undo,
            peer_timeout,
        )
        steps += oca_steps
        ratios.append(
            ("OCA credit control run / our dunning run", oca_steps[0], ours, 10.0, "ge")
        )
    return steps, ratios


def bench_posting(env, company):
    """The credit check, then posting, of 1,000 draft invoices (rolled back)."""
    steps = []
    partners = env["res.partner"].search([("name", "like", "Client bench")], limit=200)
    today = fields.Date.context_today(env["res.partner"])
    drafts = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partners[i % len(partners)].id,
                "invoice_date": today,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "x", "quantity": 1, "price_unit": 10.0, "tax_ids": []}
                    )
                ],
            }
            for i in range(1000)
        ]
    )
    if "ar_credit_policy" in company._fields:
        company.ar_credit_policy = "warn"
        steps.append(
            measure(
                "ours: credit check of 1,000 invoices (200 customers)",
                drafts._ar_risk_check_credit,
                1,
                trace=False,
            )
        )
    steps.append(
        measure(
            "posting 1,000 invoices, check included", drafts.action_post, 1, trace=False
        )
    )
    env.cr.rollback()
    return steps


def bench_statements(env, company, count, batch, config):
    """Statements of ``count`` customers as one PDF: QWeb alone, then the
    PDF in one rendering call and in batches; the time for 20,000 customers,
    extrapolated linearly from the batched PDF.

    wkhtmltopdf reads the report's assets over HTTP, as in production: an
    Odoo serves this database meanwhile, and ``report.url`` points to it
    (committed for the step, then restored)."""
    import scale  # it imports this module

    params = env["ir.config_parameter"]
    previous = params.get_param("report.url")
    # the assets' attachments, made by a first rendering, committed: else the
    # server would wait for this transaction to make them too
    statements.html(env, company, statements.customers(env, company, 1))
    try:
        with scale.odoo_server(config, env.cr.dbname, workers=0) as url:
            params.set_param("report.url", url)
            env.cr.commit()
            steps = _bench_statements(env, company, count, batch)
    finally:
        env.cr.rollback()
        params.set_param("report.url", previous)
        env.cr.commit()
    return steps


def _bench_statements(env, company, count, batch):
    sizes = {count, min(batch, count)}
    if not statements.patched_qt():
        # one statement a call is all it renders: fewer of them, else minutes
        count, sizes = min(count, 20), {1}
        print(
            "  wkhtmltopdf without patched Qt: one statement per rendering call, "
            f"{count} customers (install the patched build to measure batches)",
            flush=True,
        )
    partners = statements.customers(env, company, count)
    count = len(partners)
    steps = [
        measure(
            f"statements of {count} customers: HTML (QWeb), one call ({{result}} KiB)",
            lambda: statements.html(env, company, partners),
            1,
            trace=False,
        )
    ]
    for size in sorted(sizes, reverse=True):
        steps.append(
            measure(
                f"statements of {count} customers: PDF, {size} a call ({{result}} KiB)",
                lambda size=size: statements.pdf(env, company, partners, size),
                1,
                trace=False,
            )
        )
    qweb, best = steps[0].seconds, min(step.seconds for step in steps[1:])
    for step in steps[1:]:
        # the rest of a PDF's time: wkhtmltopdf (its processes, the assets
        # it fetches, its layout) and the merge
        print(
            f"  {step.name}: wkhtmltopdf and merge {step.seconds - qweb:.1f} s "
            f"({(step.seconds - qweb) / step.seconds:.0%})",
            flush=True,
        )
    print(
        f"  statements: {1000 * best / count:.0f} ms each, QWeb {qweb / best:.0%} "
        f"of it; 20,000 customers ~ {best / count * 20000 / 60:.0f} min",
        flush=True,
    )
    return steps


def ensure_ledger(env, lines, customers):
    """Build the ledger unless the database has one; its number of customers."""
    env.cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Client bench %%'")
    found = env.cr.fetchone()[0]
    if found:
        return found
    seconds = ledger.build(env, lines=lines, customers=customers)
    env.cr.commit()
    print(f"ledger built in {seconds:.1f} s", flush=True)
    return customers


def report(steps, ratios, scale):
    width = max(len(s.name) for s in steps)
    print(f"\n{scale}\n")
    print(f"{'step':<{width}}  {'median s':>9}  {'py peak MiB':>11}  {'RSS +MiB':>8}")
    for step in steps:
        peak = f"{step.py_peak / 2**20:.1f}" if step.py_peak is not None else "-"
        print(
            f"{step.name:<{width}}  {step.seconds:>9.3f}  {peak:>11}  "
            f"{step.rss / 2**20:>8.1f}"
        )
    if not ratios:
        return
    width = max(len(r[0]) for r in ratios)
    print(f"\n{'ratio':<{width}}  {'value':>7}  {'target':>7}  verdict")
    for name, top, bottom, target, sense in ratios:
        value = top.seconds / bottom.seconds if bottom.seconds else float("inf")
        met = False
        if target is None:
            verdict, target_text = "", ""
        else:
            met = value <= target if sense == "le" else value >= target
            verdict = "met" if met else "MISSED"
            target_text = ("<= " if sense == "le" else ">= ") + f"{target:g}"
        if top.unfinished:
            # the peer was stopped: the ratio is at least this
            verdict = "met (at least)" if sense == "ge" and met else "unknown"
        value_text = (">" if top.unfinished else "") + f"{value:.2f}"
        print(f"{name:<{width}}  {value_text:>7}  {target_text:>7}  {verdict}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only-aged",
        action="store_true",
        help="only the aged balance steps (the 1M-line run without the ORM-bound steps)",
    )
    parser.add_argument(
        "--only-dunning",
        action="store_true",
        help="only the dunning run steps: ours and OCA's, then ours as the daily job",
    )
    parser.add_argument(
        "--peer-runs",
        type=int,
        help="runs of each OCA step (default: --runs); they take minutes at 1M lines",
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="our suite alone, without the OCA peers"
    )
    parser.add_argument(
        "--peer-timeout",
        type=float,
        help="stop an OCA dunning run after this many seconds: its time is then "
        "a lower bound (at 100k lines its first run is one query for hours)",
    )
    parser.add_argument(
        "--statements",
        type=int,
        default=200,
        help="customers of the bulk statement PDF step (0: skip it)",
    )
    parser.add_argument(
        "--statement-batch",
        type=int,
        default=50,
        help="customers per rendering call in the batched statement PDF",
    )
    parser.add_argument(
        "--cron-batch",
        type=int,
        default=500,
        help="customers per committed batch of the run as the daily job (0: skip it)",
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        company = env.company
        peer_runs = 0 if args.no_peers else (args.peer_runs or args.runs)
        if peer_runs and not peers.installed(env):
            raise SystemExit(
                "the OCA peers are not installed in this database: run .ci/bench.sh "
                "(which installs them) or pass --no-peers"
            )
        if "ar_credit_policy" in company._fields:
            company.ar_credit_policy = "none"
        cr.commit()
        customers = ensure_ledger(env, args.lines, args.customers)
        started = time.perf_counter()
        ledger.vacuum(args.database)
        print(f"ledger vacuumed in {time.perf_counter() - started:.1f} s")
        open_lines = ledger.check(env)
        scale = f"{open_lines} open receivable lines, {customers} customers"
        print(f"ledger consistent: {scale}", flush=True)

        # tracemalloc slows the OCA reports several times over at scale:
        # their resident memory is the figure that tells there
        peer_trace = open_lines <= 200000
        steps, ratios = [], []
        if not args.only_dunning:
            steps, ratios = bench_aged(env, company, args.runs, peer_runs, peer_trace)
            cr.rollback()
        if args.only_dunning:
            steps, ratios = bench_dunning(
                env, company, args.runs, peer_runs, args.peer_timeout
            )
        elif not args.only_aged:
            steps += bench_exposure(env, company, args.runs)
            dunning_steps, dunning_ratios = bench_dunning(
                env, company, args.runs, peer_runs, args.peer_timeout
            )
            steps += dunning_steps
            ratios += dunning_ratios
            steps += bench_posting(env, company)
            if args.statements:
                steps += bench_statements(
                    env, company, args.statements, args.statement_batch, args.config
                )
    if not args.only_aged and args.cron_batch:
        steps += cron_run.bench_cron_run(args.database, args.cron_batch)
    report(steps, ratios, scale)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
