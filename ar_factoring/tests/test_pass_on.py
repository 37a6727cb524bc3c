from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestPassOn(ArFactoringCommon):
    """A customer pays the company an invoice the factor holds: the invoice
    closes on 411, and what it paid is owed to the factor until passed on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(1000.0, invoice_date_due="2026-10-31")
        cls.other = cls._invoice(400.0, invoice_date_due="2026-10-31")
        cls._batch(cls.invoice | cls.other)

    def _dashboard(self):
        self.contract.invalidate_recordset()
        return self.contract.amount_to_pass_on

    def test_direct_payment_passed_on(self):
        self.assertEqual(self._dashboard(), 0.0)
        self._pay(self.invoice, 400.0, date="2026-10-20")
        self.assertRecordValues(
            self.invoice,
            [
                {
                    "payment_state": "partial",
                    "amount_residual": 600.0,
                    "ar_factor_state": "assigned",
                }
            ],
        )
        self.assertEqual(self._dashboard(), 400.0)
        listed = self.contract.action_view_to_pass_on()
        self.assertEqual(
            self.env["account.move"].search(listed["domain"]), self.invoice
        )
        with freeze_time("2026-10-21"):
            self.contract.action_pass_on()
        entry = self.env["account.move"].search(
            [("line_ids.name", "=", f"Paid to us, passed on: {self.invoice.name}")]
        )
        self.assertRecordValues(
            entry, [{"state": "posted", "date": fields.Date.to_date("2026-10-21")}]
        )
        self.assertEqual(
            self._journal_items(entry),
            sorted([("467900", 400.0, 0.0), ("467810", 0.0, 400.0)]),
        )
        self.assertEqual(self._dashboard(), 0.0)
        # the factor still holds the rest: the customer owes it 600
        self.assertEqual(self.invoice.ar_factor_state, "assigned")
        self.assertEqual(self.contract.amount_assigned, 1000.0)
        # the customer pays us the rest: the invoice leaves the factor
        self._pay(self.invoice, 600.0, date="2026-10-25")
        self.assertEqual(self._dashboard(), 600.0)
        self.contract.action_pass_on()
        self.assertRecordValues(
            self.invoice,
            [
                {
                    "payment_state": "paid",
                    "amount_residual": 0.0,
                    "ar_factor_state": "collected",
                }
            ],
        )
        self.assertTrue(
            all(self.invoice._ar_factor_assignment_lines().mapped("reconciled"))
        )
        self.assertEqual(self._dashboard(), 0.0)
        self.assertEqual(self.contract.amount_assigned, 400.0)
        self.assertEqual(self.other.ar_factor_state, "assigned")
