from odoo import fields, models


class ArFactorApproval(models.Model):
    """The amount up to which the factor guarantees a customer's outstanding
    (all its open assigned invoices together, not each invoice alone)."""

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
    amount_outstanding = fields.Monetary(
        string="Outstanding with the factor",
        compute="_compute_amount_outstanding",
        help="Open residual of the customer's assigned invoices.",
    )
    amount_excess = fields.Monetary(
        string="Above the approved amount",
        compute="_compute_amount_outstanding",
        help="Outstanding not guaranteed by the factor.",
    )

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

    def _compute_amount_outstanding(self):
        for contract in self.contract_id:
            outstanding = contract._outstanding_by_partner()
            for approval in self.filtered(lambda a, c=contract: a.contract_id == c):
                amount = outstanding.get(approval.partner_id, 0.0)
                approval.amount_outstanding = amount
                approval.amount_excess = max(amount - approval.amount, 0.0)
        (self - self.filtered("contract_id")).update(
            {"amount_outstanding": 0.0, "amount_excess": 0.0}
        )
