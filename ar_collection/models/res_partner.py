from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ar_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        company_dependent=True,
        tracking=True,
        help="Who follows this customer's receivables. Empty: the salesperson.",
    )
    ar_collection_action_ids = fields.One2many(
        "ar.collection.action", "partner_id", string="Collection actions"
    )
    ar_promise_ids = fields.One2many(
        "ar.collection.promise", "partner_id", string="Promises"
    )
    ar_dispute_ids = fields.One2many(
        "ar.collection.dispute", "partner_id", string="Disputes"
    )
    ar_payment_plan_ids = fields.One2many(
        "ar.collection.payment.plan", "partner_id", string="Payment plans"
    )
    ar_overdue_amount = fields.Monetary(
        string="Overdue balance",
        compute="_compute_ar_agenda_summary",
        currency_field="ar_collection_currency_id",
    )
    ar_collection_currency_id = fields.Many2one(
        "res.currency", compute="_compute_ar_agenda_summary"
    )
    ar_last_action_id = fields.Many2one(
        "ar.collection.action",
        string="Last action",
        compute="_compute_ar_agenda_summary",
    )
    ar_next_action_id = fields.Many2one(
        "ar.collection.action",
        string="Next action",
        compute="_compute_ar_agenda_summary",
    )
    ar_promise_kept_rate = fields.Float(
        string="Promises kept (%)", compute="_compute_ar_promise_kept_rate"
    )
    ar_dunning_scenario_id = fields.Many2one(
        "ar.dunning.scenario",
        string="Forced dunning scenario",
        company_dependent=True,
        tracking=True,
        help="Empty: the scenario whose segment matches the customer.",
    )
    ar_dunning_contact_id = fields.Many2one(
        "res.partner",
        string="Dunning contact",
        domain="[('parent_id', '=', id)]",
        help="Receives reminders. Empty: the invoicing contact, else the customer.",
    )

    @api.depends_context("company")
    def _compute_ar_agenda_summary(self):
        """Overdue balance, last done and next planned action: three queries
        for all the customers shown."""
        today = fields.Date.context_today(self)
        overdue = dict(
            self.env["account.move"]._read_group(
                [
                    ("commercial_partner_id", "in", self.ids),
                    ("company_id", "=", self.env.company.id),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("invoice_date_due", "<", today),
                ],
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        )
        Action = self.env["ar.collection.action"]
        last, following = {}, {}
        for action in Action.search(
            [("partner_id", "in", self.ids), ("state", "=", "done")],
            order="date_done desc, id desc",
        ):
            last.setdefault(action.partner_id.id, action)
        for action in Action.search(
            [("partner_id", "in", self.ids), ("state", "=", "planned")],
            order="date_planned, id",
        ):
            following.setdefault(action.partner_id.id, action)
        for partner in self:
            partner.ar_collection_currency_id = self.env.company.currency_id
            partner.ar_overdue_amount = overdue.get(partner, 0.0)
            partner.ar_last_action_id = last.get(partner.id, Action)
            partner.ar_next_action_id = following.get(partner.id, Action)

    def _compute_ar_promise_kept_rate(self):
        groups = self.env["ar.collection.promise"]._read_group(
            [
                ("partner_id", "in", self.ids),
                ("state", "in", ("kept", "partial", "broken")),
            ],
            ["partner_id", "state"],
            ["__count"],
        )
        totals, kept = {}, {}
        for partner, state, count in groups:
            totals[partner.id] = totals.get(partner.id, 0) + count
            if state == "kept":
                kept[partner.id] = count
        for partner in self:
            total = totals.get(partner.id)
            partner.ar_promise_kept_rate = (
                100.0 * kept.get(partner.id, 0) / total if total else 0.0
            )

    def _ar_get_collector(self):
        """The user who acts for this customer: collector, else salesperson."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.ar_collector_id or partner.user_id

    def _ar_dunning_blocked_domains(self):
        """Domains on res.partner of the customers the dunning never reminds.
        None today: under collective proceedings only the invoices dated
        before the judgment are frozen (``ar_claim_to_declare``, skipped per
        invoice); later ones are payable at maturity and chased (L622-17).
        A credit hold does not stop reminders: it stops new credit, the debt
        is still chased."""
        return []

    def _ar_dunning_recipient(self):
        """Where reminders go: dunning contact, invoicing contact, customer;
        empty when none has an email address."""
        self.ensure_one()
        partner = self.commercial_partner_id
        candidates = [
            partner.ar_dunning_contact_id,
            partner.child_ids.filtered(lambda c: c.type == "invoice" and c.email)[:1],
            partner,
        ]
        return next((c for c in candidates if c and c.email), self.browse())
