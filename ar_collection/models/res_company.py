from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    ar_apply_late_charges = fields.Boolean(
        string="Claim late-payment charges",
        help="Show the French late-payment interest and the fixed recovery "
        "indemnity (article L441-10 of the Code de commerce) on reminder letters.",
    )
    ar_late_interest_rate = fields.Float(
        string="Late-payment interest rate (%)",
        digits=(5, 2),
        default=14.15,
        help="Yearly rate, e.g. the ECB refinancing rate + 10 points.",
    )
    ar_promise_grace_days = fields.Integer(
        string="Grace period for promises (days)",
        default=3,
        help="Days after a promised date or an instalment before it counts as broken.",
    )
    ar_recovery_indemnity = fields.Monetary(
        string="Fixed recovery indemnity",
        currency_field="currency_id",
        default=40.0,
        help="Per invoice paid late (40 EUR in France).",
    )

    _sql_constraints = [
        (
            "ar_late_charges_positive",
            "CHECK(ar_late_interest_rate >= 0 AND ar_recovery_indemnity >= 0)",
            "Late-payment charges cannot be negative.",
        ),
    ]

    @api.model
    def _ar_companies_today(self, today=None):
        """(company, its today) for every company: the days of the scheduled
        steps, which work as the system on each company in turn (sudo, with
        that company). ``today`` pins one date for all (tests)."""
        return [(company, today or company._ar_today()) for company in self.search([])]
