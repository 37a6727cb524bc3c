"""The check at confirmation, tried as an outside client would: JSON-RPC with
every context key the suite reads."""

from odoo.tests import tagged

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArRiskSaleCommon

SUITE_CONTEXT_KEYS = {
    "ar_risk_skip_check": True,
    "ar_exposure_component": "orders",
    "ar_reset_reason": "rpc",
    "action_id": 1,
    "default_action_id": 1,
    "active_model": "sale.order",
    "tracking_disable": True,
}


@tagged("post_install", "-at_install")
class TestRpcGuards(ArRiskSaleCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.ar_credit_policy = "block"
        cls._invoice(9000.0)
        cls.order = cls._order(2000.0)

    def test_no_context_key_skips_the_check(self):
        for method, args in (
            ("action_confirm", ()),
            ("write", ({"state": "sale"},)),
        ):
            _result, error = self._rpc(
                self.salesperson,
                "sale.order",
                method,
                self.order.ids,
                *args,
                context=SUITE_CONTEXT_KEYS,
            )
            self.assertEqual(error[0], "odoo.exceptions.UserError", method)
            self.assertIn("exceeds its credit limit", error[1])
            self.assertEqual(self.order.state, "draft")

    def test_force_reason_needs_a_credit_manager(self):
        _result, error = self._rpc(
            self.salesperson,
            "sale.order",
            "action_confirm",
            self.order.ids,
            context={**SUITE_CONTEXT_KEYS, "ar_risk_force_reason": "urgent"},
        )
        self.assertEqual(error[0], "odoo.exceptions.UserError")
        self.assertIn("Only a credit manager can force", error[1])
        self.assertEqual(self.order.state, "draft")
