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

    def test_credit_insurance_refused_even_as_superuser(self):
        """On the policies now: a new one would silently not count."""
        Guarantee = self.env["ar.risk.guarantee"].sudo().with_context(lang="en_US")
        with self.assertRaisesRegex(ValidationError, "Credit Insurance Policies"):
            Guarantee.create(
                {
                    "name": "Police Allianz",
                    "guarantee_type": "credit_insurance",
                    "partner_id": self.customer.id,
                    "amount": 1000.0,
                }
            )
        deposit = self._guarantee()
        with self.assertRaisesRegex(ValidationError, "no longer recorded"):
            deposit.sudo().with_context(
                lang="en_US"
            ).guarantee_type = "credit_insurance"
        self.assertEqual(deposit.guarantee_type, "deposit")

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
