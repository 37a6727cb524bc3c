from odoo import fields, models


class ArRiskForcePost(models.TransientModel):
    """Post invoices over the credit limit, with the reason kept in the chatter."""

    _name = "ar.risk.force.post"
    _description = "Force Posting Over the Credit Limit"

    move_ids = fields.Many2many("account.move", string="Invoices", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.move_ids.with_context(ar_risk_force_reason=self.reason).action_post()
        return {"type": "ir.actions.act_window_close"}
