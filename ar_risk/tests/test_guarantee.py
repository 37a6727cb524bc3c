from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestGuarantee(ArRiskCommon):
    def _guarantee(self, **vals):
        return self.env["ar.risk.guarantee"].create(
            {
                "name": "G",
                "guarantee_type": "deposit",
                "partner_id": self.customer.id,
                "amount": 1000.0,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
                "state": "active",
                **vals,
            }
        )

    def test_only_valid_guarantees_cover(self):
        self._guarantee(amount=1000.0)
        self._guarantee(amount=200.0, state="cancelled")
        self._guarantee(amount=300.0, date_end="2026-06-30")  # expired on the day below
        self._guarantee(amount=400.0, date_start="2027-01-01", date_end="2027-12-31")
        cover = self.env["ar.risk.guarantee"]._active_cover_by_partner(
            [self.customer.id],
            self.company,
            day=self.env.cr.now().date().replace(2026, 11, 23),
        )
        self.assertAlmostEqual(cover[self.customer.id], 1000.0)

    def test_expiry_alert_once(self):
        self.company.ar_guarantee_alert_days = 30
        soon = self._guarantee(name="Caution BNP", date_end="2026-12-10")
        later = self._guarantee(name="Later", date_end="2027-06-30")
        with freeze_time("2026-11-23"):
            self.env["ar.risk.guarantee"]._cron_expiry_alerts()
            self.env["ar.risk.guarantee"]._cron_expiry_alerts()
        self.assertEqual(len(soon.activity_ids), 1)
        self.assertIn("Caution BNP", soon.activity_ids.summary)
        self.assertFalse(later.activity_ids)
        self.assertEqual(str(soon.expiry_alert_date), "2026-11-23")

    def test_insurer_declaration_alert_once(self):
        self.company.ar_credit_policy = "none"
        self._guarantee(
            name="Police Allianz",
            guarantee_type="credit_insurance",
            claim_declaration_days=60,
            date_end="2027-12-31",
        )
        late = self._invoice(
            800.0, invoice_date="2026-09-01", invoice_date_due="2026-09-30"
        )
        recent = self._invoice(
            300.0, invoice_date="2026-11-01", invoice_date_due="2026-11-15"
        )
        with freeze_time("2026-11-23"):
            self.env["ar.risk.guarantee"]._cron_claim_alerts()
            self.env["ar.risk.guarantee"]._cron_claim_alerts()
        self.assertEqual(len(late.activity_ids), 1)
        # due 30 September + 60 days
        self.assertEqual(str(late.activity_ids.date_deadline), "2026-11-29")
        self.assertFalse(recent.activity_ids)

    def test_insurance_in_company_currency(self):
        usd = self.setup_other_currency("USD")
        with self.assertRaisesRegex(ValidationError, "must be in EUR"):
            self.env["ar.risk.guarantee"].with_context(lang="en_US").create(
                {
                    "name": "Police USD",
                    "guarantee_type": "credit_insurance",
                    "partner_id": self.customer.id,
                    "currency_id": usd.id,
                    "amount": 1000.0,
                }
            )

    def test_bad_input(self):
        # answered in Python, before the database's constraints
        self.env = self.env(context=dict(self.env.context, lang="en_US"))
        for bad, message in (
            ({"amount": -5.0}, "Amount cannot be negative"),
            (
                {"date_start": "2026-06-01", "date_end": "2026-05-01"},
                "cannot end before it starts",
            ),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                self._guarantee(**bad)
