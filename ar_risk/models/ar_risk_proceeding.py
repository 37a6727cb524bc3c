from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_dates_ordered

PROCEEDING_TYPES = [
    ("conciliation", "Conciliation"),
    ("sauvegarde", "Safeguard (sauvegarde)"),
    ("redressement", "Receivership (redressement judiciaire)"),
    ("liquidation", "Liquidation (liquidation judiciaire)"),
]


class ArRiskProceeding(models.Model):
    """A collective proceeding opened against a customer.

    While open, the customer is on the watch list, gets no new credit, and its
    open invoices are to be declared to the court-appointed representative.
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
    note = fields.Text()

    _sql_constraints = [
        (
            "publication_after_judgment",
            "CHECK(publication_date IS NULL OR publication_date >= judgment_date)",
            "The publication cannot precede the judgment.",
        ),
    ]

    @api.depends("publication_date", "company_id.ar_claim_deadline_months")
    def _compute_claim_deadline(self):
        for proceeding in self:
            if proceeding.publication_date:
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
        if "claim_deadline" in vals or vals.get("state") == "open":
            self.filtered(lambda p: p.state == "open")._apply_consequences()
        return res

    def _apply_consequences(self):
        """Watch list, invoices to declare, reminder before the deadline."""
        Watch = self.env["ar.risk.watch"].sudo()
        for proceeding in self.filtered(lambda p: p.state == "open"):
            partner = proceeding.partner_id
            Watch._ensure(partner, proceeding.company_id, "proceeding")
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
                        ("invoice_date", "<=", proceeding.judgment_date),
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
                ]
            )
            if not still_open:
                Watch._end(proceeding.partner_id, proceeding.company_id, "proceeding")
