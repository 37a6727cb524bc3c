"""Benchmarks of the suite on a large receivable ledger (never run in CI).

    python tests/benchmarks/run.py -c ODOO_CONF -d DATABASE [--lines N] [--customers N]

Prints one table: median time of several runs and Python peak memory of each
step, with the ratio to the raw SQL lower bound where there is one.
"""

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import ledger

import odoo
from odoo import SUPERUSER_ID, api, fields


def measure(func, runs):
    """Median wall time of ``runs`` plain runs, then the Python peak memory of
    one more run under tracemalloc (which slows it, hence apart)."""
    times, result = [], None
    for _run in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, result


def raw_sql_bound(env):
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
        (env.company.id,),
    )
    return len(env.cr.fetchall())


def report(rows):
    width = max(len(r[0]) for r in rows)
    print()
    print(
        f"{'step':<{width}}  {'median s':>9}  {'py peak MiB':>11}  {'x SQL bound':>11}"
    )
    for name, seconds, peak, ratio in rows:
        ratio_text = f"{ratio:.2f}" if ratio else ""
        print(
            f"{name:<{width}}  {seconds:>9.3f}  {peak / 2**20:>11.1f}  {ratio_text:>11}"
        )
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
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
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        company = env.company
        if "ar_credit_policy" in company._fields:
            company.ar_credit_policy = "none"
        cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'Client bench %%'")
        if not cr.fetchone()[0]:
            seconds = ledger.build(env, lines=args.lines, customers=args.customers)
            cr.commit()
            print(f"ledger built in {seconds:.1f} s")
        open_lines = ledger.check(env)
        print(f"ledger consistent: {open_lines} open receivable lines")

        bound, bound_mem, _ = measure(lambda: raw_sql_bound(env), args.runs)
        rows.append(("raw SQL lower bound (aged summary)", bound, bound_mem, None))
        wizard = env["ar.aged.balance"].create(
            {
                "date_at": fields.Date.context_today(wizard_ctx := env["res.partner"]),
                "company_id": company.id,
            }
        )
        del wizard_ctx
        summary, mem, result = measure(wizard._compute_summary, args.runs)
        rows.append(
            (
                f"aged balance summary ({len(result[1])} customers)",
                summary,
                mem,
                summary / bound,
            )
        )
        xlsx, mem, data = measure(wizard._build_xlsx, 1)
        rows.append(
            (
                f"aged balance XLSX with detail ({len(data) // 1024} KiB)",
                xlsx,
                mem,
                xlsx / bound,
            )
        )
        if args.only_aged:
            report(rows)
            return
        exposure, mem, result = (
            measure(
                lambda: env["res.partner"]._ar_exposure_by_partner(None, company),
                args.runs,
            )
            if "_ar_exposure_by_partner" in dir(env["res.partner"])
            else (0, 0, {})
        )
        rows.append((f"exposure of all customers ({len(result)})", exposure, mem, None))

        scenario = env["ar.dunning.scenario"].search(
            [("company_id", "=", company.id), ("name", "=", "Bench 3 levels")]
        ) or env["ar.dunning.scenario"].create(
            {
                "name": "Bench 3 levels",
                "company_id": company.id,
                "priority": 1,
                "amount_min": 0.01,
                "level_ids": [
                    fields.Command.create(
                        {"name": "Reminder", "offset_days": 15, "channel": "call"}
                    ),
                    fields.Command.create(
                        {"name": "Firm", "offset_days": 45, "channel": "call"}
                    ),
                    fields.Command.create(
                        {
                            "name": "Notice",
                            "offset_days": 75,
                            "channel": "call",
                            "automatic": False,
                        }
                    ),
                ],
            }
        )
        other = env["ar.dunning.scenario"].search(
            [("company_id", "=", company.id), ("id", "!=", scenario.id)]
        )
        other.write({"active": False})
        Run = env["ar.dunning.run"]
        started = time.perf_counter()
        first = Run._run_for_company(company)
        first_time = time.perf_counter() - started
        rows.append(
            (
                "dunning run, first (%d invoices, %d actions)"
                % (len(first.line_ids), len(first.action_ids)),
                first_time,
                0,
                None,
            )
        )
        started = time.perf_counter()
        again = Run._run_for_company(company)
        again_time = time.perf_counter() - started
        assert not again.line_ids, "the re-run found something new"
        rows.append(("dunning run, re-run (nothing new)", again_time, 0, None))
        cr.rollback()
        report(rows)

        partners = env["res.partner"].search(
            [("name", "like", "Client bench")], limit=200
        )
        drafts = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[i % len(partners)].id,
                    "invoice_date": fields.Date.context_today(env["res.partner"]),
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "name": "x",
                                "quantity": 1,
                                "price_unit": 10.0,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
                for i in range(1000)
            ]
        )
        if "ar_credit_policy" in company._fields:
            company.ar_credit_policy = "warn"
            started = time.perf_counter()
            drafts._ar_risk_check_credit()
            rows.append(
                (
                    "credit check of 1,000 invoices (200 customers)",
                    time.perf_counter() - started,
                    0,
                    None,
                )
            )
        started = time.perf_counter()
        drafts.action_post()
        rows.append(
            (
                "posting 1,000 invoices, check included",
                time.perf_counter() - started,
                0,
                None,
            )
        )
        cr.rollback()

    report(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
