"""The guards on money and risk, tried as an outside client would: JSON-RPC
calls with any context key, on any public method."""

import json

from odoo.tests import HttpCase, new_test_user, tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestRpcGuards(ArRiskCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing_user = new_test_user(
            cls.env,
            login="ar_rpc_billing",
            groups="account.group_account_invoice,base.group_partner_manager",
            company_id=cls.company.id,
        )
        cls.credit_manager = new_test_user(
            cls.env,
            login="ar_rpc_credit_manager",
            groups="account.group_account_invoice,base.group_partner_manager,"
            "ar_risk.ar_risk_group_manager",
            company_id=cls.company.id,
        )
        cls.customer.ar_credit_policy = "block"
        cls._invoice(9000.0)
        cls.draft = cls._invoice(2500.0, post=False)

    def _rpc(self, user, model, method, *args, context=None, **kwargs):
        """Call ``model.method`` as ``user`` through /web/dataset/call_kw; the
        result, and the error's (exception name, message) if any."""
        self.authenticate(user.login, user.login)
        kwargs["context"] = {
            "lang": "en_US",
            "allowed_company_ids": [self.company.id],
            **(context or {}),
        }
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        }
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        error = body.get("error")
        if error:
            return None, (error["data"]["name"], error["data"]["message"])
        return body["result"], None

    def test_context_key_does_not_skip_the_block(self):
        _result, error = self._rpc(
            self.billing_user,
            "account.move",
            "action_post",
            self.draft.ids,
            context={"ar_risk_skip_check": True},
        )
        self.assertEqual(error[0], "odoo.exceptions.UserError")
        self.assertIn("exceeds its credit limit", error[1])
        self.assertEqual(self.draft.state, "draft")

    def test_force_reason_needs_a_credit_manager(self):
        _result, error = self._rpc(
            self.billing_user,
            "account.move",
            "action_post",
            self.draft.ids,
            context={"ar_risk_force_reason": "urgent order"},
        )
        self.assertEqual(error[0], "odoo.exceptions.UserError")
        self.assertIn("Only a credit manager can force posting", error[1])
        self.assertEqual(self.draft.state, "draft")

    def test_credit_manager_forces_with_a_logged_reason(self):
        _result, error = self._rpc(
            self.credit_manager,
            "account.move",
            "action_post",
            self.draft.ids,
            context={"ar_risk_force_reason": "bank guarantee on its way"},
        )
        self.assertFalse(error)
        self.assertEqual(self.draft.state, "posted")
        self.assertIn(
            "bank guarantee on its way",
            " ".join(self.draft.message_ids.mapped("body")),
        )

    def test_writing_the_state_is_checked_too(self):
        _result, error = self._rpc(
            self.billing_user,
            "account.move",
            "write",
            self.draft.ids,
            {"state": "posted"},
        )
        self.assertEqual(error[0], "odoo.exceptions.UserError")
        self.assertIn("exceeds its credit limit", error[1])
        self.assertEqual(self.draft.state, "draft")

    def test_creating_a_posted_invoice_is_refused(self):
        count = self.env["account.move"].search_count(
            [("partner_id", "=", self.customer.id)]
        )
        _result, error = self._rpc(
            self.billing_user,
            "account.move",
            "create",
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": "2026-10-02",
                "state": "posted",
                "invoice_line_ids": [
                    (0, 0, {"name": "Sold", "quantity": 1, "price_unit": 3000.0})
                ],
            },
        )
        self.assertEqual(error[0], "odoo.exceptions.UserError")
        self.assertIn("create a draft move and post it", error[1])
        self.assertEqual(
            self.env["account.move"].search_count(
                [("partner_id", "=", self.customer.id)]
            ),
            count,
        )
