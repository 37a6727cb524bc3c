import pytz

from odoo import api, fields, models

from odoo.addons.base.models.res_partner import _tz_get

# French overseas departments are also addressed as France with their own
# postcodes: the first three digits tell their time zone
FR_OVERSEAS_TZ_BY_ZIP = {
    "971": "America/Guadeloupe",
    "972": "America/Martinique",
    "973": "America/Cayenne",
    "974": "Indian/Reunion",
    "975": "America/Miquelon",
    "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy",
    "978": "America/Marigot",
    "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti",
    "988": "Pacific/Noumea",
}


def tz_from_address(country_code, zip_code):
    """The time zone of an address, or False when the country has none."""
    if not country_code:
        return False
    if country_code == "FR" and zip_code:
        overseas = FR_OVERSEAS_TZ_BY_ZIP.get(zip_code.replace(" ", "")[:3])
        if overseas:
            return overseas
    zones = pytz.country_timezones.get(country_code.upper())
    return zones[0] if zones else False


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
    ar_tz = fields.Selection(
        _tz_get,
        string="Time zone of the daily jobs",
        compute="_compute_ar_tz",
        store=True,
        readonly=False,
        help="The dunning run, the promise checks, definancing and the risk alerts "
        "take today's date in this time zone, whatever the time zone of the user "
        "they run as. Follows the company's address unless set by hand.",
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

    @api.depends("partner_id.country_id", "partner_id.zip")
    def _compute_ar_tz(self):
        for company in self:
            company.ar_tz = (
                tz_from_address(
                    company.partner_id.country_id.code, company.partner_id.zip
                )
                or company.ar_tz
                or company.partner_id.tz
                or "UTC"
            )

    def _ar_today(self):
        """Today in the company's time zone: the date of its scheduled jobs."""
        self.ensure_one()
        now = pytz.utc.localize(fields.Datetime.now())
        return now.astimezone(pytz.timezone(self.ar_tz or "UTC")).date()
