"""Bad input sent by an outside client: each case gets a clear error from a
Python check, nothing is written, and no "bad query" reaches the log."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestRpcBadInput(ArCollectionCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="ar_input_manager",
            groups="ar_collection.ar_collection_group_manager",
            company_id=cls.company.id,
        )
        cls.invoice = cls._invoice(900.0, "2026-10-01")

    def _refused(self, model, method, args, message):
        """``model.method(*args)`` is refused with ``message``, writes nothing
        and logs no failed query."""
        count = self.env[model].search_count([])
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            result, error = self._rpc(self.manager, model, method, *args)
        self.assertIsNone(result)
        self.assertEqual(error, ("odoo.exceptions.ValidationError", message), args)
        self.assertEqual(self.env[model].search_count([]), count)

    def _promise(self, **vals):
        return {
            "partner_id": self.customer.id,
            "amount": 500.0,
            "date_made": "2026-11-20",
            "date_promised": "2026-11-30",
            **vals,
        }

    def _plan(self, lines, **vals):
        return {
            "partner_id": self.customer.id,
            "move_ids": [Command.set(self.invoice.ids)],
            "amount_total": 900.0,
            "date_start": "2026-12-01",
            "line_ids": [
                Command.create({"date": day, "amount": amount}) for day, amount in lines
            ],
            **vals,
        }

    def test_promises(self):
        Promise = "ar.collection.promise"
        for vals, message in (
            ({"amount": -50.0}, "Amount cannot be negative."),
            ({"amount": 0.0}, "Amount must be above zero."),
            ({"amount": 1e13}, "Amount is too large to be real."),
            (
                {"date_promised": "2026-11-10"},
                "A promise to pay cannot be for a date in the past.",
            ),
        ):
            self._refused(Promise, "create", [self._promise(**vals)], message)

    def test_payment_plans(self):
        Plan = "ar.collection.payment.plan"
        halves = [("2026-12-15", 450.0), ("2027-01-15", 450.0)]
        for vals, message in (
            (
                self._plan(halves, amount_total=-900.0),
                "Amount of the plan cannot be negative.",
            ),
            (
                self._plan(halves, amount_total=5e12),
                "Amount of the plan is too large to be real.",
            ),
            (
                self._plan([("2026-12-15", 1000.0), ("2027-01-15", -100.0)]),
                "Amount cannot be negative.",
            ),
            (
                self._plan([("2026-11-15", 450.0), ("2027-01-15", 450.0)]),
                "An instalment of Payment plan falls before the plan starts (2026-12-01).",
            ),
        ):
            self._refused(Plan, "create", [vals], message)

    def test_levels_that_contradict(self):
        Scenario = "ar.dunning.scenario"
        same_offset = {
            "name": "Doublon",
            "priority": 50,
            "level_ids": [
                Command.create({"name": "A", "offset_days": 10}),
                Command.create({"name": "B", "offset_days": 10}),
            ],
        }
        self._refused(
            Scenario,
            "create",
            [same_offset],
            "Two levels of a scenario cannot have the same offset.",
        )
        self._refused(
            "ar.dunning.level",
            "create",
            [{"name": "C", "offset_days": 25, "scenario_id": self.scenario.id}],
            "Two levels of a scenario cannot have the same offset.",
        )
        self._refused(
            "ar.dunning.level",
            "write",
            [self.levels[10].ids, {"offset_days": 25}],
            "Two levels of a scenario cannot have the same offset.",
        )
        self._refused(
            "ar.dunning.level",
            "create",
            [
                {
                    "name": "Late courtesy",
                    "offset_days": 30,
                    "letter_style": "preventive",
                    "scenario_id": self.scenario.id,
                }
            ],
            "Level Late courtesy is a preventive reminder: it comes before the due "
            "date (a negative or zero offset), never after a late one.",
        )
        self._refused(
            "ar.dunning.level",
            "write",
            [self.levels[10].ids, {"min_amount": -1.0}],
            "Minimum amount cannot be negative.",
        )
        self.assertEqual(self.levels[10].offset_days, 10)
