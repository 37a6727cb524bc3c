from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestProceeding(ArRiskCommon):
    def test_proceeding_consequences(self):
        self.company.ar_credit_policy = "warn"
        invoice = self._invoice(800.0, invoice_date="2026-09-01")
        paid = self._invoice(100.0, invoice_date="2026-09-01")
        self._pay(paid, 100.0)
        with freeze_time("2026-11-23"):
            proceeding = self.env["ar.risk.proceeding"].create(
                {
                    "partner_id": self.customer.id,
                    "proceeding_type": "redressement",
                    "judgment_date": "2026-11-02",
                    "publication_date": "2026-11-12",
                    "court": "Tribunal de commerce de Lyon",
                }
            )
        self.assertEqual(str(proceeding.claim_deadline), "2027-01-12")
        self.assertRecordValues(
            invoice | paid,
            [{"ar_claim_to_declare": True}, {"ar_claim_to_declare": False}],
        )
        self.assertRecordValues(
            self.customer, [{"ar_in_proceedings": True, "ar_on_watch_list": True}]
        )
        self.assertEqual(str(proceeding.activity_ids.date_deadline), "2026-12-28")
        # no new credit, even under a "warn" policy and within the limit
        new = self._invoice(10.0, post=False)
        with self.assertRaisesRegex(UserError, "credit hold"):
            new.with_context(lang="en_US").action_post()
        # the dunning run leaves out the customers this search finds
        blocked = [("ar_in_proceedings", "=", True)]
        self.assertIn(self.customer, self.env["res.partner"].search(blocked))
        self.assertIn(self.contact, self.env["res.partner"].search(blocked))
        proceeding.action_close()
        self.assertRecordValues(
            self.customer, [{"ar_in_proceedings": False, "ar_on_watch_list": False}]
        )
        self.assertNotIn(self.customer, self.env["res.partner"].search(blocked))

    def test_conciliation_only_watches(self):
        """Mandat ad hoc and conciliation are confidential preventive
        procedures: no claim to declare, no credit block, only a watch."""
        self.company.ar_credit_policy = "warn"
        invoice = self._invoice(800.0, invoice_date="2026-09-01")
        proceeding = self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.customer.id,
                "proceeding_type": "conciliation",
                "judgment_date": "2026-11-02",
                "publication_date": "2026-11-12",
            }
        )
        self.assertRecordValues(
            proceeding, [{"preventive": True, "claim_deadline": False}]
        )
        self.assertFalse(proceeding.activity_ids)
        self.assertFalse(invoice.ar_claim_to_declare)
        self.assertRecordValues(
            self.customer, [{"ar_in_proceedings": False, "ar_on_watch_list": True}]
        )
        self.assertEqual(self.customer.ar_watch_ids.reason, "preventive")
        # new credit within the limit is granted
        new = self._invoice(10.0)
        self.assertEqual(new.state, "posted")
        proceeding.action_close()
        self.assertFalse(self.customer.ar_on_watch_list)

    def test_invoice_of_the_judgment_day_is_not_frozen(self):
        before = self._invoice(800.0, invoice_date="2026-11-01")
        same_day = self._invoice(300.0, invoice_date="2026-11-02")
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.customer.id,
                "proceeding_type": "sauvegarde",
                "judgment_date": "2026-11-02",
            }
        )
        self.assertRecordValues(
            before | same_day,
            [{"ar_claim_to_declare": True}, {"ar_claim_to_declare": False}],
        )
