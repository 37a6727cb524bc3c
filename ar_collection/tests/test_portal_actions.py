from datetime import timedelta

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .portal_common import ArPortalCommon

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestPortalActions(ArPortalCommon):
    """What the customer does on its page: promise, raise a problem, pay."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("payment.payment_provider_demo").sudo()
        cls.provider = demo.copy({"company_id": cls.company.id, "state": "test"})

    def _post(self, suffix, data, files=None):
        return self.url_open(
            self._path(suffix), data={"csrf_token": self._csrf(), **data}, files=files
        )

    def _agenda(self, outcome):
        return self.env["ar.collection.action"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("origin", "=", "portal"),
                ("outcome", "=", outcome),
            ]
        )

    def test_promise_on_picked_invoices(self):
        date = self.today + timedelta(days=7)
        response = self._post(
            "/promise",
            {
                "move_ids": [self.inv_late.id, self.inv_late2.id],
                "date_promised": str(date),
                "payment_means": "transfer",
                "amount": "1.00",  # ignored: the invoices' open amount counts
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("your promise to pay is recorded", response.text)
        promise = self.customer.ar_promise_ids
        self.assertRecordValues(
            promise,
            [
                {
                    "amount": 1500.0,
                    "date_promised": date,
                    "payment_means": "transfer",
                    "state": "open",
                    "user_id": self.collector.id,
                }
            ],
        )
        self.assertEqual(promise.move_ids, self.inv_late | self.inv_late2)
        action = self._agenda("promise")
        self.assertRecordValues(
            action,
            [{"state": "done", "user_id": self.collector.id, "action_type": "note"}],
        )
        self.assertEqual(promise.action_id, action)
        # the collector is notified, the customer's history says who did it
        self.assertIn(
            self.collector.partner_id,
            promise.message_ids.notification_ids.res_partner_id,
        )
        note = self.customer.message_ids[0]
        self.assertEqual(note.author_id, self.customer)
        self.assertIn("done by the customer through the portal", note.body)
        # the dunning pauses on these invoices
        paused = self.env["ar.collection.promise"]._ar_paused_moves()
        self.assertIn(self.inv_late, paused)
        # the page lists it
        page = self.url_open(self._path())
        self.assertIn("Your promises to pay", page.text)

    def test_promise_without_invoice_covers_oldest(self):
        self._post(
            "/promise",
            {
                "date_promised": str(self.today + timedelta(days=3)),
                "payment_means": "cheque",
                "amount": "1000",
            },
        )
        promise = self.customer.ar_promise_ids
        self.assertEqual(promise.amount, 1000.0)
        self.assertEqual(promise.move_ids, self.inv_late)

    def test_promise_in_the_past_refused(self):
        response = self._post(
            "/promise",
            {
                "date_promised": str(self.today - timedelta(days=1)),
                "payment_means": "cheque",
            },
        )
        self.assertIn("Please choose a payment date from today on.", response.text)
        self.assertFalse(self.customer.ar_promise_ids)

    def test_dispute_with_attachment(self):
        response = self._post(
            "/dispute",
            {
                "move_id": self.inv_late2.id,
                "reason_code": "admin_po",
                "message": "Our purchase order number is missing.",
            },
            files=[("attachments", ("order.pdf", PDF, "application/pdf"))],
        )
        self.assertEqual(response.status_code, 200)
        dispute = self.customer.ar_dispute_ids
        self.assertRecordValues(
            dispute,
            [
                {
                    "reason_code": "admin_po",
                    "state": "open",
                    "assigned_user_id": self.collector.id,
                    "amount_disputed": 300.0,
                }
            ],
        )
        self.assertEqual(dispute.move_ids, self.inv_late2)
        message = dispute.message_ids.filtered(lambda m: m.author_id == self.customer)
        self.assertIn("purchase order number is missing", message.body)
        self.assertEqual(message.attachment_ids.name, "order.pdf")
        self.assertEqual(dispute.activity_ids.user_id, self.collector)
        self.assertEqual(self._agenda("dispute").move_ids, self.inv_late2)
        # the answer reaches the customer's page
        dispute.answer = "We reissue the invoice with your order number."
        page = self.url_open(self._path())
        self.assertIn("We reissue the invoice with your order number.", page.text)
        self.assertIn("Administrative: purchase order missing", page.text)

    def test_attachment_refused(self):
        for name, data, error in (
            ("run.exe", b"MZ\x90\x00" + b"\x00" * 60, "is refused"),
            ("invoice.pdf", b"MZ\x90\x00" + b"\x00" * 60, "is refused"),
            ("script.pdf", b"#!/bin/sh\nrm -rf /\n", "is refused"),
            ("big.pdf", PDF + b"0" * (5 * 1024 * 1024), "is too large"),
        ):
            response = self._post(
                "/dispute",
                {"move_id": self.inv_late.id, "reason_code": "other", "message": "x"},
                files=[("attachments", (name, data, "application/pdf"))],
            )
            self.assertIn(error, response.text, name)
        self.assertFalse(self.customer.ar_dispute_ids)
        self.assertFalse(self._agenda("dispute"))

    def _pay_page(self, moves):
        return self._post("/pay", {"move_ids": moves.ids})

    def _transaction(self, moves, amount):
        path = "-".join(str(i) for i in moves.ids)
        return self.make_jsonrpc_request(
            f"/ar/statement/{self.customer.id}/transaction/{path}",
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": amount,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": "https://evil.example",
                "access_token": self.token,
            },
        )

    def test_tampered_amount_refused(self):
        page = self._pay_page(self.inv_late)
        self.assertIn('data-amount="1200.0"', page.text)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._transaction(self.inv_late, 12.0)
        # an invoice of another customer cannot be slipped in
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._transaction(self.inv_late | self.other_invoice, 2199.0)
        self.assertFalse(
            self.env["payment.transaction"].search(
                [("invoice_ids", "in", (self.inv_late | self.other_invoice).ids)]
            )
        )

    def test_pay_two_invoices_online(self):
        moves = self.inv_late | self.inv_late2
        self.assertIn("1,500.00", self._pay_page(moves).text)
        values = self._transaction(moves, 1500.0)
        tx = self.env["payment.transaction"].search(
            [("reference", "=", values["reference"])]
        )
        self.assertRecordValues(
            tx,
            [
                {
                    "amount": 1500.0,
                    "ar_portal_payment": True,
                    "partner_id": self.customer.id,
                }
            ],
        )
        self.assertEqual(tx.invoice_ids, moves)
        self.assertNotIn("evil", tx.landing_route)
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {
                "reference": tx.reference,
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        tx._post_process()
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.payment_id.amount, 1500.0)
        # paid (in payment until the bank statement, on a journal without an
        # outstanding receipts account)
        self.assertEqual(tx.payment_id.invoice_ids, moves)
        self.assertLessEqual(set(moves.mapped("payment_state")), {"paid", "in_payment"})
        # the page no longer offers to pay them
        statement = self.env["ar.collection.portal"]._ar_statement(
            self.customer, self.company, self.today
        )
        self.assertFalse(
            self.env["ar.collection.portal"]._ar_payable_moves(statement) & moves
        )
        action = self._agenda("paid")
        self.assertRecordValues(
            action, [{"state": "done", "user_id": self.collector.id}]
        )
        self.assertIn(tx.reference, action.name)
        self.assertEqual(action.move_ids, moves)

    def test_pay_overdue_when_none_picked(self):
        page = self._post("/pay", {})
        self.assertIn('data-amount="1500.0"', page.text)
        self.assertIn(self.inv_late.name, page.text)
        self.assertNotIn(self.inv_not_due.name, page.text)
