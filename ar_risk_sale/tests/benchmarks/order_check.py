"""The credit check at order confirmation for a customer with a long history
(never run in CI): queries and wall time of the check, with few open lines and
with 10,000. Everything is rolled back.

    python ar_risk_sale/tests/benchmarks/order_check.py -c ODOO_CONF -d DATABASE [--lines N]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import odoo
from odoo import SUPERUSER_ID, Command, api

# the suite's ledger builder (tests/benchmarks/ledger.py at the repository's top)
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tests" / "benchmarks"))
import ledger


def measure(env, order, runs=5):
    """(queries, median milliseconds) of the check of ``order``."""
    timings = []
    for _run in range(runs):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        order._ar_risk_check_order()
        timings.append((time.perf_counter() - started) * 1000)
        queries = env.cr.sql_log_count - before
    return queries, statistics.median(timings)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=10000)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        env.company.ar_credit_policy = "block"
        product = env["product.product"].create({"name": "Bench", "type": "service"})

        def order_for(partner):
            partner.credit_limit = 10**10  # high enough to pass: the check runs in full
            return env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": 100.0})
                    ],
                }
            )

        small = env["res.partner"].create({"name": "Client bench neuf"})
        print("few open lines: %d queries, %.1f ms" % measure(env, order_for(small)))
        ledger.build(env, lines=args.lines, customers=1, templates=20)
        # the customer just built (a benchmark database may hold older ones)
        big = env["res.partner"].search(
            [("name", "=", "Client bench 00000")], order="id desc", limit=1
        )
        env.cr.execute(
            "SELECT count(*) FROM account_move_line WHERE partner_id = %s "
            "AND NOT reconciled AND amount_residual <> 0",
            [big.id],
        )
        lines = env.cr.fetchone()[0]
        queries, ms = measure(env, order_for(big))
        print(f"{lines} open lines: {queries} queries, {ms:.1f} ms")
        cr.rollback()


if __name__ == "__main__":
    main()
