from odoo import fields, models


class ArFactorDefinance(models.TransientModel):
    """Manual definancing, with its reason."""

    _name = "ar.factor.definance"
    _description = "Definance Factored Invoices"

    move_ids = fields.Many2many("account.move", required=True)
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.move_ids._ar_factor_definance(self.reason)
        return {"type": "ir.actions.act_window_close"}
