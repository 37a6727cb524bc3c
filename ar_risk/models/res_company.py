from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ar_credit_policy = fields.Selection(
        [("none", "No check"), ("warn", "Warn"), ("block", "Block")],
        string="Default credit policy",
        default="warn",
        required=True,
        help="What posting a customer invoice over the customer's credit limit "
        "does, unless the customer has a policy of its own.",
    )
    ar_credit_manager_id = fields.Many2one(
        "res.users",
        string="Credit manager",
        help="Receives the activities raised by credit checks and risk alerts.",
    )
    ar_guarantee_alert_days = fields.Integer(
        string="Guarantee expiry alert (days)",
        default=30,
        help="How many days before a guarantee ends its responsible is warned.",
    )
    ar_claim_deadline_months = fields.Integer(
        string="Claim declaration delay (months)",
        default=2,
        help="Months after the publication of a collective proceeding to declare "
        "the claim to the court-appointed representative.",
    )
    ar_watch_overdue_days = fields.Integer(
        string="Watch customers overdue beyond (days)",
        default=60,
        help="The daily risk job puts on the watch list the customers with an "
        "invoice overdue beyond this number of days. 0 disables it.",
    )

    _sql_constraints = [
        (
            "ar_risk_delays_positive",
            (
                "CHECK(ar_guarantee_alert_days >= 0 AND ar_claim_deadline_months >= 0 "
                "AND ar_watch_overdue_days >= 0)"
            ),
            "Credit risk delays cannot be negative.",
        ),
    ]
