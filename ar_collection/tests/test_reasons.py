import importlib.util

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import Form, tagged
from odoo.tools.misc import file_path

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestReasons(ArCollectionCommon):
    """A reason for non-payment is recorded and counted; only a dispute
    pauses the dunning."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cash = cls._invoice(1000.0, "2026-11-01")
        cls.work = cls._invoice(400.0, "2026-11-01")

    def _log_call(self, invoice, **values):
        with freeze_time("2026-11-20"):
            wizard = Form(
                self.env["ar.collection.log.call"].with_context(
                    default_partner_id=self.customer.id,
                    default_move_ids=invoice.ids,
                )
            )
            for name, value in values.items():
                setattr(wizard, name, value)
            wizard.save().action_confirm()
        return self.env["ar.collection.action"].search(
            [("move_ids", "in", invoice.ids), ("action_type", "=", "call")]
        )

    def test_cash_reason_goes_on_dispute_pauses(self):
        first = self._run("2026-11-12")
        self.assertEqual(first.line_ids.move_id, self.cash | self.work)
        cash_call = self._log_call(self.cash, reason="cash_difficulties")
        work_call = self._log_call(
            self.work, outcome="dispute", dispute_reason="work_dispute"
        )
        self.assertRecordValues(
            cash_call | work_call,
            [
                {"reason": "cash_difficulties", "outcome": "reached"},
                {"reason": "work_dispute", "outcome": "dispute"},
            ],
        )
        self.assertFalse(
            self.env["ar.collection.dispute"].search(
                [("move_ids", "in", self.cash.ids)]
            ),
            "a cash problem is no dispute",
        )
        run = self._run("2026-11-27")
        self.assertRecordValues(
            run.line_ids,
            [{"move_id": self.cash.id, "level_id": self.levels[25].id}],
        )
        # both reasons are in the trend, the dispute also as a dispute
        kpi = self.env["ar.collection.kpi"].create(
            {"date_at": "2026-11-30", "months": 3, "company_id": self.company.id}
        )
        trend = {
            (line.source, line.code): line.value
            for line in kpi.reason_ids
            if line.month == "2026-11"
        }
        self.assertEqual(trend[("reason", "cash_difficulties")], 1)
        self.assertEqual(trend[("reason", "work_dispute")], 1)
        self.assertEqual(trend[("dispute", "work_dispute")], 1)
        cash_line = kpi.reason_ids.filtered(lambda r: r.code == "cash_difficulties")
        self.assertEqual(
            self.env["ar.collection.action"].search(cash_line.action_open()["domain"]),
            cash_call,
        )


@tagged("post_install", "-at_install")
class TestPromiseWithoutInvoices(ArCollectionCommon):
    """A promise on no invoice in particular is judged on the oldest overdue
    ones, and payments not yet reconciled count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_promise_grace_days = 3
        cls.oldest = cls._invoice(1000.0, "2026-10-01")
        cls.older = cls._invoice(500.0, "2026-10-15")
        cls.newer = cls._invoice(300.0, "2026-11-10")
        cls.not_due = cls._invoice(700.0, "2026-12-15")

    def _promise(self, amount):
        with freeze_time("2026-11-23"):
            return self.env["ar.collection.promise"].create(
                {
                    "partner_id": self.customer.id,
                    "amount": amount,
                    "date_promised": "2026-11-30",
                }
            )

    def _pay_on_account(self, amount, date, journal=None):
        payment = self.env["account.payment"].create(
            {
                "partner_id": self.customer.id,
                "partner_type": "customer",
                "payment_type": "inbound",
                "amount": amount,
                "date": date,
                "journal_id": (journal or self.company_data["default_journal_bank"]).id,
            }
        )
        payment.action_post()
        return payment

    def _evaluate(self, day):
        self.env["ar.collection.promise"].with_context(lang="en_US")._cron_evaluate(
            fields.Date.to_date(day)
        )

    def test_oldest_overdue_and_payment_on_account_kept(self):
        promise = self._promise(1200.0)
        # 1000 then 500 cover 1200: the invoice due in November is not in it
        self.assertEqual(promise.move_ids, self.oldest | self.older)
        self.assertEqual(
            self._run().line_ids.move_id, self.newer, "the promise pauses its invoices"
        )
        self._pay_on_account(1200.0, "2026-11-28")
        self.assertEqual(self.oldest.payment_state, "not_paid")
        self._evaluate("2026-12-01")
        self.assertRecordValues(promise, [{"state": "kept", "amount_paid": 1200.0}])

    def test_partly_kept_says_by_how_much(self):
        promise = self._promise(1200.0)
        self._pay_on_account(100.0, "2026-11-20")  # before the promise: not counted
        self._pay_on_account(700.0, "2026-11-28")
        self._evaluate("2026-12-04")
        self.assertRecordValues(promise, [{"state": "partial", "amount_paid": 700.0}])
        message = promise.message_ids.filtered(lambda m: "Partly kept" in m.body)
        self.assertIn("700.00", message.body)
        self.assertIn("1,200.00", message.body)
        self.assertIn("500.00", message.body)
        self.assertIn("700.00", promise.follow_up_action_id.name)
        self.assertEqual(promise.follow_up_action_id.move_ids, promise.move_ids)

    def test_payment_without_outstanding_account_pauses_and_counts(self):
        journals = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "in", ("bank", "cash"))]
        )
        journals.inbound_payment_method_line_ids.payment_account_id = False
        self._pay(self.oldest, 1000.0, "2026-11-24")
        payment = self.oldest.matched_payment_ids
        self.assertFalse(payment.move_id)
        # "in payment" with Odoo's accountant app, "paid" without: the
        # receivable stays open until the bank statement
        self.assertIn(self.oldest.payment_state, ("in_payment", "paid"))
        self.assertAlmostEqual(self.oldest.amount_residual, 1000.0)
        run = self._run("2026-11-25")
        self.assertEqual(
            run.line_ids.move_id,
            self.older | self.newer,
            "a cheque registered and awaiting the bank pauses its invoice",
        )
        # the aged balance shows them apart
        engine = self.env["report.ar_collection.report_aged_balance"]
        totals = {}
        for choice in ("include", "only", "exclude"):
            wizard = self.env["ar.aged.balance"].create(
                {"date_at": "2026-11-25", "in_payment": choice}
            )
            _buckets, rows = engine._summary(
                self.company, wizard.date_at, wizard._get_where_sql()
            )
            totals[choice] = sum(row["total"] for row in rows)
        self.assertEqual(totals, {"include": 2500.0, "only": 1000.0, "exclude": 1500.0})
        with freeze_time("2026-11-23"):
            promise = self.env["ar.collection.promise"].create(
                {
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(self.oldest.ids)],
                    "amount": 1000.0,
                    "date_promised": "2026-11-30",
                }
            )
        self._evaluate("2026-12-04")
        self.assertRecordValues(promise, [{"state": "kept", "amount_paid": 1000.0}])


