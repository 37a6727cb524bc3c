from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_amount

from .input_checks import check_amounts

DECISION_KINDS = [
    ("new", "First decision"),
    ("increase", "Increase"),
    ("renewal", "Renewal (same amount)"),
    ("reduction", "Reduction"),
    ("withdrawal", "Withdrawal"),
    ("refusal", "Refusal"),
]
# what the credit manager must act on at once
URGENT_KINDS = ("reduction", "withdrawal")


class ArRiskInsuranceDecision(models.Model):
    """The insurer's decision on one buyer under a policy (agrément): the
    amount requested, the amount granted, from when and until when.

    A new decision supersedes the current one of the same policy and buyer;
    none is deleted, so the history of the cover stays readable.
    """

    _name = "ar.risk.insurance.decision"
    _description = "Credit Insurer Decision"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "decision_date desc, id desc"
    _check_company_auto = True

    policy_id = fields.Many2one(
        "ar.risk.insurance.policy",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="policy_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="policy_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    amount_requested = fields.Monetary(string="Amount requested", tracking=True)
    amount_granted = fields.Monetary(
        string="Amount granted", required=True, default=0.0, tracking=True
    )
    quotite = fields.Float(related="policy_id.quotite", string="Quotité (%)")
    amount_cover = fields.Monetary(
        string="Cover",
        compute="_compute_amount_cover",
        help="What the insurer would pay of a loss up to the granted amount: "
        "granted × quotité.",
    )
    decision_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="Expires on", tracking=True)
    kind = fields.Selection(DECISION_KINDS, readonly=True, tracking=True)
    state = fields.Selection(
        [("current", "Current"), ("superseded", "Superseded")],
        default="current",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    previous_id = fields.Many2one(
        "ar.risk.insurance.decision", string="Supersedes", readonly=True
    )
    source = fields.Selection(
        [
            ("manual", "Entered by hand"),
            ("import", "Insurer file"),
            ("migration", "Former guarantee"),
        ],
        default="manual",
        required=True,
        readonly=True,
    )
    alert_date = fields.Date(
        string="Urgent action raised on",
        readonly=True,
        copy=False,
        help="When the reduction or withdrawal was handed to the credit manager "
        "(once per decision).",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "amounts_positive",
            "CHECK(amount_granted >= 0 AND COALESCE(amount_requested, 0) >= 0)",
            "An insurer's amounts cannot be negative.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= decision_date)",
            "A decision cannot expire before it is taken.",
        ),
    ]

    def init(self):
        # one current decision per policy and buyer, whatever the caller
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS ar_risk_insurance_decision_current_uniq
                ON ar_risk_insurance_decision (policy_id, partner_id)
             WHERE state = 'current'"""
        )

    @api.depends("amount_granted", "policy_id.quotite")
    def _compute_amount_cover(self):
        for decision in self:
            decision.amount_cover = decision.currency_id.round(
                decision.amount_granted * decision.policy_id.quotite / 100.0
            )

    @api.depends("partner_id", "amount_granted", "decision_date")
    def _compute_display_name(self):
        for decision in self:
            decision.display_name = _(
                "%(buyer)s — %(date)s",
                buyer=decision.partner_id.display_name or "",
                date=decision.decision_date or "",
            )

    @api.model_create_multi
    def create(self, vals_list):
        check_amounts(
            self, vals_list, ["amount_granted", "amount_requested"], allow_zero=True
        )
        for vals in vals_list:
            if vals.get("source") == "migration" and not self.env.su:
                raise AccessError(_("Only the upgrade migrates former guarantees."))
            self._ar_check_dates(vals)
        decisions = self.browse()
        # one by one: each supersedes the current decision of its buyer
        for vals in vals_list:
            decision = super().create([self._ar_supersede(vals)])
            if decision.kind in URGENT_KINDS and decision.source != "migration":
                decision._ar_cover_reduced()
            decisions |= decision
        return decisions

    def _ar_supersede(self, vals):
        """Supersede the buyer's current decision; the new one's values."""
        policy = self.env["ar.risk.insurance.policy"].browse(vals["policy_id"])
        partner = self.env["res.partner"].browse(vals["partner_id"])
        partner = partner.commercial_partner_id
        current = self.search(
            [
                ("policy_id", "=", policy.id),
                ("partner_id", "=", partner.id),
                ("state", "=", "current"),
            ]
        )
        current.write({"state": "superseded"})
        current.flush_recordset(["state"])
        return {
            **vals,
            "partner_id": partner.id,
            "previous_id": current.id,
            "kind": self._ar_kind(
                current.amount_granted if current else None,
                vals.get("amount_granted") or 0.0,
            ),
        }

    def write(self, vals):
        check_amounts(
            self, [vals], ["amount_granted", "amount_requested"], allow_zero=True
        )
        if {"policy_id", "partner_id"} & set(vals):
            raise ValidationError(
                _(
                    "A decision stays with its policy and buyer: record a new "
                    "decision instead."
                )
            )
        for decision in self:
            self._ar_check_dates(
                {
                    "decision_date": decision.decision_date,
                    "date_end": decision.date_end,
                    **vals,
                }
            )
        return super().write(vals)

    def _ar_check_dates(self, vals):
        start = fields.Date.to_date(vals.get("decision_date"))
        end = fields.Date.to_date(vals.get("date_end"))
        if start and end and end < start:
            raise ValidationError(_("A decision cannot expire before it is taken."))

    @api.model
    def _ar_kind(self, previous, granted):
        """What a decision granting ``granted`` is, after one that granted
        ``previous`` (None: there was none)."""
        if previous is None:
            return "new" if granted > 0 else "refusal"
        if not granted:
            return "withdrawal" if previous > 0 else "refusal"
        if granted < previous:
            return "reduction"
        return "increase" if granted > previous else "renewal"

    def _ar_valid(self, day):
        self.ensure_one()
        return (
            self.state == "current"
            and self.policy_id._covers(day)
            and (not self.date_end or self.date_end >= day)
        )

    def _ar_cover_reduced(self):
        """A reduction or withdrawal of cover: an urgent to-do for the
        company's credit manager, once per decision, and the buyer on the
        watch list while its exposure is above what is still granted."""
        self.ensure_one()
        if self.alert_date:
            return
        company = self.company_id
        today = company._ar_today()
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=today,
            summary=self._ar_alert_summary(),
            note=self._ar_alert_note(),
            user_id=(company.ar_credit_manager_id or self.env.user).id,
        )
        self.sudo().alert_date = today
        partner = self.partner_id.with_company(company).sudo()
        if partner.ar_exposure > self.amount_granted:
            self.env["ar.risk.watch"].sudo()._ensure(partner, company, "insurance")

    def _ar_alert_summary(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        return _(
            "Credit insurance %(kind)s: %(buyer)s",
            kind=kinds[self.kind].lower(),
            buyer=self.partner_id.display_name,
        )

    def _ar_alert_note(self):
        return _(
            "%(insurer)s now grants %(granted)s on %(buyer)s (policy %(policy)s), "
            "instead of %(previous)s, from %(date)s. Review the credit limit and "
            "the orders in progress.",
            insurer=self.policy_id.insurer_id.display_name or _("The insurer"),
            granted=self._ar_amount(self.amount_granted),
            buyer=self.partner_id.display_name,
            policy=self.policy_id.name,
            previous=self._ar_amount(self.previous_id.amount_granted),
            date=self.decision_date,
        )

    def _ar_amount(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    @api.model
    def _ar_insured_by_partner(self, partner_ids, company, day=None):
        """{commercial partner id: (granted, cover)} of the decisions valid on
        ``day`` of the company's policies; only the buyers with a current
        decision are keys (a withdrawal keeps its buyer, at zero)."""
        day = day or company._ar_today()
        decisions = self.sudo().search(
            [
                ("partner_id", "in", list(partner_ids)),
                ("company_id", "=", company.id),
                ("state", "=", "current"),
                ("policy_id.active", "=", True),
            ]
        )
        insured = {}
        for decision in decisions:
            granted, cover = insured.get(decision.partner_id.id, (0.0, 0.0))
            if decision._ar_valid(day):
                granted += decision.amount_granted
                cover += decision.amount_cover
            insured[decision.partner_id.id] = (granted, cover)
        return insured
