from datetime import timedelta

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged

from .tour_helpers import add_decoy_calls


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # read every addon's manifest here, not in the browser's first parallel
        # requests: CPython 3.11.7 can fail to compile in concurrent threads
        # ("AST constructor recursion depth mismatch", CPython gh-106905)
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement

    def _collector(self, login, groups=""):
        """A collector who can read invoices, in English, in Paris."""
        self.env["res.lang"]._activate_lang("en_US")
        return new_test_user(
            self.env,
            login=login,
            password=login,
            groups="base.group_user,ar_collection.ar_collection_group_user,"
            "account.group_account_invoice" + groups,
            lang="en_US",
            tz="Europe/Paris",
        )

    def test_log_call_with_promise(self):
        collector = self._collector("ar_tour_collector")
        customer = self.env["res.partner"].create(
            {"name": "Boulangerie Tour", "is_company": True}
        )
        add_decoy_calls(self.env, collector, "Fromagerie Leurre")
        self.env["ar.collection.action"].create(
            {
                "name": "Tour: call Boulangerie",
                "partner_id": customer.id,
                "action_type": "call",
                "user_id": collector.id,
            }
        )
        self.start_tour(
            "/odoo/action-ar_collection.ar_collection_action_action",
            "ar_collection_log_call_tour",
            login="ar_tour_collector",
        )
        promise = self.env["ar.collection.promise"].search(
            [("partner_id", "=", customer.id)]
        )
        self.assertEqual(str(promise.date_promised), "2099-12-31")
        self.assertEqual(promise.payment_means, "cheque")
        self.assertEqual(promise.amount, 450.0)
        follow_up = self.env["ar.collection.action"].search(
            [("partner_id", "=", customer.id), ("state", "=", "planned")]
        )
        self.assertEqual(str(follow_up.date_planned), "2100-01-01")

    def test_statement_preview_and_send(self):
        """A collector previews a customer's statement and emails it."""
        self._collector("ar_tour_statement", ",base.group_partner_manager")
        customer = self.env["res.partner"].create(
            {
                "name": "Charpente Tour SAS",
                "is_company": True,
                "email": "compta@charpente-tour.example",
                "lang": "en_US",
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": fields.Date.context_today(customer)
                - timedelta(days=40),
                "invoice_date_due": fields.Date.context_today(customer)
                - timedelta(days=10),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Charpente", "price_unit": 1250.0, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        self.start_tour(
            f"/odoo/res.partner/{customer.id}",
            "ar_collection_statement_tour",
            login="ar_tour_statement",
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "=", customer.id)]
        )
        self.assertEqual(mail.recipient_ids, customer)
        self.assertIn("your statement of account", mail.subject)
        # the test server renders reports as HTML (wkhtmltopdf would call it
        # back while it serves this request); the tests of the statement
        # read the PDF itself
        self.assertRegex(
            mail.attachment_ids.name,
            r"^Statement Charpente Tour SAS \d{4}-\d\d-\d\d\.pdf$",
        )