@tagged("post_install", "-at_install")
class TestUpgradeReasons(ArCollectionCommon):
    """Upgrading turns the former "cash problem" disputes into reasons."""

    def test_cash_problem_dispute_becomes_a_reason(self):
        invoice = self._invoice(1000.0, "2026-11-01")
        dispute = self.env["ar.collection.dispute"].create(
            {
                "name": "Trésorerie tendue",
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoice.ids)],
                "reason_code": "other",
                "date_opened": "2026-11-10",
            }
        )
        # the code as the former version stored it
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE ar_collection_dispute SET reason_code = 'cash_problem' WHERE id = %s",
            [dispute.id],
        )
        dispute.invalidate_recordset()
        self.assertEqual(self._run().line_ids.move_id.ids, [], "paused before")
        path = file_path("ar_collection/migrations/18.0.1.0.2/post-migration.py")
        spec = importlib.util.spec_from_file_location("ar_mig_reasons", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.0.1")
        self.env.invalidate_all()
        self.assertRecordValues(
            dispute,
            [
                {
                    "state": "resolved",
                    "resolution": "not_dispute",
                    "reason_code": "other",
                }
            ],
        )
        action = self.env["ar.collection.action"].search(
            [("partner_id", "=", self.customer.id), ("reason", "!=", False)]
        )
        self.assertRecordValues(
            action,
            [
                {
                    "reason": "cash_difficulties",
                    "state": "done",
                    "date_done": fields.Date.to_date("2026-11-10"),
                    "move_ids": invoice.ids,
                }
            ],
        )
        self.assertEqual(
            self._run("2026-11-24").line_ids.move_id, invoice, "the follow-up goes on"
        )
