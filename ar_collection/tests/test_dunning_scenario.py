from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestDunningScenario(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.large = cls.env["ar.dunning.scenario"].create(
            {
                "name": "Large accounts",
                "priority": 5,
                "amount_min": 20000,
                "level_ids": [
                    Command.create(
                        {"name": "Call", "offset_days": 3, "channel": "call"}
                    )
                ],
            }
        )
        cls.overseas = cls.env["ar.dunning.scenario"].create(
            {
                "name": "Overseas",
                "priority": 6,
                "zip_prefixes": "971, 972,973,974,976",
                "level_ids": [
                    Command.create(
                        {"name": "Letter", "offset_days": 15, "channel": "letter"}
                    )
                ],
            }
        )

    def test_selection_by_amount_and_region(self):
        big = self.customer.copy({"name": "Grand Compte SA"})
        reunion = self.customer.copy({"name": "Pointe-à-Pitre SARL", "zip": "97110"})
        self._invoice(25000.0, "2026-11-15", partner=big)
        self._invoice(100.0, "2026-11-01", partner=reunion)
        self._invoice(100.0, "2026-11-01")
        run = self._run()
        scenario_of = {
            a.partner_id: a.dunning_level_id.scenario_id for a in run.action_ids
        }
        self.assertEqual(scenario_of[big], self.large)
        self.assertEqual(scenario_of[reunion], self.overseas)
        self.assertEqual(scenario_of[self.customer], self.scenario)

    def test_forced_scenario(self):
        self.customer.ar_dunning_scenario_id = self.large
        self._invoice(100.0, "2026-11-15")
        run = self._run()
        self.assertEqual(run.action_ids.dunning_level_id.scenario_id, self.large)

    def test_configuration_errors(self):
        with self.assertRaisesRegex(ValidationError, "same priority"):
            self.env["ar.dunning.scenario"].with_context(lang="en_US").create(
                {"name": "Big too", "priority": 5, "amount_min": 50000}
            )
        # disjoint segments may share a priority
        self.env["ar.dunning.scenario"].create(
            {"name": "Small", "priority": 5, "amount_min": 0, "amount_max": 20000}
        )
        with self.assertRaisesRegex(ValidationError, "one default"):
            self.env["ar.dunning.scenario"].with_context(lang="en_US").create(
                {
                    "name": "Other default",
                    "priority": 99,
                    "is_default": True,
                    "zip_prefixes": "75",
                }
            )
        # two levels at the same offset: refused before the database would
        with self.assertRaisesRegex(ValidationError, "same offset"):
            self.large.with_context(lang="en_US").write(
                {"level_ids": [Command.create({"name": "Twice", "offset_days": 3})]}
            )
        wrong_model = self.env["mail.template"].create(
            {
                "name": "Invoice",
                "model_id": self.env.ref("account.model_account_move").id,
            }
        )
        with self.assertRaisesRegex(ValidationError, "made for collection actions"):
            self.scenario.level_ids[0].with_context(
                lang="en_US"
            ).mail_template_id = wrong_model
