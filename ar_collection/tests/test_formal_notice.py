from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestFormalNotice(ArCollectionCommon):
    """After a formal notice, litigation falls due at its receipt + the notice
    period, whatever the litigation level's offset says."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario.level_ids = [
            Command.create(
                {
                    "name": "Litigation",
                    "offset_days": 60,
                    "channel": "litigation",
                }
            )
        ]
        cls.invoice = cls._invoice(1000.0, "2026-10-01")

    def _actions(self):
        return self.env["ar.collection.action"].search(
            [("move_ids", "in", self.invoice.ids)], order="id"
        )

    def test_litigation_waits_for_the_receipt(self):
        notice = self._run(date="2026-11-23").action_ids
        self.assertEqual(notice.action_type, "formal_notice")
        notice.action_plan()
        # day 65, then day 80: past the litigation offset, receipt not recorded
        for day in ("2026-12-05", "2026-12-20"):
            self.assertFalse(self._run(date=day).action_ids)
        self.assertEqual(self._actions(), notice)
        self.assertEqual(self.invoice.ar_dunning_line_ids.level_id, self.levels[45])
        notice.write({"date_sent": "2026-12-18", "date_acknowledged": "2026-12-21"})
        litigation = notice.next_action_id
        self.assertRecordValues(
            litigation,
            [{"action_type": "litigation", "date_planned": date(2026, 12, 29)}],
        )
        # the run does not add a second handover by the offset
        self.assertFalse(self._run(date="2027-01-05").action_ids)
        self.assertEqual(self._actions(), notice | litigation)
        # a later receipt date moves the handover, it does not add one
        notice.date_acknowledged = "2026-12-23"
        self.assertEqual(litigation.date_planned, date(2026, 12, 31))
        self.assertEqual(self._actions(), notice | litigation)

    def test_cancelled_notice_lets_the_offset_apply(self):
        notice = self._run(date="2026-11-23").action_ids
        notice.action_cancel()
        litigation = self._run(date="2026-12-05").action_ids
        self.assertEqual(litigation.action_type, "litigation")

    def test_notice_period_must_be_positive(self):
        for days in (0, -3):
            with self.subTest(days=days), self.assertRaises(ValidationError) as error:
                self.env["res.config.settings"].with_context(lang="en_US").create(
                    {"ar_notice_days": days}
                ).execute()
            self.assertIn("at least one day", str(error.exception))
            self.assertEqual(self.company.ar_notice_days, 8)
