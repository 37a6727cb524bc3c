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
        self.assertTrue(invoice.ar_claim_to_declare)
        self.assertFalse(paid.ar_claim_to_declare)
        self.assertTrue(self.customer.ar_in_proceedings)
        self.assertTrue(self.customer.ar_on_watch_list)
        self.assertEqual(str(proceeding.activity_ids.date_deadline), "2026-12-28")
        # no new credit, even under a "warn" policy and within the limit
        new = self._invoice(10.0, post=False)
        with self.assertRaisesRegex(UserError, "credit hold"):
            new.with_context(lang="en_US").action_post()
        # the customer is out of the dunning (ar_collection's hook)
        domains = self.env["res.partner"]._ar_dunning_blocked_domains()
        blocked = self.env["res.partner"].search(domains[-1])
        self.assertIn(self.customer, blocked)
        proceeding.action_close()
        self.assertFalse(self.customer.ar_in_proceedings)
        self.assertFalse(self.customer.ar_on_watch_list)
        self.assertNotIn(self.customer, self.env["res.partner"].search(domains[-1]))
