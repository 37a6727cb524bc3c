from odoo import fields, models

NONPAYMENT_REASONS = [
    ("cash_difficulties", "Cash difficulties"),
    ("payment_terms", "Payment-term optimisation"),
    ("not_received", "Invoice not received"),
    ("work_dispute", "Dispute about the work"),
    ("admin_error", "Administrative error"),
    ("other", "Other"),
]


class ArCollectionAction(models.Model):
    """The reason for non-payment the customer gave: recorded on the action
    and counted in the reasons trend. It does not pause the dunning: only an
    open dispute (``ar.collection.dispute``) does."""

    _inherit = "ar.collection.action"

    reason = fields.Selection(
        NONPAYMENT_REASONS,
        string="Reason given",
        tracking=True,
        help="Why the customer says it has not paid.",
    )
