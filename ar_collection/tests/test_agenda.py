from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tests import Form, new_test_user, tagged

from .common import ArCollectionCommon
from .test_dunning_letter import pdf_text


@tagged("post_install", "-at_install")
class TestAgenda(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_promise_grace_days = 3
        cls.invoice = cls._invoice(1000.0, "2026-11-01")

    def _promise(self, amount=1000.0, date="2026-11-30"):
        with freeze_time("2026-11-23"):
            return (
                self.env["ar.collection.promise"]
                .with_context(lang="en_US")
                .create(
                    {
                        "partner_id": self.customer.id,
                        "move_ids": self.invoice.ids,
                        "amount": amount,
                        "date_promised": date,
                        "payment_means": "transfer",
                    }
                )
            )

    def _skipped(self):
        """What the run skips, searched as the run does (as superuser)."""
        domains = self.env["account.move"]._ar_dunning_skip_domains()
        return self.env["account.move"].sudo().search(expression.OR(domains))

    def test_promise_kept(self):
        promise = self._promise()
        self.assertIn(self.invoice, self._skipped())
        self._pay(self.invoice, 1000.0, "2026-11-28")
        self.env["ar.collection.promise"]._cron_evaluate(
            fields.Date.to_date("2026-11-29")
        )
        self.assertEqual(promise.state, "kept")
        self.assertAlmostEqual(promise.amount_paid, 1000.0)
        self.assertEqual(self.customer.ar_promise_kept_rate, 100.0)

    def test_promise_partly_kept_then_follow_up(self):
        promise = self._promise()
        self._pay(self.invoice, 400.0, "2026-11-30")
        # within the grace period it stays open
        self.env["ar.collection.promise"]._cron_evaluate(
            fields.Date.to_date("2026-12-02")
        )
        self.assertEqual(promise.state, "open")
        self.env["ar.collection.promise"]._cron_evaluate(
            fields.Date.to_date("2026-12-04")
        )
        self.assertEqual(promise.state, "partial")
        self.assertAlmostEqual(promise.amount_paid, 400.0)
        follow_up = promise.follow_up_action_id
        self.assertEqual(follow_up.action_type, "call")
        self.assertEqual(follow_up.user_id, self.collector)
        self.assertEqual(str(follow_up.date_planned), "2026-12-04")
        self.assertNotIn(self.invoice, self._skipped())

    def test_promise_broken_and_payment_before_promise_ignored(self):
        self._pay(self.invoice, 100.0, "2026-11-20")  # before the promise was made
        promise = self._promise(amount=900.0)
        self.env["ar.collection.promise"]._cron_evaluate(
            fields.Date.to_date("2026-12-10")
        )
        self.assertEqual(promise.state, "broken")
        self.assertEqual(promise.amount_paid, 0.0)
        self.assertEqual(self.customer.ar_promise_kept_rate, 0.0)

    def test_promise_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "past"):
            self._promise(date="2026-11-01")
        with self.assertRaisesRegex(ValidationError, "above zero"):
            self._promise(amount=0.0)

    def test_dispute_pauses_then_resumes_dunning(self):
        other = self._invoice(200.0, "2026-11-01")
        dispute = self.env["ar.collection.dispute"].create(
            {
                "name": "Livraison incomplète",
                "partner_id": self.customer.id,
                "move_ids": self.invoice.ids,
                "reason_code": "work_dispute",
                "amount_disputed": 300.0,
                "assigned_user_id": self.collector.id,
                "date_deadline": "2026-11-30",
            }
        )
        self.assertEqual(dispute.activity_ids.user_id, self.collector)
        run = self._run()
        self.assertEqual(
            run.line_ids.move_id, other, "only the disputed invoice pauses"
        )
        dispute.action_resolve_credit_note()
        self.assertEqual(dispute.state, "resolved")
        self.assertFalse(dispute.activity_ids)
        self.assertEqual(self._run().line_ids.move_id, self.invoice)

    def test_dispute_reminders_while_late(self):
        dispute = self.env["ar.collection.dispute"].create(
            {
                "name": "Retard qualité",
                "partner_id": self.customer.id,
                "reason_code": "work_dispute",
                "assigned_user_id": self.collector.id,
                "date_deadline": "2026-11-20",
            }
        )
        dispute.activity_ids.action_feedback(feedback="Vu")
        Dispute = self.env["ar.collection.dispute"]
        Dispute._cron_remind(fields.Date.to_date("2026-11-23"))
        Dispute._cron_remind(fields.Date.to_date("2026-11-23"))
        self.assertEqual(len(dispute.activity_ids), 1)
        self.assertEqual(dispute.activity_ids.user_id, self.collector)
        dispute.activity_ids.action_feedback(feedback="Relancé le service")
        Dispute._cron_remind(fields.Date.to_date("2026-11-24"))
        self.assertEqual(str(dispute.activity_ids.date_deadline), "2026-11-24")
        dispute.action_reject()
        Dispute._cron_remind(fields.Date.to_date("2026-11-25"))
        self.assertFalse(dispute.activity_ids)

    def test_payment_plan_respected_then_missed(self):
        plan = self.env["ar.collection.payment.plan"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": self.invoice.ids,
                "amount_total": 1000.0,
                "date_start": "2026-11-15",
                "line_ids": [
                    Command.create({"date": "2026-11-20", "amount": 500.0}),
                    Command.create({"date": "2026-12-20", "amount": 500.0}),
                ],
            }
        )
        plan.action_confirm()
        self._pay(self.invoice, 500.0, "2026-11-19")
        Plan = self.env["ar.collection.payment.plan"]
        Plan._cron_evaluate(fields.Date.to_date("2026-11-23"))
        self.assertRecordValues(
            plan.line_ids,
            [
                {"state": "paid", "amount_paid": 500.0},
                {"state": "pending", "amount_paid": 0.0},
            ],
        )
        self.assertFalse(self._run().line_ids, "a respected plan pauses dunning")
        Plan._cron_evaluate(fields.Date.to_date("2026-12-24"))
        self.assertRecordValues(plan, [{"state": "broken", "amount_paid": 500.0}])
        self.assertEqual(plan.line_ids[1].state, "missed")
        self.assertRecordValues(
            plan.follow_up_action_id,
            [
                {
                    "origin": "payment_plan",
                    "action_type": "call",
                    "priority": "1",
                    "user_id": self.collector.id,
                    "date_planned": fields.Date.to_date("2026-12-24"),
                    "move_ids": self.invoice.ids,
                }
            ],
        )
        self.assertEqual(
            self._run(date="2026-12-24").line_ids.move_id,
            self.invoice,
            "a broken plan no longer pauses its invoice",
        )

    def test_plan_schedule_letter(self):
        plan = self.env["ar.collection.payment.plan"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": self.invoice.ids,
                "amount_total": 1000.0,
                "date_start": "2026-11-23",
                "line_ids": [
                    Command.create({"date": "2026-12-15", "amount": 600.0}),
                    Command.create({"date": "2027-01-15", "amount": 400.0}),
                ],
            }
        )
        report = self.env.ref("ar_collection.ar_collection_payment_plan_report")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, plan.ids
        )
        text = pdf_text(pdf)
        self.assertIn("Payment schedule agreement", text)
        self.assertIn(self.invoice.name, text)
        self.assertIn("15/01/2027", text.replace("01/15/2027", "15/01/2027"))
        self.assertRegex(text, r"600[.,]00")
        self.assertIn("read and approved", text)

    def test_plan_instalments_must_add_up(self):
        plan = self.env["ar.collection.payment.plan"].create(
            {
                "partner_id": self.customer.id,
                "amount_total": 1000.0,
                "date_start": "2026-11-23",
                "line_ids": [Command.create({"date": "2026-12-01", "amount": 400.0})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "add up to"):
            plan.with_context(lang="en_US").action_confirm()

    def test_log_call_with_promise_creates_next_action(self):
        action = self.env["ar.collection.action"].create(
            {
                "name": "Appel",
                "partner_id": self.customer.id,
                "move_ids": self.invoice.ids,
                "date_planned": "2026-11-23",
            }
        )
        with freeze_time("2026-11-23"):
            wizard = Form(
                self.env["ar.collection.log.call"].with_context(
                    default_action_id=action.id
                )
            )
            wizard.outcome = "promise"
            wizard.promise_date = fields.Date.to_date("2026-11-30")
            wizard.promise_means = "cheque"
            wizard.save().action_confirm()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.outcome, "promise")
        promise = self.env["ar.collection.promise"].search(
            [("action_id", "=", action.id)]
        )
        self.assertAlmostEqual(promise.amount, 1000.0)
        next_action = self.env["ar.collection.action"].search(
            [("partner_id", "=", self.customer.id), ("state", "=", "planned")]
        )
        self.assertEqual(str(next_action.date_planned), "2026-12-01")

    @freeze_time("2026-11-23")
    def test_customer_collection_summary(self):
        Action = self.env["ar.collection.action"]
        done = Action.create(
            {
                "name": "Appel 1",
                "partner_id": self.customer.id,
                "date_planned": "2026-11-10",
            }
        )
        done.action_done()
        later, soon = Action.create(
            [
                {
                    "name": "Appel 3",
                    "partner_id": self.customer.id,
                    "date_planned": "2026-12-10",
                },
                {
                    "name": "Appel 2",
                    "partner_id": self.customer.id,
                    "date_planned": "2026-11-30",
                },
            ]
        )
        self._invoice(250.0, "2026-12-31")  # not yet due
        self.assertAlmostEqual(self.customer.ar_overdue_amount, 1000.0)
        self.assertEqual(self.customer.ar_last_action_id, done)
        self.assertEqual(self.customer.ar_next_action_id, soon)
        # once the nearest is done, it is the last and the later one is next
        with freeze_time("2026-11-30"):
            soon.action_done()
            self.customer.invalidate_recordset()
            self.assertEqual(self.customer.ar_last_action_id, soon)
            self.assertEqual(self.customer.ar_next_action_id, later)

    def test_campaign_one_call_per_customer(self):
        other = self.customer.copy({"name": "Client Août"})
        self._invoice(100.0, "2026-08-05")
        self._invoice(200.0, "2026-08-20")
        self._invoice(300.0, "2026-08-10", partner=other)
        self._invoice(999.0, "2026-09-10", partner=other)  # outside the period
        wizard = (
            self.env["ar.collection.campaign"]
            .with_context(lang="en_US")
            .create(
                {
                    "date_from": "2026-08-01",
                    "date_to": "2026-08-31",
                    "date_planned": "2026-07-03",
                }
            )
        )
        result = wizard.action_create_calls()
        run = self.env["ar.collection.campaign.run"].browse(result["res_id"])
        calls = run.action_ids
        self.assertEqual(len(calls), 2)
        mine = calls.filtered(lambda a: a.partner_id == self.customer)
        self.assertAlmostEqual(mine.amount_residual, 300.0)
        self.assertEqual(mine.origin, "campaign")
        self.assertIn("bill of exchange", mine.note)

    def test_sales_user_answers_routed_dispute_only(self):
        seller = new_test_user(self.env, login="ar_seller", groups="base.group_user")
        dispute = self.env["ar.collection.dispute"].create(
            {
                "name": "Prix",
                "partner_id": self.customer.id,
                "reason_code": "admin_amount",
                "assigned_user_id": seller.id,
            }
        )
        other = self.env["ar.collection.dispute"].create(
            {"name": "Autre", "partner_id": self.customer.id, "reason_code": "other"}
        )
        dispute.with_user(seller).answer = "Remise de 5 % accordée, avoir à faire"
        self.assertIn("Remise", dispute.answer)
        with self.assertRaises(AccessError):
            dispute.with_user(seller).amount_disputed = 1.0
        with self.assertRaises(AccessError):
            other.with_user(seller).read(["name"])
        with self.assertRaises(AccessError):
            self.env["ar.collection.action"].with_user(seller).search([])
