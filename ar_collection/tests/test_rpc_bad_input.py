"""Bad input sent by an outside client: each case gets a clear error from a
Python check, nothing is written, and no "bad query" reaches the log."""

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestRpcBadInput(ArCollectionCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rpc_users()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.invoice = cls._invoice(900.0, "2026-10-01")

    def _refused(self, model, method, args, message, lang="en_US"):
        self._assert_refused(
            self.rpc_manager, model, method, args, message, {"lang": lang}
        )

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

    def test_promise_or_dispute_on_wrong_invoices(self):
        other = self.env["res.partner"].create({"name": "Autre client SAS"})
        foreign = self._invoice(300.0, "2026-10-15", partner=other)
        cancelled = self._invoice(200.0, "2026-10-15")
        cancelled.button_draft()
        cancelled.button_cancel()
        self._refused(
            "ar.collection.promise",
            "create",
            [self._promise(move_ids=[Command.set(foreign.ids)])],
            "Only posted invoices of Menuiserie Lefèvre SARL can be linked here, "
            "not %s." % foreign.display_name,
        )
        self._refused(
            "ar.collection.dispute",
            "create",
            [
                {
                    "name": "Travaux non conformes",
                    "reason_code": "work_dispute",
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(cancelled.ids)],
                }
            ],
            "Seules des factures comptabilisées de Menuiserie Lefèvre SARL "
            "peuvent être liées ici, pas %s." % cancelled.display_name,
            lang="fr_FR",
        )

    def test_plan_instalments_must_add_up(self):
        plan = self._plan([("2026-12-15", 450.0), ("2027-01-15", 400.0)])
        self._refused(
            "ar.collection.payment.plan",
            "create",
            [{**plan, "state": "active"}],
            "The instalments of Payment plan add up to 850.00\xa0€, not to the "
            "plan's 900.00\xa0€.",
        )

    def test_scenario_amount_ranges(self):
        Scenario = "ar.dunning.scenario"
        for vals, message in (
            (
                {"amount_min": 5000.0, "amount_max": 1000.0},
                (
                    "The overdue balance of a scenario goes from 5,000.00 up to "
                    "1,000.00: the upper bound must be above the lower one (zero: no "
                    "upper bound)."
                ),
            ),
            ({"amount_min": -100.0}, "Overdue balance from cannot be negative."),
            ({"amount_max": 3e12}, "Overdue balance up to is too large to be real."),
        ):
            self._refused(
                Scenario, "create", [{"name": "Grands comptes", **vals}], message
            )
        self._refused(
            Scenario,
            "write",
            [self.scenario.ids, {"amount_min": 2000.0, "amount_max": 500.0}],
            "Le solde échu d'un scénario va de 2\xa0000,00 à 500,00 : la borne "
            "supérieure doit dépasser la borne inférieure (zéro : pas de borne "
            "supérieure).",
            lang="fr_FR",
        )
        self.assertRecordValues(self.scenario, [{"amount_min": 0.0, "amount_max": 0.0}])

    def test_level_amounts(self):
        level = {"name": "Relance", "offset_days": 60, "scenario_id": self.scenario.id}
        for vals, message in (
            ({"min_amount": -10.0}, "Minimum amount cannot be negative."),
            ({"min_amount": 1e12}, "Minimum amount is too large to be real."),
        ):
            self._refused("ar.dunning.level", "create", [{**level, **vals}], message)

    def test_late_payment_rates(self):
        Rate = "ar.late.payment.rate"
        row = {"date_from": "2027-01-01", "ecb_rate": 2.15, "legal_rate": 2.62}
        for vals, message in (
            (
                {"date_from": "2027-03-15"},
                "A row of legal rates starts on 1 January or 1 July.",
            ),
            ({"ecb_rate": -0.5}, "The rates of H1 2027 cannot be negative."),
            (
                {"legal_rate": 262.0},
                (
                    "The rates of H1 2027 cannot be above 100 %: they are yearly "
                    "percentages."
                ),
            ),
            ({"date_from": "2026-07-01"}, "The rates of H2 2026 are already recorded."),
        ):
            self._refused(Rate, "create", [{**row, **vals}], message)
        # the end of the half-year is computed: a client cannot invert it
        created, error = self._rpc(
            self.rpc_manager, Rate, "create", {**row, "date_to": "2026-12-31"}
        )
        self.assertFalse(error)
        self.assertEqual(
            self.env[Rate].browse(created).date_to, fields.Date.to_date("2027-06-30")
        )
