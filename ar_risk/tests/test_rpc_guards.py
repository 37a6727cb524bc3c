"""The guards on money and risk, tried as an outside client would: JSON-RPC
calls with any context key, on any public method."""

from odoo.tests import tagged

from .common import ArRiskCommon
from .rpc import RpcCase


@tagged("post_install", "-at_install")
class TestRpcGuards(ArRiskCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.customer.ar_credit_policy = "block"
        cls._invoice(9000.0)
        cls.draft = cls._invoice(2500.0, post=False)

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

    def test_billing_user_cannot_create_a_customer_with_credit_terms(self):
        for terms in (
            {"credit_limit": 1000000.0},
            {"ar_credit_policy": "none"},
            {"credit_limit": 1000000.0, "ar_credit_policy": "none"},
        ):
            _result, error = self._rpc(
                self.billing_user,
                "res.partner",
                "create",
                {"name": "Nouveau client SAS", "is_company": True, **terms},
            )
            self.assertEqual(error[0], "odoo.exceptions.AccessError", terms)
            self.assertIn("Only a credit manager", error[1])
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Nouveau client SAS")])
        )
        # nor through an import, nor through the form's empty defaults
        _result, error = self._rpc(
            self.billing_user,
            "res.partner",
            "load",
            ["name", "credit_limit"],
            [["Client importé SARL", "500000"]],
        )
        self.assertFalse(error)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Client importé SARL")])
        )
        created, error = self._rpc(
            self.billing_user,
            "res.partner",
            "create",
            {"name": "Client sans conditions", "credit_limit": 0.0},
        )
        self.assertFalse(error)
        self.assertTrue(created)

    def test_credit_manager_creates_with_terms_and_changes_are_tracked(self):
        created, error = self._rpc(
            self.credit_manager,
            "res.partner",
            "create",
            {"name": "Client suivi SAS", "is_company": True, "credit_limit": 5000.0},
        )
        self.assertFalse(error)
        partner = self.env["res.partner"].browse(created)
        self.assertEqual(partner.credit_limit, 5000.0)
        _result, error = self._rpc(
            self.credit_manager,
            "res.partner",
            "write",
            [partner.id],
            {"credit_limit": 80000.0},
            context={"tracking_disable": True, "mail_notrack": True},
        )
        self.assertFalse(error)
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "credit_limit"
        )
        self.assertEqual(tracked[:1].new_value_float, 80000.0)

    def test_siren_of_ten_digits_is_refused_not_cut(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Siren SAS",
                "is_company": True,
                "country_id": self.env.ref("base.fr").id,
            }
        )
        _result, error = self._rpc(
            self.billing_user,
            "res.partner",
            "write",
            [partner.id],
            {"ar_siren": "7320829961"},
        )
        self.assertEqual(error[0], "odoo.exceptions.ValidationError")
        self.assertIn("A SIREN has 9 digits: 7320829961 has 10", error[1])
        self.assertFalse(partner.ar_siren)
        _result, error = self._rpc(
            self.billing_user,
            "res.partner",
            "write",
            [partner.id],
            {"siret": "7320829960001"},
        )
        self.assertEqual(error[0], "odoo.exceptions.ValidationError")
        self.assertIn("A SIRET has 14 digits", error[1])
