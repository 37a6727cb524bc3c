from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArRiskSaleCommon

# "1,000.00" in English, "1 000,00" in French: any separators
AMOUNT_1000 = r"1\D?000\D00"
# the check at confirmation: exposure (2), cover, proceedings, deposit rule (3)...
QUERIES = 25


@tagged("post_install", "-at_install")
class TestOrderCreditCheck(ArRiskSaleCommon):
    def _confirm(self, order, user=None, **context):
        order.with_user(user or self.salesperson).with_context(
            lang="en_US", **context
        ).action_confirm()

    def test_quotation_shows_available_credit(self):
        self._invoice(3000.0)
        order = self._order(2000.0)
        self.assertRecordValues(
            order,
            [
                {
                    "ar_credit_limited": True,
                    "ar_available_credit": 7000.0,
                    "ar_credit_after_order": 5000.0,
                }
            ],
        )

    def test_order_within_the_limit_passes(self):
        self.customer.ar_credit_policy = "block"
        self._invoice(3000.0)
        order = self._order(2000.0)
        self._confirm(order)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.activity_ids)

    def test_order_over_the_limit_is_warned(self):
        self.company.ar_credit_policy = "warn"
        self._invoice(9000.0)
        order = self._order(2000.0)
        self._confirm(order)
        self.assertEqual(order.state, "sale")
        body = html2plaintext(" ".join(order.message_ids.mapped("body")))
        self.assertRegex(body, "exceeds its credit limit by " + AMOUNT_1000)
        self.assertEqual(order.activity_ids.user_id, self.credit_manager)
        self.assertRecordValues(
            self.env["ar.risk.watch"].search([("partner_id", "=", self.customer.id)]),
            [{"reason": "limit"}],
        )

    def test_order_over_the_limit_is_blocked_and_says_why(self):
        """A forgotten 9,000 draft invoice blocks a 2,000 order: the message
        names it."""
        self.customer.ar_credit_policy = "block"
        self._invoice(9000.0, post=False)
        order = self._order(2000.0)
        with self.assertRaises(UserError) as caught:
            self._confirm(order)
        message = str(caught.exception)
        self.assertRegex(message, "exceeds its credit limit by " + AMOUNT_1000)
        self.assertRegex(
            message,
            r"Exposure 11\D000\D00.* = 9\D000\D00.* draft invoices \+ "
            r"2\D000\D00.* this order",
        )
        self.assertIn("Force the confirmation", message)
        self.assertEqual(order.state, "draft")

    def test_credit_manager_forces_with_a_reason(self):
        self.customer.ar_credit_policy = "block"
        self._invoice(9000.0)
        order = self._order(2000.0)
        action = order.with_user(
            self.sales_credit_manager
        ).action_ar_risk_force_confirm()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.sales_credit_manager)
            .with_context(**action["context"])
            .create({"reason": "Virement de 5 000 € annoncé par le client"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        for record in (order, self.customer):
            body = html2plaintext(" ".join(record.message_ids.mapped("body")))
            self.assertIn("Virement de 5 000 € annoncé par le client", body)
            self.assertIn("ar_sales_credit_manager", body)

    def test_credit_hold_and_proceedings_block(self):
        self.customer.credit_limit = 1000000.0
        self.customer.ar_credit_hold = True
        order = self._order(100.0)
        with self.assertRaisesRegex(UserError, "on credit hold"):
            self._confirm(order)
        self.assertEqual(order.state, "draft")

    def test_two_companies_use_their_own_limit_and_lines(self):
        self.customer.ar_credit_policy = "block"
        other = self.setup_other_company(name="Filiale Sud")["company"]
        self.customer.with_company(other).write(
            {"credit_limit": 5000.0, "ar_credit_policy": "block"}
        )
        self._invoice(9000.0)  # in the first company only
        order_other = self._order(2000.0, company=other)
        self.assertRecordValues(
            order_other,
            [{"ar_available_credit": 5000.0, "ar_credit_after_order": 3000.0}],
        )
        order_other.action_confirm()
        self.assertEqual(order_other.state, "sale")
        with self.assertRaises(UserError):
            self._order(2000.0).action_confirm()
        # the other company's own lines and its limit of 5,000
        self._invoice(2500.0, company=other)
        with self.assertRaisesRegex(UserError, r"by 500\D00"):
            self._order(1000.0, company=other).with_context(
                lang="en_US"
            ).action_confirm()

    def test_query_count_does_not_grow_with_history(self):
        """The check reads a fixed number of queries whatever the customer's
        history (benchmark at 10,000 open lines: tests/benchmarks/order_check.py)."""
        self.customer.ar_credit_policy = "block"
        self.customer.credit_limit = 10**9
        self._invoice(100.0)
        order = self._order(100.0)

        def queries():
            order._ar_risk_check_order()  # warm the caches of access rules
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            order._ar_risk_check_order()
            return self.env.cr.sql_log_count - before

        self.assertLessEqual(queries(), QUERIES)
        for _i in range(10):
            self._invoice(100.0)
            self._invoice(50.0, post=False)
            self._order(100.0).action_confirm()
        self.assertLessEqual(queries(), QUERIES)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(QUERIES):
            order._ar_risk_check_order()
