"""The suite installed on a French company keeps Odoo's invoicing cycle
intact."""

from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestFrenchInvoiceCycle(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax_20 = cls.env["account.tax"].search(
            [
                ("company_id", "=", cls.company.id),
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
        self.assertRecordValues(
            modules.sorted("name"),
            [
                {"name": "ar_collection", "state": "installed"},
                {"name": "ar_factoring", "state": "installed"},
                {"name": "ar_risk", "state": "installed"},
            ],
        )

    def test_partial_payment_residual(self):
        self.assertRecordValues(
            self.company, [{"currency_id": self.env.ref("base.EUR").id}]
        )
        self.assertEqual(self.company.country_id.code, "FR")
        self.assertTrue(self.tax_20, "the French chart brings a 20 % sale VAT")
        invoice = self._invoice(1000.0, date="2026-10-01", taxes=self.tax_20)
        self.assertRecordValues(
            invoice,
            [{"state": "posted", "amount_untaxed": 1000.0, "amount_total": 1200.0}],
        )
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.account_id.code[:3], "411")
        self.assertAlmostEqual(receivable.balance, 1200.0)
        self._pay(invoice, 500.0, "2026-10-15")
        self.assertRecordValues(
            invoice, [{"payment_state": "partial", "amount_residual": 700.0}]
        )
        self.assertAlmostEqual(receivable.amount_residual, 700.0)
