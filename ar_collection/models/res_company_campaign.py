from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


def campaign_dates(year, month, day, target_month, target_months):
    """(launch day, first due date, last due date) of the yearly campaign of
    ``year``: launched on ``day``/``month``, on the invoices due in the
    ``target_months`` months from ``target_month`` (of the next year when the
    target month comes before the launch month)."""
    launch = date(year, month, day)
    start = date(year if target_month >= month else year + 1, target_month, 1)
    return launch, start, start + relativedelta(months=target_months, days=-1)


class ResCompany(models.Model):
    _inherit = "res.company"

    ar_campaign_scheduled = fields.Boolean(
        string="Schedule the yearly campaign",
        help="On the launch day, create the calls of the preventive campaign "
        "for the collectors, the customers most at stake first.",
    )
    ar_campaign_month = fields.Integer(string="Launch month", default=7)
    ar_campaign_day = fields.Integer(string="Launch day", default=1)
    ar_campaign_target_month = fields.Integer(
        string="Invoices due from month",
        default=8,
        help="First month of the target period: the campaign calls the "
        "customers whose invoices fall due then.",
    )
    ar_campaign_target_months = fields.Integer(
        string="Target period (months)", default=1
    )
    ar_discount_account_id = fields.Many2one(
        "account.account",
        string="Expense account for early-payment discounts",
        check_company=True,
        help="Debited by the credit notes of the discounts granted. Empty: "
        "665000 Escomptes accordés of the French chart (PCG 665).",
    )

    @api.constrains(
        "ar_campaign_month",
        "ar_campaign_day",
        "ar_campaign_target_month",
        "ar_campaign_target_months",
    )
    def _check_ar_campaign(self):
        for company in self:
            if not (
                1 <= company.ar_campaign_target_month <= 12
                and 1 <= company.ar_campaign_target_months <= 12
                and 1 <= company.ar_campaign_day <= 28
                and 1 <= company.ar_campaign_month <= 12
            ):
                raise ValidationError(
                    _(
                        "The campaign's launch is a day from 1 to 28 of a month "
                        "from 1 to 12, and its target period 1 to 12 months from "
                        "a month from 1 to 12."
                    )
                )

    def _ar_campaign_dates(self, year):
        self.ensure_one()
        return campaign_dates(
            year,
            self.ar_campaign_month,
            self.ar_campaign_day,
            self.ar_campaign_target_month,
            self.ar_campaign_target_months,
        )

    def _ar_discount_account(self):
        """The expense account of the discounts: the company's setting, else
        the French chart's 665."""
        self.ensure_one()
        account = self.ar_discount_account_id or self.env[
            "account.chart.template"
        ].with_company(self).ref("pcg_665", raise_if_not_found=False)
        if not account:
            raise UserError(
                _(
                    "Set the expense account of early-payment discounts in "
                    "Accounting > Settings > Collection."
                )
            )
        return account
