from freezegun import freeze_time

from odoo.tests import tagged

from .test_insurance import ArInsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceDeclarationAlerts(ArInsuranceCommon):
    """The daily job warns a week before the deadline to declare an unpaid
    invoice of an insured buyer (due date + the policy's delay), once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_credit_policy = "none"
        cls.other = cls.env["res.partner"].create(
            {"name": "Non assuré SA", "is_company": True}
        )

    def _run(self, day="2026-11-23"):
        with freeze_time(day):
            self.env["ar.risk.guarantee"].with_context(
                lang="en_US"
            )._cron_claim_alerts()

    def test_alert_once_per_invoice_of_an_insured_buyer(self):
        self._decide(100000.0, date="2026-03-01")
        late = self._invoice(
            800.0, invoice_date="2026-09-01", invoice_date_due="2026-09-30"
        )
        recent = self._invoice(
            300.0, invoice_date="2026-11-01", invoice_date_due="2026-11-15"
        )
        uninsured = self._invoice(
            500.0,
            partner=self.other,
            invoice_date="2026-09-01",
            invoice_date_due="2026-09-30",
        )
        self._run()
        self._run()
        self.assertEqual(len(late.activity_ids), 1)
        activity = late.activity_ids
        # due 30 September + 60 days
        self.assertEqual(str(activity.date_deadline), "2026-11-29")
        self.assertEqual(
            activity.summary, "Declare to the credit insurer before 2026-11-29"
        )
        self.assertIn("POL-2026-0042", activity.note)
        self.assertIn("Allianz Trade", activity.note)
        self.assertEqual(activity.user_id, self.env.user)
        self.assertEqual(str(late.ar_insurance_alert_date), "2026-11-23")
        self.assertFalse(recent.activity_ids)
        self.assertFalse(uninsured.activity_ids)
        # a week before its own deadline (15 November + 60 days)
        self._run("2027-01-07")
        self.assertEqual(len(recent.activity_ids), 1)
        self.assertEqual(str(recent.activity_ids.date_deadline), "2027-01-14")
        self.assertEqual(len(late.activity_ids), 1)

    def test_withdrawn_buyer_still_declared(self):
        """The invoices issued while the cover was granted stay covered."""
        self._decide(100000.0, date="2026-03-01")
        self._decide(0.0, date="2026-10-15")
        late = self._invoice(
            800.0, invoice_date="2026-09-01", invoice_date_due="2026-09-30"
        )
        self._run()
        self.assertEqual(len(late.activity_ids), 1)

    def test_refused_buyer_and_ended_policy_not_alerted(self):
        self._decide(0.0, date="2026-03-01")  # refused from the start
        ended = self.env["ar.risk.insurance.policy"].create(
            {
                "name": "POL-2025",
                "insurer_id": self.insurer.id,
                "claim_declaration_days": 60,
                "date_start": "2025-01-01",
                "date_end": "2026-06-30",
            }
        )
        self.env["ar.risk.insurance.decision"].create(
            {
                "policy_id": ended.id,
                "partner_id": self.customer.id,
                "amount_granted": 50000.0,
                "decision_date": "2025-02-01",
            }
        )
        late = self._invoice(
            800.0, invoice_date="2026-09-01", invoice_date_due="2026-09-30"
        )
        self._run()
        self.assertFalse(late.activity_ids)
        self.assertFalse(late.ar_insurance_alert_date)

    def test_two_policies_one_alert_with_the_earliest_deadline(self):
        self._decide(100000.0, date="2026-03-01")
        strict = self.env["ar.risk.insurance.policy"].create(
            {
                "name": "POL-EXPORT",
                "insurer_id": self.insurer.id,
                "claim_declaration_days": 45,
                "date_start": "2026-01-01",
            }
        )
        self.env["ar.risk.insurance.decision"].create(
            {
                "policy_id": strict.id,
                "partner_id": self.customer.id,
                "amount_granted": 20000.0,
                "decision_date": "2026-03-01",
            }
        )
        late = self._invoice(
            800.0, invoice_date="2026-09-01", invoice_date_due="2026-09-30"
        )
        self._run()
        self.assertEqual(len(late.activity_ids), 1)
        # 30 September + 45 days, not + 60; already past: due today
        self.assertEqual(
            late.activity_ids.summary, "Declare to the credit insurer before 2026-11-14"
        )
        self.assertEqual(str(late.activity_ids.date_deadline), "2026-11-23")
        self.assertIn("POL-EXPORT", late.activity_ids.note)
