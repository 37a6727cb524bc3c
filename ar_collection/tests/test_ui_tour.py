from datetime import timedelta

from odoo import fields, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # read every addon's manifest here, not in the browser's first parallel
        # requests: CPython 3.11.7 can fail to compile in concurrent threads
        # ("AST constructor recursion depth mismatch", CPython gh-106905)
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement

    def test_log_call_with_promise(self):
        self.env["res.lang"]._activate_lang("en_US")
        collector = new_test_user(
            self.env,
            login="ar_tour_collector",
            password="ar_tour_collector",
            groups="base.group_user,ar_collection.ar_collection_group_user,"
            "account.group_account_invoice",
            lang="en_US",
            tz="Europe/Paris",
        )
        customer = self.env["res.partner"].create(
            {"name": "Boulangerie Tour", "is_company": True}
        )
        # other days' calls around the tour's own: the agenda's first group is
        # never the call's, as at night when the demo's "today" (the company's)
        # and the collector's differ
        today = fields.Date.context_today(self.env["res.partner"].with_user(collector))
        other = self.env["res.partner"].create({"name": "Fromagerie Leurre"})
        self.env["ar.collection.action"].create(
            [
                {
                    "name": "Decoy call",
                    "partner_id": other.id,
                    "action_type": "call",
                    "user_id": collector.id,
                    "date_planned": today + timedelta(days=delta),
                }
                for delta in (-1, 1)
            ]
        )
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
