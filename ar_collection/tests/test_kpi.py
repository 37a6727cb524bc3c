from odoo.tests import tagged

from odoo.addons.ar_collection.report.ar_collection_kpi import (
    dso_countback,
    dso_simple,
)

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestKpi(ArCollectionCommon):
    def test_dso_pure(self):
        # receivable 1500: all of November's 1000 (30 days) + half of October's
        # 1000 (31 days) -> 30 + 15.5
        self.assertEqual(dso_countback(1500.0, [(1000.0, 30), (1000.0, 31)]), 45.5)
        self.assertEqual(dso_countback(0.0, [(1000.0, 30)]), 0.0)
        self.assertEqual(dso_simple(1500.0, 2000.0, 61), 45.8)

    def test_dashboard(self):
        other = self.customer.copy({"name": "Boulangerie du Port"})
        # November (to the 23rd): 1000 + 600 invoiced; October: 800
        self._invoice(1000.0, "2026-12-05", date="2026-11-05")
        late = self._invoice(600.0, "2026-11-13", date="2026-11-03", partner=other)
        old = self._invoice(800.0, "2026-10-20", date="2026-10-10")
        self._pay(old, 300.0, "2026-11-02")
        dispute = self.env["ar.collection.dispute"].create(
            {"name": "Quantités", "partner_id": other.id, "reason_code": "admin_amount"}
        )
        kpi = self.env["ar.collection.kpi"].create(
            {"date_at": "2026-11-23", "months": 2, "company_id": self.company.id}
        )
        # receivable 1000 + 600 + 500 = 2100; overdue 600 (10 d) + 500 (34 d)
        self.assertAlmostEqual(kpi.receivable, 2100.0)
        self.assertAlmostEqual(kpi.overdue, 1100.0)
        self.assertAlmostEqual(kpi.overdue_ratio, 52.4)
        # countback: November sales 1600 over 23 days, then 500 of October's 800
        self.assertAlmostEqual(
            kpi.dso_countback, 23 + round(500 / 800 * 31, 1), places=1
        )
        self.assertAlmostEqual(kpi.dso_simple, round(2100 / 2400 * 54, 1))
        self.assertEqual(kpi.top_amount_ids.mapped("partner_id"), other | self.customer)
        self.assertEqual(kpi.top_amount_ids[0].partner_id, other)
        self.assertEqual(kpi.top_days_ids[0].partner_id, self.customer)
        self.assertEqual(kpi.top_days_ids[0].value, 34)
        self.assertEqual(len(kpi.dso_history_ids), 12)
        overdue = self.env["account.move"].search(kpi.action_open_overdue()["domain"])
        self.assertEqual(overdue, late | old)
        graph = kpi.action_open_dso_graph()
        self.assertEqual(
            len(self.env["ar.collection.kpi.line"].search(graph["domain"])), 12
        )
        reason = kpi.reason_ids.filtered(lambda line: line.code == "admin_amount")
        self.assertEqual(reason.value, 1)
        self.assertEqual(
            self.env["ar.collection.dispute"].search(reason.action_open()["domain"]),
            dispute,
        )
        action = kpi.top_amount_ids[0].action_open()
        self.assertEqual(self.env["account.move"].search(action["domain"]), late)

    def test_countback_goes_back_beyond_the_period(self):
        # 1000 invoiced each month from August to November, 2000 in July of
        # which 1000 paid: receivable 5000, more than the 3 months chosen
        for month in ("08", "09", "10", "11"):
            self._invoice(1000.0, f"2026-{month}-30", date=f"2026-{month}-10")
        july = self._invoice(2000.0, "2026-07-30", date="2026-07-10")
        self._pay(july, 1000.0, "2026-08-05")
        kpi = self.env["ar.collection.kpi"].create(
            {"date_at": "2026-11-23", "months": 3, "company_id": self.company.id}
        )
        self.assertAlmostEqual(kpi.receivable, 5000.0)
        # November to the 23rd, October, September, August in full, then the
        # open 1000 of July's 2000 sales: half of its 31 days
        self.assertAlmostEqual(kpi.dso_countback, 23 + 31 + 30 + 31 + 15.5)
        # the simple DSO stays on the period: 5000 / 3000 x (23 + 31 + 30)
        self.assertAlmostEqual(kpi.dso_simple, 140.0)
