from odoo import Command, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # read every addon's manifest here, not in the browser's first parallel
        # requests: CPython 3.11.7 can fail to compile in concurrent threads
        # ("AST constructor recursion depth mismatch", CPython gh-106905)
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement

    def test_blocked_then_forced(self):
        """A salesperson's confirmation is refused with the reason; a credit
        manager forces it with a reason kept in the chatter."""
        self.env["res.lang"]._activate_lang("en_US")
        salesperson, _manager = (
            new_test_user(
                self.env,
                login=login,
                password=login,
                groups="base.group_user," + groups,
                lang="en_US",
                tz="Europe/Paris",
            )
            for login, groups in (
                ("ar_tour_salesperson", "sales_team.group_sale_salesman"),
                (
                    "ar_tour_credit_manager",
                    "sales_team.group_sale_salesman_all_leads,ar_risk.ar_risk_group_manager",
                ),
            )
        )
        company = self.env.company
        customer = self.env["res.partner"].create(
            {"name": "Boulangerie Tour", "is_company": True, "credit_limit": 1000.0}
        )
        customer.ar_credit_policy = "block"
        product = self.env["product.product"].create(
            {"name": "Pétrin (tour)", "type": "service", "taxes_id": [Command.clear()]}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "user_id": salesperson.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "price_unit": 1500.0, "tax_id": []}
                    )
                ],
            }
        )
        url = f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}"
        self.start_tour(url, "ar_risk_sale_blocked_tour", login="ar_tour_salesperson")
        self.assertEqual(order.state, "draft")
        self.start_tour(url, "ar_risk_sale_force_tour", login="ar_tour_credit_manager")
        self.assertEqual(order.state, "sale")
        self.assertIn(
            "Deposit received by transfer this morning",
            " ".join(order.message_ids.mapped("body")),
        )
