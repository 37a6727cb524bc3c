from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .tour_helpers import add_decoy_calls


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # read every addon's manifest before the browser's parallel requests
        # (CPython gh-106905, see test_ui_tour.py)
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement

    def test_bill_from_call_then_remit(self):
        """A collector records the LCR a customer accepts on the phone; the
        accountant's remittance writes the CFONB file."""
        self.env["res.lang"]._activate_lang("en_US")
        collector = new_test_user(
            self.env,
            login="ar_tour_bill",
            password="ar_tour_bill",
            groups="base.group_user,ar_collection.ar_collection_group_user,"
            "account.group_account_invoice",
            lang="en_US",
            tz="Europe/Paris",
        )
        company = self.env.company
        company.ar_credit_policy = "none"
        company.partner_id.ar_siren = "383474814"
        self.env["account.journal"].create(
            {
                "name": "Tour Bank LCR",
                "code": "TLCR",
                "type": "bank",
                "bank_account_id": self.env["res.partner.bank"]
                .create(
                    {
                        "acc_number": "FR7630003012340005001234509",
                        "partner_id": company.partner_id.id,
                    }
                )
                .id,
            }
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Quincaillerie Tour",
                "is_company": True,
                "ar_siren": "552100554",
                "bank_ids": [
                    Command.create({"acc_number": "FR7630004008230001234567819"})
                ],
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": fields.Date.context_today(collector),
                "invoice_line_ids": [
                    Command.create({"name": "Outils", "price_unit": 640.0})
                ],
            }
        )
        invoice.invoice_line_ids.tax_ids = False
        invoice.action_post()
        add_decoy_calls(self.env, collector, "Droguerie Leurre")
        self.env["ar.collection.action"].create(
            {
                "name": "Tour: call Quincaillerie",
                "partner_id": customer.id,
                "action_type": "call",
                "user_id": collector.id,
                "move_ids": [Command.set(invoice.ids)],
            }
        )
        self.start_tour(
            "/odoo/action-ar_collection.ar_collection_action_action",
            "ar_collection_bill_record_tour",
            login="ar_tour_bill",
        )
        bill = self.env["ar.collection.bill"].search([("partner_id", "=", customer.id)])
        self.assertRecordValues(
            bill, [{"amount": 640.0, "kind": "lcr", "state": "accepted"}]
        )
        self.assertEqual(str(bill.date_maturity), "2099-12-31")
        self.assertEqual(invoice.amount_residual, 0.0)
        self.start_tour(
            "/odoo/action-ar_collection.ar_collection_bill_remittance_action",
            "ar_collection_bill_remit_tour",
            login="ar_tour_bill",
        )
        self.assertEqual(bill.state, "remitted")
        self.assertIn(b"000000064000", bill.remittance_id.file_id.raw)
