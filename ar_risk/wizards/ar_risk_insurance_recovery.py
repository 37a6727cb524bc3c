from odoo import fields, models


class ArRiskInsuranceRecovery(models.TransientModel):
    """Book what a buyer paid after its claim was indemnified, shared with
    the insurer."""

    _name = "ar.risk.insurance.recovery"
    _description = "Recovery After a Credit Insurance Indemnity"

    claim_id = fields.Many2one("ar.risk.insurance.claim", required=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    amount = fields.Monetary(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
    )

    def action_book(self):
        self.ensure_one()
        self.claim_id._ar_book_recovery(self.amount, self.journal_id, self.date)
