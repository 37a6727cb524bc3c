from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

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

    def test_bad_input(self):
        for bad in (
            {"amount": -5.0},
            {"date_start": "2026-06-01", "date_end": "2026-05-01"},
        ):
            with (
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.env.cr.savepoint(),
            ):
                self._guarantee(**bad)
