from odoo import _, api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """Confirmed orders not yet invoiced, a component of the exposure."""

    _inherit = "res.partner"

    ar_exposure_orders = fields.Monetary(
        string="Confirmed orders not yet invoiced",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="What confirmed orders still have to invoice, taxes included, less "
        "the down payments already invoiced. Once invoiced (draft or posted) an "
        "amount counts with the invoices.",
        groups="ar_risk.ar_risk_group_user",
    )

    @api.model
    def _ar_exposure_component_labels(self):
        return {
            **super()._ar_exposure_component_labels(),
            "orders": _("confirmed orders not yet invoiced"),
        }

    @api.model
    def _ar_exposure_components(self, partner_ids, company):
        components = super()._ar_exposure_components(partner_ids, company)
        orders = self._ar_order_exposure(partner_ids, company)
        for partner_id, amount in orders.items():
            components[partner_id]["orders"] += amount
        return components

    @api.model
    def _ar_order_exposure(self, partner_ids, company):
        """{commercial partner id: amount} the confirmed orders of ``company``
        have still to invoice, taxes included, in company currency.

        One query: per ordered line, its total for the quantity not invoiced
        yet (draft or posted invoices, Odoo's ``qty_invoiced``), less the down
        payments invoiced and not yet deducted by a final invoice."""
        for model, fnames in (
            (
                "sale.order.line",
                ["price_total", "product_uom_qty", "qty_invoiced", "is_downpayment"],
            ),
            ("sale.order", ["state", "currency_rate", "partner_id"]),
            ("account.move.line", ["price_total", "move_id"]),
            ("account.move", ["state", "move_type"]),
        ):
            self.env[model].flush_model(fnames)
        partner_filter = (
            SQL("TRUE")
            if partner_ids is None
            else SQL("p.commercial_partner_id = ANY(%s)", list(partner_ids))
        )
        # SQL: one aggregate over every order line of the customers, instead of
        # reading their non-stored amounts to invoice order by order
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id,
                       SUM(x.amount / COALESCE(NULLIF(so.currency_rate, 0), 1))
                  FROM (
                        SELECT sol.order_id,
                               sol.price_total
                               * GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                               / sol.product_uom_qty AS amount
                          FROM sale_order_line sol
                         WHERE sol.display_type IS NULL
                           AND sol.is_downpayment IS NOT TRUE
                           AND sol.product_uom_qty > 0
                     UNION ALL
                        SELECT sol.order_id,
                               CASE WHEN m.move_type = 'out_refund'
                                    THEN aml.price_total ELSE -aml.price_total END
                          FROM sale_order_line sol
                          JOIN sale_order_line_invoice_rel rel
                            ON rel.order_line_id = sol.id
                          JOIN account_move_line aml ON aml.id = rel.invoice_line_id
                          JOIN account_move m ON m.id = aml.move_id
                         WHERE sol.is_downpayment
                           AND sol.display_type IS NULL
                           AND m.state != 'cancel'
                       ) x
                  JOIN sale_order so ON so.id = x.order_id
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.state = 'sale'
                   AND %(partner_filter)s
              GROUP BY p.commercial_partner_id
                """,
                company=company.id,
                partner_filter=partner_filter,
            )
        )
        return {
            partner_id: amount or 0.0 for partner_id, amount in self.env.cr.fetchall()
        }

    def _ar_exposure_component_records(self, component, company):
        if component != "orders":
            return super()._ar_exposure_component_records(component, company)
        return "sale.order", [
            ("company_id", "=", company.id),
            ("state", "=", "sale"),
            ("invoice_status", "!=", "invoiced"),
            ("partner_id.commercial_partner_id", "=", self.id),
        ]
