from odoo.tests import tagged

from .common import ArRiskSaleCommon


@tagged("post_install", "-at_install")
class TestOrderExposure(ArRiskSaleCommon):
    def test_order_counts_until_invoiced_then_once(self):
        """A confirmed order of 1,000 + 20 % VAT adds 1,200 to the exposure;
        invoiced (draft, then posted) the 1,200 counts once, with the invoices."""
        self.company.ar_credit_policy = "none"
        order = self._order(1000.0, taxes=self.vat20)
        self.assertEqual(self._components()["orders"], 0.0, "a quotation is no credit")
        order.action_confirm()
        self.assertEqual(self._components()["orders"], 1200.0)
        self.assertEqual(self.customer.ar_exposure, 1200.0)

        invoice = order._create_invoices()
        components = self._components()
        self.assertEqual((components["orders"], components["draft"]), (0.0, 1200.0))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.ar_exposure, 1200.0)

        invoice.action_post()
        components = self._components()
        self.assertEqual(components["orders"], 0.0)
        self.assertEqual(components["draft"], 0.0)
        self.assertEqual(components["not_due"] + components["overdue"], 1200.0)

    def test_half_delivered_half_invoiced(self):
        """Only the quantity not invoiced yet counts with the order."""
        self.company.ar_credit_policy = "none"
        self.product.invoice_policy = "delivery"
        order = self._order(100.0, qty=10)
        order.action_confirm()
        order.order_line.qty_delivered = 4
        order._create_invoices().action_post()
        components = self._components()
        self.assertEqual(components["orders"], 600.0)
        self.assertEqual(components["not_due"] + components["overdue"], 400.0)

    def test_down_payment_counted_once(self):
        """A 30 % down payment invoiced on a 1,000 order: 300 with the
        invoices, 700 still with the order; once paid, 700 in all."""
        self.company.ar_credit_policy = "none"
        order = self._order(1000.0)
        order.action_confirm()
        self._down_payment(order, 30.0).action_post()
        components = self._components()
        self.assertEqual(components["orders"], 700.0)
        self.assertEqual(sum(components.values()), 1000.0)

    def test_component_opens_the_orders(self):
        self.company.ar_credit_policy = "none"
        order = self._order(500.0)
        order.action_confirm()
        self._order(800.0)  # a quotation: not part of it
        action = self.customer.with_context(
            ar_exposure_component="orders"
        ).action_ar_exposure_component()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(self.env["sale.order"].search(action["domain"]), order)
        self.assertEqual(self.customer.ar_exposure_orders, 500.0)
