from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArRiskCommon

# "1,500.00" in English, "1 500,00" in French: any separators
AMOUNT_1500 = r"1\D?500\D00"


@tagged("post_install", "-at_install")
class TestCreditCheck(ArRiskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.company.ar_credit_manager_id = cls.credit_manager

    def test_warn_posts_and_logs(self):
        self.company.ar_credit_policy = "warn"
        self._invoice(9000.0)
        invoice = self._invoice(2500.0, post=False)
        invoice.with_user(self.billing_user).with_context(lang="en_US").action_post()
        self.assertEqual(invoice.state, "posted")
        bodies = html2plaintext(" ".join(invoice.message_ids.mapped("body")))
        self.assertRegex(bodies, "exceeds its credit limit by .*" + AMOUNT_1500)
        self.assertEqual(invoice.activity_ids.user_id, self.credit_manager)
        watch = self.env["ar.risk.watch"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(watch, [{"reason": "limit"}])

    def test_block_raises_with_excess(self):
        self.customer.ar_credit_policy = "block"
        self._invoice(9000.0)
        invoice = self._invoice(2500.0, post=False)
        with self.assertRaisesRegex(
            UserError, "exceeds its credit limit by .*" + AMOUNT_1500
        ):
            invoice.with_user(self.billing_user).with_context(
                lang="en_US"
            ).action_post()
        self.assertEqual(invoice.state, "draft")

    def test_block_message_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.ar_credit_policy = "block"
        invoice = self._invoice(12000.0, post=False)
        with self.assertRaisesRegex(UserError, "dépasse son encours autorisé"):
            invoice.with_context(lang="fr_FR").action_post()

    def test_force_by_credit_manager_keeps_reason(self):
        self.customer.ar_credit_policy = "block"
        invoice = self._invoice(12000.0, post=False)
        with self.assertRaises(UserError):
            invoice.with_user(self.billing_user).with_context(
                ar_risk_force_reason="please"
            ).action_post()
        wizard = (
            self.env["ar.risk.force.post"]
            .with_user(self.credit_manager)
            .create({"move_ids": invoice.ids, "reason": "Virement reçu ce matin"})
        )
        wizard.action_confirm()
        self.assertEqual(invoice.state, "posted")
        bodies = " ".join(invoice.message_ids.mapped("body"))
        self.assertIn("Virement reçu ce matin", bodies)
        self.assertIn("ar_credit_manager", bodies)

    def test_policy_none_and_no_limit(self):
        self.customer.ar_credit_policy = "none"
        self.company.ar_credit_policy = "block"
        self._invoice(50000.0)  # policy none: no check
        other = self.env["res.partner"].create(
            {"name": "Sans limite SAS", "is_company": True}
        )
        self._invoice(50000.0, partner=other)  # no limit set: no check
        self.assertFalse(other.activity_ids)

    def test_batch_checks_each_customer_once(self):
        self.customer.ar_credit_policy = "block"
        first = self._invoice(6000.0, post=False)
        second = self._invoice(5000.0, post=False)
        # each alone fits the limit, together they exceed it by 1,000
        with self.assertRaisesRegex(UserError, r"by .*1\D?000\D00") as caught:
            (first | second).with_context(lang="en_US").action_post()
        self.assertEqual(str(caught.exception).count("exceeds its credit limit"), 1)
        self.assertEqual(set((first | second).mapped("state")), {"draft"})

    def test_batch_of_customers_blocks_only_the_one_over(self):
        """Three customers posted at once: each is weighed on its own
        exposure, the one over its limit blocks the whole posting."""
        self.company.ar_credit_policy = "block"
        within, no_limit = self.env["res.partner"].create(
            [
                {"name": "Fromagerie Blanc", "is_company": True, "credit_limit": 5000},
                {"name": "Sans limite SAS", "is_company": True},
            ]
        )
        invoices = (
            self._invoice(11500.0, post=False)
            | self._invoice(4000.0, partner=within, post=False)
            | self._invoice(50000.0, partner=no_limit, post=False)
        )
        with self.assertRaisesRegex(UserError, AMOUNT_1500) as caught:
            invoices.with_user(self.billing_user).with_context(
                lang="en_US"
            ).action_post()
        message = str(caught.exception)
        self.assertEqual(message.count("exceeds its credit limit"), 1)
        self.assertIn(self.customer.name, message)
        self.assertEqual(set(invoices.mapped("state")), {"draft"})
        # without the customer over its limit, the other two post
        (invoices - invoices[0]).with_user(self.billing_user).action_post()
        self.assertEqual(invoices.mapped("state"), ["draft", "posted", "posted"])

    def test_query_count_bounded(self):
        """The check adds a fixed handful of queries to posting, whatever the
        customer's history (one exposure query, one guarantee search...; one
        more for the orders when ar_risk_sale is installed)."""
        self.company.ar_credit_policy = "warn"
        for _i in range(5):
            self._invoice(100.0)
        invoice = self._invoice(100.0, post=False)
        self.env.invalidate_all()
        with self.assertQueryCount(13):
            invoice._ar_risk_check_credit()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_only_credit_manager_changes_limit(self):
        with self.assertRaisesRegex(AccessError, "credit manager"):
            self.customer.with_user(self.billing_user).with_context(
                lang="en_US"
            ).credit_limit = 99999.0
        self.customer.with_user(self.billing_user).phone = "+33 4 78 00 00 00"
        self.customer.with_user(self.credit_manager).credit_limit = 20000.0
        self.assertEqual(self.customer.credit_limit, 20000.0)

    def test_block_message_names_the_components(self):
        """A forgotten 9,000 draft invoice blocks a 2,000 invoice: the message
        says so."""
        self.customer.ar_credit_policy = "block"
        self.customer.credit_limit = 10000.0
        self._invoice(9000.0, post=False)
        invoice = self._invoice(2000.0, post=False)
        with self.assertRaises(UserError) as caught:
            invoice.with_user(self.billing_user).with_context(
                lang="en_US"
            ).action_post()
        self.assertRegex(
            str(caught.exception),
            r"Exposure 11\D000\D00.* = 9\D000\D00.* draft invoices \+ "
            r"2\D000\D00.* this invoice",
        )
