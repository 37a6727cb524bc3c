from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ArLateChargesInvoiceLine(models.TransientModel):
    """One invoice's charges: claimed, waived, invoiced."""

    _name = "ar.late.charges.invoice.line"
    _description = "Late-payment Charges of an Invoice"

    wizard_id = fields.Many2one(
        "ar.late.charges.invoice", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    date_to = fields.Date(string="Interest up to", readonly=True)
    interest = fields.Monetary(readonly=True)
    indemnity = fields.Monetary(readonly=True)
    interest_waived = fields.Monetary()
    indemnity_waived = fields.Monetary()
    amount_waived = fields.Monetary(compute="_compute_amounts")
    amount_invoiced = fields.Monetary(compute="_compute_amounts")

    @api.depends("interest", "indemnity", "interest_waived", "indemnity_waived")
    def _compute_amounts(self):
        for line in self:
            line.amount_waived = line.interest_waived + line.indemnity_waived
            line.amount_invoiced = line.interest + line.indemnity - line.amount_waived

    @api.constrains("interest_waived", "indemnity_waived")
    def _check_waived(self):
        for line in self:
            if not (
                0 <= line.interest_waived <= line.interest
                and 0 <= line.indemnity_waived <= line.indemnity
            ):
                raise ValidationError(
                    _(
                        "On %s, waive between nothing and the amount claimed.",
                        line.move_id.name,
                    )
                )
