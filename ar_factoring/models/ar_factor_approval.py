from odoo import fields, models


class ArFactorApproval(models.Model):
    """The amount up to which the factor guarantees a customer's invoices."""

    _name = "ar.factor.approval"
    _description = "Factor Approved Buyer"

    contract_id = fields.Many2one(
        "ar.factor.contract", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        domain="[('parent_id', '=', False)]",
    )
    amount = fields.Monetary(string="Approved amount", required=True)
    date = fields.Date(string="Approved on", default=fields.Date.context_today)

    _sql_constraints = [
        (
            "partner_unique",
            "UNIQUE(contract_id, partner_id)",
            "A customer is approved once per contract.",
        ),
        (
            "amount_positive",
            "CHECK(amount >= 0)",
            "An approved amount cannot be negative.",
        ),
    ]
