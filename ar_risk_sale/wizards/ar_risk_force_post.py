from odoo import fields, models


class ArRiskForcePost(models.TransientModel):
    """The same dialog forces the confirmation of orders."""

    _inherit = "ar.risk.force.post"

    move_ids = fields.Many2many(required=False)
    order_ids = fields.Many2many("sale.order", string="Orders")

    def action_confirm(self):
        self.ensure_one()
        if not self.order_ids:
            return super().action_confirm()
        self.order_ids.with_context(ar_risk_force_reason=self.reason).action_confirm()
        return {"type": "ir.actions.act_window_close"}
