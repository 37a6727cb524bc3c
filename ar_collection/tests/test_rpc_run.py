"""The dated run and the managers' buttons, called as an outside client
would: JSON-RPC, any user, checked on the server."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestRpcRun(ArCollectionCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rpc_users()
        # 53 days late on 23 November: the formal notice, waiting for review
        cls.invoice = cls._invoice(900.0, "2026-10-01")

    def test_manager_replays_a_date(self):
        result, error = self._rpc(
            self.rpc_manager, "ar.dunning.run", "action_run_at", "2026-11-23"
        )
        self.assertFalse(error)
        self.assertEqual(
            {k: result[k] for k in ("date", "state", "line_count", "action_count")},
            {"date": "2026-11-23", "state": "done", "line_count": 1, "action_count": 1},
        )
        self.assertEqual(result["summary"], "Standard SME / Formal notice: 1")
        run = self.env["ar.dunning.run"].browse(result["id"])
        self.assertEqual(run.user_id, self.rpc_manager)
        self.assertEqual(run.action_ids.state, "to_review")
        self.assertEqual(self.invoice.ar_dunning_level_id, self.levels[45])
        # replayed at the same date: nothing doubled
        again, _error = self._rpc(
            self.rpc_manager, "ar.dunning.run", "action_run_at", "2026-11-23"
        )
        self.assertEqual((again["line_count"], again["action_count"]), (0, 0))

    def test_client_defaults_do_not_reach_the_run(self):
        """A client's default_* keys are for its own forms, not for the
        actions the run makes: archived or urgent actions would vanish from
        the agenda or crowd it (the run works as superuser, and Odoo drops
        them on that switch)."""
        result, error = self._rpc(
            self.rpc_manager,
            "ar.dunning.run",
            "action_run_at",
            "2026-11-23",
            context={"default_active": False, "default_priority": "1"},
        )
        self.assertFalse(error)
        action = self.env["ar.dunning.run"].browse(result["id"]).action_ids
        self.assertEqual(len(action), 1)
        self.assertTrue(action.active)
        self.assertEqual(action.priority, "0")

    def test_collector_cannot_start_a_run(self):
        result, error = self._rpc(
            self.rpc_collector,
            "ar.dunning.run",
            "action_run_at",
            "2026-11-23",
        )
        self.assertIsNone(result)
        self.assertEqual(
            error,
            (
                "odoo.exceptions.AccessError",
                "Only a credit or collection manager can start a dunning run.",
            ),
        )
        self.assertFalse(self.invoice.ar_dunning_line_ids)

    def test_bad_date_and_foreign_company(self):
        _result, error = self._rpc(
            self.rpc_manager, "ar.dunning.run", "action_run_at", "2026-13-45"
        )
        self.assertEqual(
            error,
            (
                "odoo.exceptions.UserError",
                "The run's date must be given as YYYY-MM-DD.",
            ),
        )
        other = self.env["res.company"].create({"name": "Autre société"})
        _result, error = self._rpc(
            self.rpc_manager, "ar.dunning.run", "action_run_at", "2026-11-23", other.id
        )
        self.assertEqual(
            error,
            ("odoo.exceptions.AccessError", "You have no access to this company."),
        )
        self.assertFalse(self.invoice.ar_dunning_line_ids)

    def test_only_a_manager_validates_the_review_queue(self):
        action = self._run().action_ids
        action.user_id = self.rpc_collector
        # rendered here: wkhtmltopdf fetching the page's assets from the test
        # server while it serves the RPC call below would wait for it forever
        letter = action._ar_render_letter()
        _result, error = self._rpc(
            self.rpc_collector, "ar.collection.action", "action_plan", action.ids
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.assertIn("Only a collection manager can validate", error[1])
        self.assertEqual(action.state, "to_review")
        _result, error = self._rpc(
            self.rpc_manager, "ar.collection.action", "action_plan", action.ids
        )
        self.assertFalse(error)
        self.assertEqual(action.state, "planned")
        # sent: the letter is posted on the customer's and the invoice's chatter
        for record in (self.customer, self.invoice):
            self.assertIn(letter, record.message_ids.attachment_ids)

    def test_instalments_of_an_active_plan_stay(self):
        plan = self.env["ar.collection.payment.plan"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": [Command.set(self.invoice.ids)],
                "amount_total": 900.0,
                "date_start": "2026-11-25",
                "line_ids": [
                    Command.create({"date": "2026-12-01", "amount": 450.0}),
                    Command.create({"date": "2027-01-01", "amount": 450.0}),
                ],
            }
        )
        plan.action_confirm()
        first = plan.line_ids[0]
        for model, method, args in (
            ("ar.collection.payment.plan.line", "unlink", [first.ids]),
            (
                "ar.collection.payment.plan",
                "write",
                [plan.ids, {"line_ids": [Command.delete(first.id)]}],
            ),
        ):
            _result, error = self._rpc(self.rpc_collector, model, method, *args)
            self.assertEqual(error[0], "odoo.exceptions.AccessError", method)
            self.assertIn("active payment plan", error[1])
        self.assertEqual(len(plan.line_ids), 2)
        # the manager may (and must then fix the plan's amount)
        _result, error = self._rpc(
            self.rpc_manager,
            "ar.collection.payment.plan",
            "write",
            plan.ids,
            {
                "amount_total": 450.0,
                "line_ids": [Command.delete(plan.line_ids[0].id)],
            },
        )
        self.assertFalse(error)
        self.assertEqual(plan.line_ids.mapped("amount"), [450.0])

    def test_watch_list_is_for_credit_managers(self):
        _result, error = self._rpc(
            self.rpc_collector, "res.partner", "action_ar_watch", self.customer.ids
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.assertFalse(self.customer.ar_on_watch_list)
