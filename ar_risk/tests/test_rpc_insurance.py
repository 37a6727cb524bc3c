"""The credit insurer's figures, tried as an outside client would."""

from odoo.tests import tagged

from .common import ArRiskCommon
from .rpc import RpcCase


@tagged("post_install", "-at_install")
class TestRpcInsurance(ArRiskCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.policy = cls.env["ar.risk.insurance.policy"].create(
            {"name": "POL-RPC", "quotite": 90.0}
        )
        cls.decision = cls.env["ar.risk.insurance.decision"].create(
            {
                "policy_id": cls.policy.id,
                "partner_id": cls.customer.id,
                "amount_granted": 50000.0,
            }
        )

    def test_billing_user_cannot_write_a_granted_amount(self):
        _result, error = self._rpc(
            self.billing_user,
            "ar.risk.insurance.decision",
            "write",
            self.decision.ids,
            {"amount_granted": 500000.0},
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.decision.invalidate_recordset()
        self.assertEqual(self.decision.amount_granted, 50000.0)

    def test_negative_quotite_refused(self):
        self._assert_refused(
            self.credit_manager,
            "ar.risk.insurance.policy",
            "write",
            [self.policy.ids, {"quotite": -90.0}],
            "The quotité is a percentage above 0 and at most 100.",
        )
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.quotite, 90.0)

    def test_a_client_cannot_pass_for_the_migration(self):
        _result, error = self._rpc(
            self.credit_manager,
            "ar.risk.insurance.decision",
            "create",
            {
                "policy_id": self.policy.id,
                "partner_id": self.customer.id,
                "amount_granted": 0.0,
                "source": "migration",
            },
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.assertEqual(self.decision.state, "current")
