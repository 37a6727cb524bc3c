from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.ar_risk.tests.common import ArRiskCommon


class ArRiskSaleCommon(ArRiskCommon):
    """The customer of ``ar_risk``'s tests (limit 10,000), a salesperson, a
    credit manager who sells too, and a product sold at the ordered quantity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.company.ar_credit_manager_id = cls.credit_manager
        cls.salesperson = new_test_user(
            cls.env,
            login="ar_salesperson",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.sales_credit_manager = new_test_user(
            cls.env,
            login="ar_sales_credit_manager",
            groups="sales_team.group_sale_salesman_all_leads,"
            "ar_risk.ar_risk_group_manager",
            company_id=cls.company.id,
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Four à sole (location mensuelle)",
                "type": "service",
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.vat20 = cls.env["account.tax"].create(
            {
                "name": "TVA collectée 20 % (test)",
                "amount": 20.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _order(cls, amount, partner=None, company=None, taxes=None, qty=1):
        """The salesperson's quotation of one line of ``qty`` at ``amount``
        (without tax by default)."""
        company = company or cls.company
        return (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": (partner or cls.customer).id,
                    "company_id": company.id,
                    "user_id": cls.salesperson.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": qty,
                                "price_unit": amount,
                                "tax_id": [Command.set(taxes.ids if taxes else [])],
                            }
                        )
                    ],
                }
            )
        )

    def _components(self, partner=None, company=None):
        partner = partner or self.customer
        return dict(
            self.env["res.partner"]._ar_exposure_components(
                partner.ids, company or self.company
            )[partner.id]
        )

    @classmethod
    def _down_payment(cls, order, percent):
        """The down payment invoice (draft) Odoo's own dialog creates."""
        action = order.action_ar_deposit_invoice()
        wizard = (
            cls.env["sale.advance.payment.inv"]
            .with_context(**action["context"])
            .create({"amount": percent})
        )
        return wizard._create_invoices(order)
