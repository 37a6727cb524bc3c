from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestLateChargesInvoice(ArCollectionCommon):
    """The charges a formal notice claimed become a customer invoice, less
    what the credit manager waives with a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_late_interest_rate = 0.0
        cls.invoice = cls._invoice(1000.0, "2025-06-10", date="2025-05-01")

    def setUp(self):
        super().setUp()
        # 20 days at 13.15 % (H1 2025) = 7.21, 26 days at 12.15 % = 8.65: 15.86
        self.notice = self._run(date="2025-07-26").action_ids
        self.notice.action_plan()
        self.assertEqual(self.notice.amount_claimed, 1055.86)

    def _wizard(self):
        return (
            self.env["ar.late.charges.invoice"]
            # tracked as in production (the test base disables tracking)
            .with_context(
                default_action_id=self.notice.id,
                lang="en_US",
                tracking_disable=False,
                mail_notrack=False,
            )
            .create({})
        )

    def _charges_invoices(self):
        return self.env["account.move"].search(
            [("ar_charged_move_ids", "in", self.invoice.ids)]
        )

    def test_invoice_balances_and_reconciles(self):
        wizard = self._wizard()
        self.assertRecordValues(
            wizard.line_ids,
            [{"move_id": self.invoice.id, "interest": 15.86, "indemnity": 40.0}],
        )
        charges = self.env["account.move"].browse(wizard.action_confirm()["res_id"])
        self.assertRecordValues(
            charges,
            [
                {
                    "move_type": "out_invoice",
                    "state": "posted",
                    "partner_id": self.customer.id,
                    "amount_untaxed": 55.86,
                    "amount_tax": 0.0,
                    "amount_total": 55.86,
                }
            ],
        )
        self.assertEqual(charges.ar_charged_move_ids, self.invoice)
        self.assertEqual(self.invoice.ar_charges_move_ids, charges)
        self.assertEqual(
            sorted(
                (line.account_id.code, line.debit, line.credit)
                for line in charges.line_ids
            ),
            [
                ("411100", 55.86, 0.0),  # the customer
                ("758000", 0.0, 40.0),  # PCG 758: the recovery indemnity
                ("763100", 0.0, 15.86),  # PCG 7631: interest on trade receivables
            ],
        )
        self.assertRecordValues(
            self.notice,
            [{"charges_move_id": charges.id, "charges_settled": True}],
        )
        self._pay(charges, 55.86, "2025-08-05")
        self.assertIn(charges.payment_state, ("paid", "in_payment"))
        self.assertEqual(charges.amount_residual, 0.0)
        # once settled, the letter's charges are not invoiced twice
        with self.assertRaises(UserError):
            self._wizard()

    def test_partial_waiver_needs_a_reason_and_is_not_invoiced(self):
        wizard = self._wizard()
        wizard.line_ids.interest_waived = 15.86
        with self.assertRaises(UserError) as error:
            wizard.action_confirm()
        self.assertIn("reason for waiving", str(error.exception))
        self.assertFalse(self._charges_invoices())
        self.assertFalse(self.notice.charges_settled)
        with self.assertRaises(ValidationError):
            wizard.line_ids.indemnity_waived = 40.01
        wizard.waiver_reason = "Goodwill: first delay of a long-standing customer"
        charges = self.env["account.move"].browse(wizard.action_confirm()["res_id"])
        self.assertEqual(
            [
                (line.account_id.code, line.debit, line.credit)
                for line in charges.line_ids
            ],
            [("758000", 0.0, 40.0), ("411100", 40.0, 0.0)],
        )
        self.assertRecordValues(
            self.notice,
            [
                {
                    "charges_waived": 15.86,
                    "charges_waiver_reason": "Goodwill: first delay of a "
                    "long-standing customer",
                }
            ],
        )
        note = self.notice.message_ids.filtered(
            lambda m: "charges waived" in (m.body or "")
        )
        self.assertIn(
            f"{self.invoice.name}: interest 15.86 €, indemnity 0.00 €",
            " ".join(html2plaintext(note.body).split()),
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        self.assertTrue(
            self.notice.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "charges_waiver_reason"
            )
        )
        # a later letter claims neither the waived interest nor the indemnity
        # again: 30 days from 27 July at 12.15 % = 9.99; the charges invoice
        # bears no charges itself
        later = self.env["ar.collection.action"].create(
            {
                "name": "Relance",
                "partner_id": self.customer.id,
                "action_type": "letter",
                "date_planned": "2025-08-25",
                "move_ids": [(6, 0, (self.invoice | charges).ids)],
            }
        )
        data = later._ar_letter_data()
        self.assertEqual(
            [(i["move"], i["interest"], i["indemnity"]) for i in data["invoices"]],
            [(self.invoice, 9.99, 0.0), (charges, 0.0, 0.0)],
        )

    def test_waive_everything(self):
        wizard = self._wizard()
        wizard.line_ids.write({"interest_waived": 15.86, "indemnity_waived": 40.0})
        wizard.waiver_reason = "Settled by phone"
        self.assertEqual(
            wizard.action_confirm(), {"type": "ir.actions.act_window_close"}
        )
        self.assertFalse(self._charges_invoices())
        self.assertRecordValues(
            self.notice,
            [
                {
                    "charges_move_id": False,
                    "charges_waived": 55.86,
                    "charges_settled": True,
                }
            ],
        )
