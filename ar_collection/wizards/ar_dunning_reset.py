from odoo import fields, models


class ArDunningReset(models.TransientModel):
    """Reset to draft or cancel reminded invoices, with the reason kept."""

    _name = "ar.dunning.reset"
    _description = "Reset a Reminded Invoice"

    move_ids = fields.Many2many("account.move", required=True)
    operation = fields.Selection(
        [("draft", "Reset to draft"), ("cancel", "Cancel")],
        required=True,
        default="draft",
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        moves = self.move_ids.with_context(ar_reset_reason=self.reason)
        if self.operation == "cancel":
            if any(m.state == "posted" for m in moves):
                moves.filtered(lambda m: m.state == "posted").button_draft()
            moves.button_cancel()
        else:
            moves.button_draft()
        return {"type": "ir.actions.act_window_close"}
