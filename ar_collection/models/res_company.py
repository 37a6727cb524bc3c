from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount


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
    ar_portal_link_days = fields.Integer(
        string="Portal link lifetime (days)",
        default=60,
        help="Days a customer's personal link to its statement page stays valid; "
        "each reminder renews an expired link.",
    )
    ar_notice_days = fields.Integer(
        string="Formal notice period (days)",
        default=8,
        help="Days given by a formal notice from its receipt before litigation.",
    )
    ar_interest_account_id = fields.Many2one(
        "account.account",
        string="Income account for late-payment interest",
        check_company=True,
        help="Credited when the charges are invoiced. Empty: 763100 Revenus des "
        "créances commerciales of the French chart (PCG 7631).",
    )
    ar_indemnity_account_id = fields.Many2one(
        "account.account",
        string="Income account for recovery indemnities",
        check_company=True,
        help="Credited when the charges are invoiced. Empty: 758000 Produits "
        "divers de gestion courante of the French chart (PCG 758).",
    )
    ar_share_capital = fields.Monetary(
        string="Share capital",
        currency_field="currency_id",
        help="Printed on letters with the legal form, SIREN and RCS city "
        "(article R123-237 of the Code de commerce).",
    )

    ar_invoice_mentions = fields.Text(
        string="Invoice mentions",
        translate=True,
        help="Printed on customer invoices to businesses and public buyers "
        "(article L441-9 of the Code de commerce: payment date, early-payment "
        "discount, penalty rate, fixed indemnity). Empty: the standard text built "
        "from the settings above.",
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

    def _ar_charges_accounts(self):
        """(interest account, indemnity account) of the charges invoice: the
        company's settings, else the French chart's 7631 and 758."""
        self.ensure_one()
        chart = self.env["account.chart.template"].with_company(self)
        interest = self.ar_interest_account_id or chart.ref(
            "pcg_7631", raise_if_not_found=False
        )
        indemnity = self.ar_indemnity_account_id or chart.ref(
            "pcg_758", raise_if_not_found=False
        )
        if not (interest and indemnity):
            raise UserError(
                _(
                    "Set the income accounts of late-payment interest and recovery "
                    "indemnities in Accounting > Settings > Collection."
                )
            )
        return interest, indemnity

    def _ar_invoice_mentions(self):
        """The L441-9 mentions of an invoice: the company's text, else the
        standard one from its rate and indemnity, in the context language."""
        self.ensure_one()
        if self.ar_invoice_mentions:
            return self.ar_invoice_mentions
        rate = (
            _("%s %% a year", self.ar_late_interest_rate)
            if self.ar_late_interest_rate
            else _("the ECB main refinancing rate of the half-year + 10 points")
        )
        return _(
            "Payment due on the due date shown, without discount for early "
            "payment. Late payment makes penalties due from the day after the due "
            "date at %(rate)s (article L441-10 of the Code de commerce), and a "
            "fixed indemnity for recovery costs of %(indemnity)s (article D441-5).",
            rate=rate,
            indemnity=format_amount(
                self.env, self.ar_recovery_indemnity, self.currency_id
            ),
        )
