from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .bill_common import ArBillCommon

CUSTOMER = "Menuiserie Lefèvre SARL"


@tagged("post_install", "-at_install")
class TestBill(ArBillCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(1200.0, due="2026-07-31", date="2026-07-01")
        cls.receivable = cls.invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).account_id.code
        cls.bank_code = cls.bank.default_account_id.code

    def test_accepted_remitted_for_collection_paid(self):
        bill = self._bill(self.invoice, 1200.0, "2026-08-31")
        self.assertEqual(bill.state, "accepted")
        self.assertEqual(
            self._items(bill.acceptance_move_id),
            [
                (self.receivable, 0.0, 1200.0, CUSTOMER),
                ("413000", 1200.0, 0.0, CUSTOMER),
            ],
        )
        # the invoice is settled by the bill: no longer due, no longer dunned
        self.assertEqual(self.invoice.amount_residual, 0.0)
        self.assertEqual(self.invoice.payment_state, "paid")
        self.assertFalse(self._run(date="2026-08-20").line_ids)

        remittance = self._remit(bill)
        self.assertEqual(bill.state, "remitted")
        self.assertEqual(remittance.move_id.journal_id, self.bank)
        self.assertEqual(
            self._items(remittance.move_id),
            [
                ("413000", 0.0, 1200.0, CUSTOMER),
                ("511300", 1200.0, 0.0, CUSTOMER),
            ],
        )
        with freeze_time("2026-08-31"):
            bill.action_paid()
        self.assertEqual(bill.state, "paid")
        self.assertEqual(
            self._items(bill.settlement_move_id),
            [
                ("511300", 0.0, 1200.0, CUSTOMER),
                (self.bank_code, 1200.0, 0.0, CUSTOMER),
            ],
        )
        self.assertEqual(bill.settlement_move_id.date.isoformat(), "2026-08-31")
        moves = bill.acceptance_move_id | remittance.move_id | bill.settlement_move_id
        for move in moves:
            self.assertEqual(move.state, "posted")
        # 413 and 5113 are cleared: every item on them is matched
        cleared = moves.line_ids.filtered(
            lambda line: line.account_id.code in ("413000", "511300")
        )
        self.assertEqual(len(cleared), 4)
        self.assertTrue(all(cleared.mapped("reconciled")))

    def test_partial_bill_is_not_dunned(self):
        invoice = self._invoice(1000.0, due="2026-07-31", date="2026-07-01")
        self._bill(invoice, 600.0, "2026-09-30")
        self.assertEqual(invoice.amount_residual, 400.0)
        self.assertEqual(invoice.payment_state, "partial")
        run = self._run(date="2026-08-20")
        self.assertNotIn(invoice, run.line_ids.move_id)
        # the other open invoice of the customer is still reminded
        self.assertIn(self.invoice, run.line_ids.move_id)

    def test_discounted_then_unpaid(self):
        # the agenda's subjects are in the company's language
        self.env["res.lang"]._activate_lang("fr_FR")
        self.company.partner_id.lang = "fr_FR"
        bill = self._bill(self.invoice, 1200.0, "2026-08-31")
        remittance = self._remit(bill, mode="discount")
        self.assertEqual(
            self._items(remittance.move_id),
            [
                ("413000", 0.0, 1200.0, CUSTOMER),
                ("511400", 1200.0, 0.0, CUSTOMER),
            ],
        )
        with freeze_time("2026-09-03"):
            self.env["ar.collection.bill.unpaid"].create(
                {"bill_id": bill.id, "fees": 18.5}
            ).action_confirm()
        self.assertEqual(bill.state, "unpaid")
        self.assertEqual(
            self._items(bill.settlement_move_id),
            [
                (self.receivable, 1200.0, 0.0, CUSTOMER),
                ("511400", 0.0, 1200.0, CUSTOMER),
                (self.bank_code, 0.0, 18.5, CUSTOMER),
                ("627500", 18.5, 0.0, CUSTOMER),
            ],
        )
        # back to the customer: the invoice is due again, since 31 July
        self.assertEqual(self.invoice.amount_residual, 1200.0)
        self.assertEqual(self.invoice.payment_state, "not_paid")
        self.assertRecordValues(
            bill.unpaid_action_id,
            [
                {
                    "name": "Effet impayé %s (1\xa0200,00\xa0€) : appeler %s"
                    % (bill.name, CUSTOMER),
                    "action_type": "call",
                    "priority": "1",
                    "state": "planned",
                    "origin": "bill",
                    "user_id": self.collector.id,
                    "partner_id": self.customer.id,
                }
            ],
        )
        self.assertEqual(bill.unpaid_action_id.date_planned.isoformat(), "2026-09-03")
        self.assertEqual(bill.unpaid_action_id.move_ids, self.invoice)
        # the follow-up restarts at the level the lateness calls for
        run = self._run(date="2026-09-15")
        self.assertEqual(run.line_ids.move_id, self.invoice)
        self.assertEqual(run.line_ids.level_id, self.levels[45])

    def test_checks(self):
        with self.assertRaisesRegex(ValidationError, "dépasse ce qui reste dû"):
            self._bill(self.invoice, 1200.01, "2026-08-31")
        with self.assertRaisesRegex(ValidationError, "échéance passée"):
            self._bill(self.invoice, 1000.0, "2026-07-09")
        with self.assertRaisesRegex(ValidationError, "supérieur à zéro|above zero"):
            self._bill(self.invoice, 0.0, "2026-08-31")
        bill = self._bill(self.invoice, 1200.0, "2026-08-31")
        with self.assertRaisesRegex(UserError, "pas en banque"):
            bill.action_paid()
        self.assertFalse(bill.settlement_move_id)

    def test_aged_balance_shows_the_bill_at_its_maturity(self):
        bill = self._bill(self.invoice, 1200.0, "2026-08-31")
        rows = [
            row
            for row in self.env[
                "report.ar_collection.report_aged_balance"
            ]._iter_detail(self.company, date(2026, 8, 10))
            if row[0] == CUSTOMER
        ]
        # the invoice is settled; the bill (413) is due at its maturity, not
        # overdue (first bucket)
        self.assertEqual(
            rows,
            [
                (
                    CUSTOMER,
                    bill.acceptance_move_id.name,
                    None,
                    date(2026, 8, 31),
                    -21,
                    0,
                    1200.0,
                )
            ],
        )
