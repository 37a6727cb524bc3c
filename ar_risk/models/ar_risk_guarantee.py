from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_amounts, check_dates_ordered

GUARANTEE_TYPES = [
    ("bank_guarantee", "Bank guarantee"),
    ("deposit", "Deposit"),
    ("bill_of_exchange", "Bill of exchange"),
    ("parent_guarantee", "Parent-company guarantee"),
    ("credit_insurance", "Credit insurance"),
]


# a former credit insurance guarantee (before the policies) is history: it
# can be cancelled or annotated, no longer changed into a cover
LEGACY_FROZEN = {
    "amount",
    "amount_requested",
    "guarantee_type",
    "partner_id",
    "company_id",
    "currency_id",
    "date_start",
    "date_end",
}
LEGACY_CLOSING = ("cancelled", "refused")

CHECKED_FIELDS = [
    "amount",
    "amount_requested",
    "claim_declaration_days",
    "guarantee_type",
]


class ArRiskGuarantee(models.Model):
    """A security that covers part of a customer's exposure while it is valid."""

    _name = "ar.risk.guarantee"
    _description = "Customer Guarantee"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, tracking=True)
    guarantee_type = fields.Selection(
        GUARANTEE_TYPES, string="Type", required=True, tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        tracking=True,
    )
    amount = fields.Monetary(
        required=True,
        default=0.0,
        tracking=True,
        help="Amount covered. Credit insurance is recorded on an insurance policy "
        "(decisions per buyer) and never adds to the credit limit.",
    )
    guarantor_id = fields.Many2one(
        "res.partner",
        string="Guarantor / insurer",
        tracking=True,
        help="The bank, the parent company or the credit insurer.",
    )
    date_start = fields.Date(
        string="Valid from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Valid until", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("active", "Active"),
            ("refused", "Refused"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    is_valid = fields.Boolean(
        string="Covers today",
        compute="_compute_is_valid",
        help="Active and within its validity dates.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
    )
    expiry_alert_date = fields.Date(
        readonly=True,
        copy=False,
        help="When the expiry alert was raised (raised once).",
    )
    # credit insurance
    amount_requested = fields.Monetary(string="Amount requested", tracking=True)
    decision_date = fields.Date(tracking=True)
    policy_ref = fields.Char(string="Policy reference", tracking=True)
    claim_declaration_days = fields.Integer(
        string="Declare overdue within (days)",
        default=60,
        help="Days after an invoice's due date within which an unpaid invoice must be "
        "declared to the insurer (menace de sinistre).",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount >= 0)",
            "A guarantee amount cannot be negative.",
        ),
        (
            "amount_requested_positive",
            "CHECK(amount_requested IS NULL OR amount_requested >= 0)",
            "The amount requested cannot be negative.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A guarantee cannot end before it starts.",
        ),
        (
            "claim_days_positive",
            "CHECK(claim_declaration_days >= 0)",
            "The overdue declaration delay cannot be negative.",
        ),
    ]

    @api.depends("state", "date_start", "date_end")
    @api.depends_context("date")
    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for guarantee in self:
            guarantee.is_valid = guarantee._covers(today)

    def _covers(self, day):
        self.ensure_one()
        return (
            self.state == "active"
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    @api.constrains(
        "amount",
        "amount_requested",
        "date_start",
        "date_end",
        "claim_declaration_days",
        "guarantee_type",
    )
    def _check_amounts_dates(self):
        for guarantee in self:
            guarantee._ar_check_input(
                [{name: guarantee[name] for name in CHECKED_FIELDS}]
            )
            if guarantee.date_end and guarantee.date_end < guarantee.date_start:
                raise ValidationError(
                    _("Guarantee %s cannot end before it starts.", guarantee.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        # before the INSERT, which the database's constraints would refuse
        self._ar_check_input(vals_list)
        for vals in vals_list:
            check_dates_ordered(
                self,
                [vals],
                "date_start",
                "date_end",
                _("Guarantee %s cannot end before it starts.", vals.get("name")),
            )
        return super().create(vals_list)

    def write(self, vals):
        self._ar_check_input([vals])
        legacy = self.filtered(lambda g: g.guarantee_type == "credit_insurance")
        if legacy and (
            LEGACY_FROZEN & set(vals)
            or vals.get("state", "cancelled") not in LEGACY_CLOSING
        ):
            self._ar_refuse_insurance()
        return super().write(vals)

    def _ar_check_input(self, vals_list):
        """Refuse amounts and delays that cannot be real (negative or huge),
        and credit insurance, which is on the insurance policies."""
        check_amounts(self, vals_list, CHECKED_FIELDS[:2], allow_zero=True)
        for vals in vals_list:
            if vals.get("guarantee_type") == "credit_insurance":
                self._ar_refuse_insurance()
            if (vals.get("claim_declaration_days") or 0) < 0:
                raise ValidationError(
                    _("The overdue declaration delay cannot be negative.")
                )

    def _ar_refuse_insurance(self):
        raise ValidationError(
            _(
                "Credit insurance is no longer recorded as a guarantee and would "
                "not be counted: record the insurer's decisions on a policy "
                "(Credit Risk > Credit Insurance Policies). The former credit "
                "insurance guarantees stay readable, and can only be cancelled."
            )
        )

    def action_request(self):
        self.write({"state": "requested"})

    def action_activate(self):
        self.write({"state": "active"})

    def action_refuse(self):
        self.write(
            {"state": "refused", "decision_date": fields.Date.context_today(self)}
        )

    def action_cancel(self):
        self.write({"state": "cancelled"})

    @api.model
    def _active_cover_by_partner(self, partner_ids, company, day=None):
        """Cover of the guarantees valid on ``day``, per commercial partner id,
        in the company currency. Credit insurance is no extra limit: what the
        insurer would pay is on the insurance policies (its decisions)."""
        day = day or fields.Date.context_today(self)
        guarantees = self.sudo().search(
            [
                ("partner_id", "in", list(partner_ids)),
                ("company_id", "=", company.id),
                ("state", "=", "active"),
                ("guarantee_type", "!=", "credit_insurance"),
                ("date_start", "<=", day),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", day),
            ]
        )
        cover = dict.fromkeys(partner_ids, 0.0)
        for guarantee in guarantees:
            cover[guarantee.partner_id.id] += guarantee.currency_id._convert(
                guarantee.amount, company.currency_id, company, day
            )
        return cover

    @api.constrains("currency_id", "guarantee_type", "company_id")
    def _check_currency(self):
        for guarantee in self:
            if (
                guarantee.guarantee_type == "credit_insurance"
                and guarantee.currency_id != guarantee.company_id.currency_id
            ):
                raise ValidationError(
                    _(
                        "Credit insurance %(name)s must be in %(currency)s, the currency "
                        "of %(company)s: the insurer covers the company's receivables.",
                        name=guarantee.name,
                        currency=guarantee.company_id.currency_id.name,
                        company=guarantee.company_id.name,
                    )
                )

    @api.model
    def _cron_claim_alerts(self):
        """Kept as the scheduled job's entry point (its record is not
        updated): the insured buyers are on the insurance policies."""
        self.env["ar.risk.insurance.policy"]._cron_claim_alerts()

    @api.model
    def _cron_expiry_alerts(self):
        """Warn each responsible, once, N days (per company) before expiry."""
        for company in self.env["res.company"].search([]):
            today = company._ar_today()
            limit_day = today + timedelta(days=company.ar_guarantee_alert_days)
            expiring = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "active"),
                    ("date_end", "!=", False),
                    ("date_end", ">=", today),
                    ("date_end", "<=", limit_day),
                    ("expiry_alert_date", "=", False),
                ]
            )
            for guarantee in expiring:
                guarantee.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=guarantee.date_end,
                    summary=_("Guarantee %s expires soon", guarantee.name),
                    note=_(
                        "The guarantee %(name)s of %(partner)s ends on %(date)s: renew "
                        "it or review the customer's credit limit.",
                        name=guarantee.name,
                        partner=guarantee.partner_id.display_name,
                        date=guarantee.date_end,
                    ),
                    user_id=(
                        guarantee.user_id
                        or company.ar_credit_manager_id
                        or self.env.user
                    ).id,
                )
            expiring.write({"expiry_alert_date": today})
