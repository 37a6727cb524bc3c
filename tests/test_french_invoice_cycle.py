"""Cross-addon smoke scenario: the three addons installed together on a French
company keep Odoo's invoicing cycle intact."""

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestFrenchInvoiceCycle(AccountTestInvoicingCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Boulangerie Martin SARL", "country_id": cls.env.ref("base.fr").id}
        )
        cls.tax_20 = cls.env["account.tax"].search(
            [
                ("company_id", "=", cls.env.company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 20.0),
                ("price_include", "=", False),
            ],
            limit=1,
        )

    def test_suite_installed(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["ar_risk", "ar_collection", "ar_factoring"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)

    def test_partial_payment_residual(self):
        company = self.env.company
        self.assertEqual(company.country_id.code, "FR")
        self.assertEqual(company.currency_id.name, "EUR")
        self.assertTrue(self.tax_20, "the French chart brings a 20 % sale VAT")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": fields.Date.to_date("2026-10-01"),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Pains spéciaux",
                            "quantity": 10,
                            "price_unit": 100.0,
                            "tax_ids": [Command.set(self.tax_20.ids)],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertAlmostEqual(invoice.amount_untaxed, 1000.0)
        self.assertAlmostEqual(invoice.amount_total, 1200.0)
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.account_id.code[:3], "411")
        self.assertAlmostEqual(receivable.balance, 1200.0)

        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(
            {"amount": 500.0, "payment_date": fields.Date.to_date("2026-10-15")}
        )._create_payments()

        self.assertEqual(invoice.payment_state, "partial")
        self.assertAlmostEqual(invoice.amount_residual, 700.0)
        self.assertAlmostEqual(receivable.amount_residual, 700.0)
