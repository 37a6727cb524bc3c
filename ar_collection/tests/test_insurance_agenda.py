"""The credit insurer's decisions and claims (ar_risk) in the collection
agenda."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import ArCollectionCommon


@freeze_time("2026-11-23")
@tagged("post_install", "-at_install")
class TestInsuranceAgenda(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the actions are named in the user's language: English here
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.manager = new_test_user(
            cls.env,
            login="ar_ins_credit_manager",
            groups="ar_risk.ar_risk_group_manager,ar_collection.ar_collection_group_user",
        )
        cls.company.ar_credit_manager_id = cls.manager
        cls.policy = cls.env["ar.risk.insurance.policy"].create(
            {"name": "COF-2026-7", "quotite": 90.0, "date_start": "2026-01-01"}
        )

    def _decide(self, granted, date):
        return self.env["ar.risk.insurance.decision"].create(
            {
                "policy_id": self.policy.id,
                "partner_id": self.customer.id,
                "amount_granted": granted,
                "decision_date": date,
            }
        )

    def _insurance_actions(self):
        return self.env["ar.collection.action"].search(
            [("partner_id", "=", self.customer.id), ("origin", "=", "insurance")]
        )

    def test_withdrawal_is_one_urgent_action_of_the_credit_manager(self):
        self._decide(50000.0, "2026-06-01")
        self.assertFalse(self._insurance_actions())
        withdrawal = self._decide(0.0, "2026-11-20")
        # raising it again (a re-import, a retry) adds nothing
        withdrawal._ar_cover_reduced()
        action = self._insurance_actions()
        self.assertEqual(len(action), 1)
        self.assertRecordValues(
            action,
            [
                {
                    "priority": "1",
                    "user_id": self.manager.id,
                    "state": "planned",
                    "date_planned": withdrawal.decision_date.replace(2026, 11, 23),
                }
            ],
        )
        self.assertIn("withdrawal", action.name)

    def test_claim_steps_plan_agenda_actions(self):
        invoice = self._invoice(5000.0, "2026-10-31")
        claim = self.env["ar.risk.insurance.claim"].create(
            {
                "policy_id": self.policy.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoice.ids)],
            }
        )
        claim.action_declare_threat()
        claim.action_file()
        actions = self._insurance_actions().sorted("id")
        self.assertEqual(
            actions.mapped("name"),
            ["File the claim with the insurer", "Follow up the insurer's indemnity"],
        )
        self.assertEqual(actions.move_ids, invoice)
        self.assertEqual(actions.user_id, self.manager)
