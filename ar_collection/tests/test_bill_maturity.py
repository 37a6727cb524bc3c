from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .bill_common import ArBillCommon

CUSTOMER = "Menuiserie Lefèvre SARL"


@tagged("post_install", "-at_install")
class TestBillMaturity(ArBillCommon):
    """The daily step marks paid, once, the bills the bank has credited: at
    the bank, maturity plus the value delay gone by, not returned unpaid."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_bill_value_days = 2
        cls.bank_code = cls.bank.default_account_id.code

    def _step(self, day):
        with freeze_time(day):
            self.env["ar.collection.bill"]._cron_mark_paid()

    def test_paid_once_after_the_value_date(self):
        collected = self._bill(
            self._invoice(1200.0, due="2026-07-31", date="2026-07-01"),
            1200.0,
            "2026-08-31",
        )
        discounted = self._bill(
            self._invoice(300.0, due="2026-07-31", date="2026-07-01"),
            300.0,
            "2026-08-31",
        )
        returned = self._bill(
            self._invoice(500.0, due="2026-07-31", date="2026-07-01"),
            500.0,
            "2026-08-31",
        )
        # accepted, never remitted: the bank has nothing to pay
        kept = self._bill(
            self._invoice(80.0, due="2026-07-31", date="2026-07-01"),
            80.0,
            "2026-08-31",
        )
        self._remit(collected | returned)
        self._remit(discounted, mode="discount")
        with freeze_time("2026-08-31"):
            self.env["ar.collection.bill.unpaid"].create(
                {"bill_id": returned.id}
            ).action_confirm()
        unpaid_entry = returned.settlement_move_id

        self._step("2026-09-01")  # maturity + 1 day: not yet credited
        self.assertEqual(
            (collected | discounted | returned | kept).mapped("state"),
            ["remitted", "remitted", "unpaid", "accepted"],
        )
        self.assertFalse((collected | discounted).settlement_move_id)

        self._step("2026-09-02")
        self.assertEqual(
            (collected | discounted | returned | kept).mapped("state"),
            ["paid", "paid", "unpaid", "accepted"],
        )
        self.assertEqual(
            self._items(collected.settlement_move_id),
            [
                ("511300", 0.0, 1200.0, CUSTOMER),
                (self.bank_code, 1200.0, 0.0, CUSTOMER),
            ],
        )
        self.assertEqual(
            self._items(discounted.settlement_move_id),
            [
                ("511400", 0.0, 300.0, CUSTOMER),
                (self.bank_code, 300.0, 0.0, CUSTOMER),
            ],
        )
        for bill in collected | discounted:
            entry = bill.settlement_move_id
            self.assertEqual(entry.state, "posted")
            self.assertEqual(entry.date.isoformat(), "2026-09-02")
            self.assertEqual(entry.journal_id, self.bank)
            self.assertEqual(
                sum(entry.line_ids.mapped("debit")),
                sum(entry.line_ids.mapped("credit")),
            )
            # the bill's 511x is cleared, as the button leaves it
            at_bank = entry.line_ids.filtered("credit")
            self.assertTrue(at_bank.reconciled)
        self.assertEqual(returned.settlement_move_id, unpaid_entry)

        # a second run, days later, books nothing more
        entries = self.env["account.move"].search_count([])
        self._step("2026-09-10")
        self.assertEqual(self.env["account.move"].search_count([]), entries)
        self.assertEqual(
            (collected | discounted | returned | kept).mapped("state"),
            ["paid", "paid", "unpaid", "accepted"],
        )

    def test_value_delay_is_the_company_setting(self):
        self.company.ar_bill_value_days = 0
        bill = self._bill(
            self._invoice(1200.0, due="2026-07-31", date="2026-07-01"),
            1200.0,
            "2026-08-31",
        )
        self._remit(bill)
        self._step("2026-08-30")
        self.assertEqual(bill.state, "remitted")
        self._step("2026-08-31")
        self.assertEqual(bill.state, "paid")
        self.assertEqual(bill.settlement_move_id.date.isoformat(), "2026-08-31")

    def test_locked_period_books_on_the_day_of_the_run(self):
        locked, open_ = (
            self._bill(
                self._invoice(amount, due="2026-07-31", date="2026-07-01"),
                amount,
                maturity,
            )
            for amount, maturity in ((400.0, "2026-08-20"), (600.0, "2026-08-31"))
        )
        self._remit(locked | open_)
        # the accountant closed August: the first bill's value date (22/08)
        # is locked: Odoo books it on the day of the run; the run goes on
        self.company.fiscalyear_lock_date = "2026-08-31"
        self._step("2026-09-05")
        self.assertEqual((locked | open_).mapped("state"), ["paid", "paid"])
        self.assertEqual(
            [bill.settlement_move_id.date.isoformat() for bill in locked | open_],
            ["2026-09-05", "2026-09-02"],
        )

    def test_value_delay_not_negative(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.company.ar_bill_value_days = -1
            self.company.flush_recordset()
