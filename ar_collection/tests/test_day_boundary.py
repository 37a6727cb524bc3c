from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestDayBoundary(ArCollectionCommon):
    """Scheduled jobs take today in the company's time zone, never in the
    time zone of the user they run as, nor the server's UTC date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the user the jobs run as lives on the other side of the world
        cls.env.user.tz = "Pacific/Honolulu"
        cls.company.ar_promise_grace_days = 0
        cls.invoice = cls._invoice(500.0, "2026-11-20")
        cls.promise = cls.env["ar.collection.promise"].create(
            {
                "partner_id": cls.customer.id,
                "company_id": cls.company.id,
                "move_ids": [(6, 0, cls.invoice.ids)],
                "amount": 500.0,
                "date_made": "2026-11-25",
                "date_promised": "2026-12-01",
            }
        )

    def _set_address(self, country, zip_code):
        self.company.partner_id.write(
            {"country_id": self.env.ref(country).id, "zip": zip_code}
        )

    def test_time_zone_follows_the_address(self):
        for country, zip_code, expected in (
            ("base.fr", "69002", "Europe/Paris"),
            ("base.fr", "97400", "Indian/Reunion"),
            ("base.fr", "97110", "America/Guadeloupe"),
            ("base.re", "97410", "Indian/Reunion"),
            ("base.gp", "97100", "America/Guadeloupe"),
        ):
            self._set_address(country, zip_code)
            self.assertEqual(self.company.ar_tz, expected, zip_code)
        self.company.ar_tz = "Indian/Mayotte"
        self.assertEqual(self.company.ar_tz, "Indian/Mayotte", "set by hand")

    def _cron_day(self, utc_now, country, zip_code):
        """Run the daily jobs at ``utc_now``; the day the run and the promise
        check took, and the promise's state."""
        self._set_address(country, zip_code)
        # scheduled jobs run as the superuser (OdooBot), on every company
        with freeze_time(utc_now):
            self.env["ar.collection.promise"].sudo()._cron_evaluate()
            self.env["ar.dunning.run"].sudo()._cron_run()
        run = self.env["ar.dunning.run"].search(
            [("company_id", "=", self.company.id)], order="id desc", limit=1
        )
        return run.date, self.promise.state

    def test_paris_just_after_local_midnight(self):
        # 23:30 UTC is 00:30 on 2 December in Paris: the promise of the 1st
        # is overdue and the run is dated the 2nd
        day, state = self._cron_day("2026-12-01 23:30:00", "base.fr", "69002")
        self.assertEqual(day, date(2026, 12, 2))
        self.assertEqual(state, "broken")
        self.assertEqual(self.promise.follow_up_action_id.date_planned, day)

    def test_paris_after_utc_midnight(self):
        day, state = self._cron_day("2026-12-02 00:30:00", "base.fr", "69002")
        self.assertEqual(day, date(2026, 12, 2))
        self.assertEqual(state, "broken")

    def test_reunion_before_utc_midnight(self):
        # 23:30 UTC is 03:30 on 2 December in Saint-Denis
        day, state = self._cron_day("2026-12-01 23:30:00", "base.fr", "97400")
        self.assertEqual(day, date(2026, 12, 2))
        self.assertEqual(state, "broken")

    def test_reunion_after_utc_midnight(self):
        day, state = self._cron_day("2026-12-02 00:30:00", "base.fr", "97400")
        self.assertEqual(day, date(2026, 12, 2))
        self.assertEqual(state, "broken")

    def test_paris_before_local_midnight(self):
        # 22:30 UTC is still 1 December in Paris: the promise is due today
        day, state = self._cron_day("2026-12-01 22:30:00", "base.fr", "69002")
        self.assertEqual(day, date(2026, 12, 1))
        self.assertEqual(state, "open")

    def test_guadeloupe_after_utc_midnight(self):
        # 00:30 UTC on the 2nd is 20:30 on 1 December in Pointe-à-Pitre
        day, state = self._cron_day("2026-12-02 00:30:00", "base.fr", "97110")
        self.assertEqual(day, date(2026, 12, 1))
        self.assertEqual(state, "open")

    def test_company_today_in_reunion(self):
        self._set_address("base.fr", "97400")
        with freeze_time("2026-12-01 23:30:00"):
            self.assertEqual(self.company._ar_today(), date(2026, 12, 2))
        with freeze_time("2026-12-01 19:30:00"):
            self.assertEqual(self.company._ar_today(), date(2026, 12, 1))
