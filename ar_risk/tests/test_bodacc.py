import os
import tempfile
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestBodacc(ArRiskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_public_data_customers()
        cls.files = {}
        for name in ("bodacc_openings.json", "bodacc_judgments.csv"):
            with file_open(f"ar_risk/tests/data/{name}", "rb") as data:
                cls.files[name] = data.read()
        cls.Announcement = cls.env["ar.risk.bodacc.announcement"]

    def _import(self, name):
        with freeze_time("2026-11-23"):
            return self.Announcement.with_context(lang="en_US")._ar_import(
                [(self.files[name], name)], self.company
            )

    def _proceeding(self, partner):
        return self.env["ar.risk.proceeding"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def test_openings_then_later_judgments(self):
        invoice = self._invoice(800.0, invoice_date="2026-09-01")
        report = self._import("bodacc_openings.json")
        self.assertEqual(
            report,
            [
                "3 announcement(s) applied, 1 kept for review, 1 skipped.",
                (
                    "bodacc_openings.json, record 4 skipped: A202602150004: "
                    "publication date '12/11/2026'"
                ),
            ],
        )
        proceeding = self._proceeding(self.customer)
        self.assertRecordValues(
            proceeding,
            [
                {
                    "proceeding_type": "redressement",
                    "judgment_date": date(2026, 11, 2),
                    "publication_date": date(2026, 11, 12),
                    "claim_deadline": date(2027, 1, 12),
                    "court": "TRIBUNAL DE COMMERCE DE LYON",
                    "state": "open",
                }
            ],
        )
        # as a proceeding entered by hand: invoices to declare, a reminder
        self.assertTrue(invoice.ar_claim_to_declare)
        self.assertEqual(proceeding.activity_ids.date_deadline, date(2026, 12, 28))
        self.assertTrue(self.customer.ar_in_proceedings)
        # the announcement of another company with a customer's name waits
        review = self.Announcement.search([("state", "=", "review")])
        self.assertRecordValues(
            review,
            [{"name": "A202602150003", "siren": "443061841", "partner_id": False}],
        )
        self.assertFalse(self._proceeding(self.durand))
        self.assertEqual(
            self.Announcement.search_count([("siren", "=", "552100554")]), 0
        )

        # later judgments follow the proceedings
        report = self._import("bodacc_judgments.csv")
        self.assertEqual(
            report,
            [
                "4 announcement(s) applied, 0 kept for review, 1 skipped.",
                (
                    "bodacc_judgments.csv, record 6 skipped: Expecting property name "
                    "enclosed in double quotes: line 1 column 2 (char 1)"
                ),
            ],
        )
        self.assertRecordValues(
            proceeding, [{"proceeding_type": "liquidation", "state": "closed"}]
        )
        self.assertFalse(self.customer.ar_in_proceedings)
        self.assertRecordValues(
            self._proceeding(self.impossible),
            [
                {
                    "proceeding_type": "sauvegarde",
                    "plan_date": date(2027, 1, 8),
                    "state": "open",
                }
            ],
        )
        self.assertRecordValues(
            self._proceeding(self.tronque),
            [{"proceeding_type": "redressement", "sale_date": date(2027, 1, 27)}],
        )
        self.assertEqual(len(proceeding.bodacc_announcement_ids), 3)

    def test_reimport_changes_nothing(self):
        self._import("bodacc_openings.json")
        before = self.Announcement.search([]), self.env["ar.risk.proceeding"].search([])
        report = self._import("bodacc_openings.json")
        self.assertEqual(
            report[0],
            "0 announcement(s) applied, 0 kept for review, 1 skipped.",
        )
        after = self.Announcement.search([]), self.env["ar.risk.proceeding"].search([])
        self.assertEqual(before, after)

    def test_review_then_apply(self):
        self._import("bodacc_openings.json")
        review = self.Announcement.search([("state", "=", "review")])
        review.partner_id = self.durand
        review.action_apply()
        self.assertRecordValues(
            review,
            [{"state": "done", "proceeding_id": self._proceeding(self.durand).id}],
        )
        self.assertEqual(self._proceeding(self.durand).proceeding_type, "sauvegarde")

    def test_scheduled_folder_import(self):
        with tempfile.TemporaryDirectory() as folder:
            for name, content in self.files.items():
                with open(os.path.join(folder, name), "wb") as handle:
                    handle.write(content)
            self.env["ir.config_parameter"].set_param("ar_risk.bodacc_folder", folder)
            with freeze_time("2026-11-23"):
                # as the scheduler does, for every company
                self.Announcement.sudo()._cron_import_folder()
                count = self.Announcement.sudo().search_count([])
                self.Announcement.sudo()._cron_import_folder()
        self.assertEqual(self.Announcement.sudo().search_count([]), count)
        self.assertRecordValues(
            self._proceeding(self.customer),
            [{"proceeding_type": "liquidation", "state": "closed"}],
        )
