from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArRiskSaleCommon


@tagged("post_install", "-at_install")
class TestDepositRule(ArRiskSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_credit_policy = "none"
        Rule = cls.env["ar.risk.deposit.rule"]
        for grade, percent in (("d", 30.0), ("e", 50.0), ("new", 20.0)):
            Rule.create({"grade": grade, "percent": percent})
        cls._invoice(100.0)  # a known customer: not new
        cls.customer.ar_risk_grade = "d"

    def test_grade_requires_a_paid_deposit(self):
        order = self._order(1000.0, taxes=self.vat20)
        self.assertRecordValues(
            order,
            [
                {
                    "ar_deposit_percent": 30.0,
                    "ar_deposit_amount": 360.0,
                    "ar_deposit_paid": 0.0,
                    "ar_deposit_missing": True,
                }
            ],
        )
        with self.assertRaisesRegex(UserError, r"deposit of 30.0 % \(360\D00"):
            order.with_user(self.salesperson).with_context(
                lang="en_US"
            ).action_confirm()
        deposit = self._down_payment(order, order.ar_deposit_percent)
        self.assertEqual(deposit.amount_total, 360.0)
        deposit.action_post()
        with self.assertRaises(UserError, msg="posted is not paid"):
            order.with_user(self.salesperson).action_confirm()
        self._pay(deposit, 360.0)
        order.invalidate_recordset()
        self.assertRecordValues(
            order, [{"ar_deposit_paid": 360.0, "ar_deposit_missing": False}]
        )
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_good_grade_owes_nothing(self):
        self.customer.ar_risk_grade = "b"
        order = self._order(1000.0)
        self.assertEqual(order.ar_deposit_percent, 0.0)
        order.with_user(self.salesperson).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_new_customer_and_the_highest_rule(self):
        newcomer = self.env["res.partner"].create({"name": "Pâtisserie Neuve SAS"})
        self.assertEqual(self._order(500.0, partner=newcomer).ar_deposit_percent, 20.0)
        newcomer.ar_risk_grade = "e"
        self.assertEqual(self._order(500.0, partner=newcomer).ar_deposit_percent, 50.0)

    def test_credit_manager_overrides_the_deposit(self):
        order = self._order(1000.0)
        wizard = (
            self.env["ar.risk.force.post"]
            .with_user(self.sales_credit_manager)
            .create({"order_ids": order.ids, "reason": "Client historique, accord DAF"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        body = html2plaintext(" ".join(order.message_ids.mapped("body")))
        self.assertRegex(body, r"30.0 % \(300\D00")
        self.assertIn("Client historique, accord DAF", body)
