from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from .late_charges import (
    B2B_POINTS,
    FLOOR_FACTOR,
    PUBLIC_POINTS,
    MissingRateError,
    RateBelowFloorError,
    half_year,
    penalty_rate,
)

# a yearly reference rate above this is a typing error (the ECB's record: 4.75)
MAX_RATE = 100


class ArLatePaymentRate(models.Model):
    """The legal reference rates of one half-year (French late-payment law)."""

    _name = "ar.late.payment.rate"
    _description = "Late-payment reference rates"
    _order = "date_from desc"

    name = fields.Char(compute="_compute_name", store=True)
    date_from = fields.Date(
        string="Half-year starting on",
        required=True,
        help="1 January or 1 July.",
    )
    date_to = fields.Date(
        string="Until", compute="_compute_name", store=True, readonly=True
    )
    ecb_rate = fields.Float(
        string="ECB main refinancing rate (%)",
        digits=(5, 2),
        required=True,
        help="The rate of the ECB's main refinancing operations in force on the "
        "first day of the half-year.",
    )
    legal_rate = fields.Float(
        string="Legal interest rate, professionals (%)",
        digits=(5, 2),
        required=True,
        help="Taux de l'intérêt légal « pour tous les autres cas » set by "
        "ministerial order for the half-year: 3 times this rate is the floor of a "
        "contractual penalty rate.",
    )
    b2b_rate = fields.Float(
        string="Business penalty rate (%)",
        compute="_compute_derived_rates",
        digits=(5, 2),
        help="ECB rate + 10 points (Code de commerce L441-10).",
    )
    public_rate = fields.Float(
        string="Public buyer rate (%)",
        compute="_compute_derived_rates",
        digits=(5, 2),
        help="ECB rate + 8 points (Code de la commande publique R2192-31).",
    )
    floor_rate = fields.Float(
        string="Lowest contractual rate (%)",
        compute="_compute_derived_rates",
        digits=(5, 2),
        help="3 times the legal interest rate.",
    )
    source = fields.Char(help="Where the rates of this half-year were checked.")

    @api.depends("date_from")
    def _compute_name(self):
        for row in self:
            if not row.date_from:
                row.name = row.date_to = False
                continue
            first, last = half_year(row.date_from)
            row.date_to = last
            row.name = "%s %s" % ("H1" if first.month == 1 else "H2", first.year)

    @api.depends("ecb_rate", "legal_rate")
    def _compute_derived_rates(self):
        for row in self:
            row.b2b_rate = row.ecb_rate + B2B_POINTS
            row.public_rate = row.ecb_rate + PUBLIC_POINTS
            row.floor_rate = row.legal_rate * FLOOR_FACTOR

    @api.constrains("ecb_rate", "legal_rate")
    def _check_rates_positive(self):
        for row in self:
            if row.ecb_rate < 0 or row.legal_rate < 0:
                raise ValidationError(
                    _("The rates of %s cannot be negative.", row.name)
                )
            if max(row.ecb_rate, row.legal_rate) > MAX_RATE:
                raise ValidationError(
                    _(
                        "The rates of %(period)s cannot be above %(max)s %%: "
                        "they are yearly percentages.",
                        period=row.name,
                        max=MAX_RATE,
                    )
                )

    @api.constrains("date_from")
    def _check_half_year(self):
        for row in self:
            if (row.date_from.month, row.date_from.day) not in ((1, 1), (7, 1)):
                raise ValidationError(
                    _("A row of legal rates starts on 1 January or 1 July.")
                )
            other = self.search(
                [
                    ("id", "!=", row.id),
                    ("date_from", "<=", row.date_to),
                    ("date_to", ">=", row.date_from),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    _("The rates of %s are already recorded.", other.name)
                )

    @api.model
    def _ar_rate_of(self, kind, contract_rate=0.0, fixed_from=None):
        """A function day -> yearly penalty rate for a debtor, reading this
        table; for a public buyer the rate of the half-year the interest
        started in (``fixed_from``) holds for the whole delay (R2192-31)."""
        rows = {row.date_from: row for row in self.sudo().search([])}

        def row_of(day):
            start = half_year(day)[0]
            if start not in rows:
                raise MissingRateError(start)
            return rows[start]

        def rate_of(day):
            row = row_of(fixed_from if kind == "public" and fixed_from else day)
            try:
                return penalty_rate(kind, row.ecb_rate, row.legal_rate, contract_rate)
            except RateBelowFloorError as error:
                error.period_start = row.date_from
                raise

        return rate_of

    @api.model
    def _ar_user_error(self, error):
        """The credit manager's message for a missing or refused rate."""
        if isinstance(error, MissingRateError):
            first, last = error.period_start, half_year(error.period_start)[1]
            return UserError(
                _(
                    "The legal rates of the half-year from %(first)s to %(last)s "
                    "are not recorded: add them in Accounting > Receivables > "
                    "Configuration > Late-payment Rates (ECB main refinancing rate on %(first)s "
                    "and legal interest rate), then send the letter again.",
                    first=fields.Date.to_string(first),
                    last=fields.Date.to_string(last),
                )
            )
        return UserError(
            _(
                "The contractual late-payment rate of %(rate)s %% is below the "
                "legal floor of %(floor)s %% (3 times the legal interest rate) "
                "for the half-year starting on %(first)s: raise it or leave it "
                "empty to apply the legal rate.",
                rate=formatLang(self.env, error.rate, digits=2),
                floor=formatLang(self.env, error.floor, digits=2),
                first=fields.Date.to_string(error.period_start),
            )
        )

    @api.model
    def _ar_check_contract_rate(self, rate, day):
        """Refuse a contractual rate below the floor of the half-year of ``day``
        (when that half-year is recorded)."""
        if not rate:
            return
        rate_of = self._ar_rate_of("business", rate)
        try:
            rate_of(day)
        except MissingRateError:
            return
        except RateBelowFloorError as error:
            raise ValidationError(self._ar_user_error(error).args[0]) from error
