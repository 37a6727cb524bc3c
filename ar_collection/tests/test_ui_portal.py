from odoo import http
from odoo.tests import tagged

from .portal_common import ArPortalCommon


@tagged("post_install", "-at_install")
class TestUiTour(ArPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # read every addon's manifest here, not in the browser's first parallel
        # requests: CPython 3.11.7 can fail to compile in concurrent threads
        # ("AST constructor recursion depth mismatch", CPython gh-106905)
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement
        demo = cls.env.ref("payment.payment_provider_demo").sudo()
        demo.copy({"company_id": cls.company.id, "state": "test"})

    def test_portal_promise_dispute_pay(self):
        """The customer, from its link: a promise, a problem, a payment; the
        collector then finds all three."""
        self.start_tour(self._path(), "ar_collection_portal_tour")
        promise = self.customer.ar_promise_ids
        self.assertRecordValues(
            promise,
            [
                {
                    "amount": 1500.0,
                    "payment_means": "cheque",
                    "user_id": self.collector.id,
                }
            ],
        )
        self.assertEqual(str(promise.date_promised), "2099-12-31")
        dispute = self.customer.ar_dispute_ids
        self.assertRecordValues(
            dispute,
            [{"reason_code": "admin_amount", "assigned_user_id": self.collector.id}],
        )
        self.assertEqual(dispute.move_ids, self.inv_late)
        self.assertIn(self.inv_late2.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.inv_late.payment_state, "not_paid")
        actions = self.env["ar.collection.action"].search(
            [("partner_id", "=", self.customer.id), ("origin", "=", "portal")]
        )
        self.assertEqual(
            sorted(actions.mapped("outcome")), ["dispute", "paid", "promise"]
        )
        self.assertEqual(actions.user_id, self.collector)
        self.assertEqual(set(actions.mapped("state")), {"done"})
