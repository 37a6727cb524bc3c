from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.ar_risk.models.res_partner_grade import risk_grade

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestRiskGrade(ArRiskCommon):
    def test_formula(self):
        self.assertEqual(risk_grade(0, 0.0, False), "a")
        self.assertEqual(risk_grade(10, 0.05, False), "b")
        self.assertEqual(risk_grade(25, 0.20, False), "c")
        self.assertEqual(risk_grade(90, 0.80, False), "d")
        self.assertEqual(risk_grade(0, 0.0, True), "e")

    def test_nightly_job(self):
        self.company.ar_credit_policy = "none"
        self.company.ar_watch_overdue_days = 30
        self.customer.customer_rank = 1
        late = self._invoice(
            1000.0, invoice_date="2026-06-01", invoice_date_due="2026-07-01"
        )
        # paid 40 days late
        self._pay(late, 1000.0, date="2026-08-10")
        self._invoice(600.0, invoice_date="2026-09-01", invoice_date_due="2026-09-15")
        with freeze_time("2026-11-23"):
            self.env["res.partner"]._cron_ar_risk_update()
        customer = self.customer.with_company(self.company)
        # 40 days late -> 3 points, 100 % of the open amount overdue -> 3 points
        self.assertEqual(customer.ar_risk_grade, "d")
        # usable in group-bys (customers per grade)
        groups = dict(
            self.env["res.partner"]
            .with_company(self.company)
            ._read_group(
                [("id", "=", self.customer.id)], ["ar_risk_grade"], ["__count"]
            )
        )
        self.assertEqual(groups, {"d": 1})
        watch = self.env["ar.risk.watch"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(watch, [{"reason": "overdue", "active": True}])
