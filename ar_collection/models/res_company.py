from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    ar_apply_late_charges = fields.Boolean(
        string="Claim late-payment charges",
        help="Show the French late-payment interest and the fixed recovery "
        "indemnity (article L441-10 of the Code de commerce) on reminder letters.",
    )
    ar_late_interest_rate = fields.Float(
        string="Contractual late-payment rate (%)",
        digits=(5, 2),
        default=0.0,
        help="Yearly penalty rate of your terms of sale. Empty: the legal rate of "
        "each half-year (ECB main refinancing rate + 10 points). Refused below 3 "
        "times the legal interest rate.",
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
        help="Per invoice paid late (40 EUR in France, article D441-5 of the Code "
        "de commerce).",
    )
    ar_claim_extra_costs = fields.Boolean(
        string="Reserve further recovery costs",
        help="The letter adds that recovery costs above the fixed indemnity will "
        "be claimed on proof (article L441-10 of the Code de commerce).",
    )
    ar_notice_days = fields.Integer(
        string="Formal notice period (days)",
        default=8,
        help="Days given by a formal notice from its receipt before litigation.",
    )
    ar_share_capital = fields.Monetary(
        string="Share capital",
        currency_field="currency_id",
        help="Printed on letters with the legal form, SIREN and RCS city "
        "(article R123-237 of the Code de commerce).",
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

    @api.constrains("ar_notice_days")
    def _check_ar_notice_days(self):
        if any(company.ar_notice_days <= 0 for company in self):
            raise ValidationError(
                _("The formal notice period must be at least one day.")
            )

    @api.constrains("ar_late_interest_rate")
    def _check_ar_late_interest_rate(self):
        rates = self.env["ar.late.payment.rate"]
        for company in self:
            rates._ar_check_contract_rate(
                company.ar_late_interest_rate, company._ar_today()
            )
