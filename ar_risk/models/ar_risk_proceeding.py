from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_dates_ordered

PROCEEDING_TYPES = [
    ("mandat_adhoc", "Mandat ad hoc"),
    ("conciliation", "Conciliation"),
    ("sauvegarde", "Safeguard (sauvegarde)"),
    ("redressement", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]
# confidential preventive procedures: no claim to declare, no credit block
PREVENTIVE_TYPES = ("mandat_adhoc", "conciliation")


class ArRiskProceeding(models.Model):
    """A collective proceeding opened against a customer, or a preventive
    procedure (mandat ad hoc, conciliation).

    While a collective proceeding is open, the customer is on the watch list,
    gets no new credit, and its open invoices dated before the judgment are to
    be declared to the court-appointed representative; later invoices are
    payable at maturity (art. L622-17 of the Code de commerce). A preventive
    procedure only puts the customer on the watch list.
    """

    _name = "ar.risk.proceeding"
    _description = "Collective Proceeding"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "judgment_date desc, id desc"
    _check_company_auto = True

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
    proceeding_type = fields.Selection(
        PROCEEDING_TYPES, string="Type", required=True, tracking=True
    )
    preventive = fields.Boolean(
        compute="_compute_preventive",
        store=True,
        help="Mandat ad hoc or conciliation: confidential, no claim to declare, "
        "no credit block, only a watch.",
    )
    judgment_date = fields.Date(required=True, tracking=True)
    court = fields.Char(tracking=True, help="e.g. Tribunal de commerce de Lyon")
    representative_id = fields.Many2one(
        "res.partner",
        string="Administrator / liquidator",
        tracking=True,
        help="The court-appointed representative to whom claims are declared.",
    )
    publication_date = fields.Date(
        tracking=True, help="Publication in the BODACC; starts the claim deadline."
    )
    claim_deadline = fields.Date(
        string="Claim declaration deadline",
        compute="_compute_claim_deadline",
        store=True,
        readonly=False,
        tracking=True,
    )
    claim_declared_date = fields.Date(string="Claim declared on", tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        tracking=True,
    )
    plan_date = fields.Date(
        string="Plan adopted on",
        tracking=True,
        help="Safeguard or recovery plan adopted by the court.",
    )
    sale_date = fields.Date(
        string="Business sold on", tracking=True, help="Sale of the business (cession)."
    )
    bodacc_announcement_ids = fields.One2many(
        "ar.risk.bodacc.announcement", "proceeding_id", string="BODACC announcements"
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "publication_after_judgment",
            "CHECK(publication_date IS NULL OR publication_date >= judgment_date)",
            "The publication cannot precede the judgment.",
        ),
    ]

    @api.depends("proceeding_type")
    def _compute_preventive(self):
        for proceeding in self:
            proceeding.preventive = proceeding.proceeding_type in PREVENTIVE_TYPES

    @api.depends(
        "publication_date", "preventive", "company_id.ar_claim_deadline_months"
    )
    def _compute_claim_deadline(self):
        for proceeding in self:
            if proceeding.preventive:
                proceeding.claim_deadline = False
            elif proceeding.publication_date:
                proceeding.claim_deadline = proceeding.publication_date + relativedelta(
                    months=proceeding.company_id.ar_claim_deadline_months
                )
            elif not proceeding.claim_deadline:
                proceeding.claim_deadline = False

    @api.depends("partner_id", "proceeding_type")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["proceeding_type"]._description_selection(self.env))
        for proceeding in self:
            proceeding.display_name = _(
                "%(customer)s — %(proceeding)s",
                customer=proceeding.partner_id.display_name or "",
                proceeding=labels.get(proceeding.proceeding_type, ""),
            )

    @api.constrains(
        "claim_deadline", "judgment_date", "publication_date", "claim_declared_date"
    )
    def _check_dates(self):
        for proceeding in self:
            judgment = proceeding.judgment_date
            for name, message in self._ar_dates_after_judgment():
                if proceeding[name] and proceeding[name] < judgment:
                    raise ValidationError(message)

    def _ar_dates_after_judgment(self):
        """(field, message refusing it) of the dates a judgment opens."""
        return [
            (
                "publication_date",
                _("The publication cannot precede the judgment."),
            ),
            (
                "claim_deadline",
                _("The claim declaration deadline cannot precede the judgment."),
            ),
            (
                "claim_declared_date",
                _(
                    "A claim cannot be declared before the judgment opening the proceeding."
                ),
            ),
        ]

    @api.model_create_multi
    def create(self, vals_list):
        # before the INSERT, which the database's constraint would refuse
        for name, message in self._ar_dates_after_judgment():
            check_dates_ordered(self, vals_list, "judgment_date", name, message)
        proceedings = super().create(vals_list)
        proceedings._apply_consequences()
        return proceedings

    def write(self, vals):
        res = super().write(vals)
        if {"claim_deadline", "publication_date"} & set(vals) or (
            vals.get("state") == "open"
        ):
            self.filtered(lambda p: p.state == "open")._apply_consequences()
        return res

    def _apply_consequences(self):
        """Watch list; for a collective proceeding, the invoices dated before
        the judgment to declare and a reminder before the deadline."""
        Watch = self.env["ar.risk.watch"].sudo()
        for proceeding in self.filtered(lambda p: p.state == "open"):
            partner = proceeding.partner_id
            Watch._ensure(partner, proceeding.company_id, proceeding._watch_reason())
            if proceeding.preventive:
                continue
            invoices = (
                self.env["account.move"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", proceeding.company_id.id),
                        ("commercial_partner_id", "=", partner.id),
                        ("move_type", "in", ("out_invoice", "out_refund")),
                        ("state", "=", "posted"),
                        ("payment_state", "in", ("not_paid", "partial")),
                        # the opening judgment takes effect on its day: claims
                        # born from then on are paid at maturity (L622-17)
                        ("invoice_date", "<", proceeding.judgment_date),
                    ]
                )
            )
            invoices.write({"ar_claim_to_declare": True})
            if proceeding.claim_deadline and not proceeding.claim_declared_date:
                proceeding.activity_unlink(["mail.mail_activity_data_todo"])
                proceeding.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=max(
                        proceeding.claim_deadline - timedelta(days=15),
                        fields.Date.context_today(self),
                    ),
                    summary=_("Declare the claim before %s", proceeding.claim_deadline),
                    note=_(
                        "%(count)s open invoice(s) of %(partner)s to declare to the "
                        "representative.",
                        count=len(invoices),
                        partner=partner.display_name,
                    ),
                    user_id=(
                        proceeding.company_id.ar_credit_manager_id or self.env.user
                    ).id,
                )

    def _watch_reason(self):
        self.ensure_one()
        return "preventive" if self.preventive else "proceeding"

    def action_declared(self):
        self.write({"claim_declared_date": fields.Date.context_today(self)})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_close(self):
        self.write({"state": "closed"})
        Watch = self.env["ar.risk.watch"].sudo()
        for proceeding in self:
            still_open = self.search_count(
                [
                    ("partner_id", "=", proceeding.partner_id.id),
                    ("company_id", "=", proceeding.company_id.id),
                    ("state", "=", "open"),
                    ("preventive", "=", proceeding.preventive),
                ]
            )
            if not still_open:
                Watch._end(
                    proceeding.partner_id,
                    proceeding.company_id,
                    proceeding._watch_reason(),
                )

    @api.model
    def _ar_apply_bodacc(self, announcement):
        """Open or follow the customer's collective proceeding from a BODACC
        announcement; returns the proceeding, or nothing when there is none
        to follow (the announcement stays for review)."""
        partner, company = announcement.partner_id, announcement.company_id
        proceeding = self.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("state", "=", "open"),
                ("preventive", "=", False),
            ],
            limit=1,
        )
        event = announcement.event
        judgment = announcement.judgment_date or announcement.published
        if event in ("sauvegarde", "redressement", "liquidation") and not proceeding:
            return self.create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "proceeding_type": event,
                    "judgment_date": judgment,
                    "court": announcement.court,
                    "publication_date": max(announcement.published, judgment),
                }
            )
        if not proceeding:
            return proceeding
        body = _(
            "BODACC %(ref)s of %(date)s: %(nature)s",
            ref=announcement.name,
            date=announcement.published,
            nature=announcement.nature,
        )
        if event in ("liquidation", "conversion"):
            proceeding.proceeding_type = "liquidation"
        elif event == "plan":
            proceeding.plan_date = judgment
        elif event == "sale":
            proceeding.sale_date = judgment
        elif event == "closure":
            proceeding.action_close()
        elif not proceeding.publication_date:
            proceeding.publication_date = max(announcement.published, judgment)
        proceeding.message_post(body=body)
        return proceeding
