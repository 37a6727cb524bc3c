from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

FACTOR_STATES = [
    ("to_assign", "To assign"),
    ("assigned", "Assigned"),
    ("financed", "Financed"),
    ("collected", "Collected by the factor"),
    ("definanced", "Definanced"),
]


class AccountMove(models.Model):
    _inherit = "account.move"

    ar_factor_contract_id = fields.Many2one(
        "ar.factor.contract",
        string="Factoring contract",
        copy=False,
        index="btree_not_null",
        tracking=True,
    )
    ar_factor_state = fields.Selection(
        FACTOR_STATES, string="Factoring", copy=False, index=True, tracking=True
    )
    ar_factor_batch_id = fields.Many2one("ar.factor.batch", string="Batch", copy=False)
    ar_factored = fields.Boolean(
        string="Factored", compute="_compute_ar_factored", store=True
    )
    ar_factor_definanced_date = fields.Date(
        string="Definanced on", copy=False, readonly=True
    )
    ar_factor_definance_move_id = fields.Many2one(
        "account.move", string="Definancing entry", copy=False, readonly=True
    )
    ar_factor_check_action_id = fields.Many2one(
        "ar.collection.action",
        string="Check with the factor",
        copy=False,
        readonly=True,
        help="The call the dunning run planned to check with the factor on this "
        "invoice, when the factor dunns alone.",
    )

    @api.depends("ar_factor_state")
    def _compute_ar_factored(self):
        for move in self:
            move.ar_factored = move.ar_factor_state in (
                "to_assign",
                "assigned",
                "financed",
                "collected",
            )

    def _post(self, soft=True):
        self._ar_factor_assign_contract()
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda m: m.ar_factor_contract_id and not m.ar_factor_state
        ).sudo().write({"ar_factor_state": "to_assign"})
        return posted

    def _ar_factor_assign_contract(self):
        """Customers approved by an active contract: their documents are
        factored, and payable to the factor's bank account (what the invoice
        PDF, its payment QR code and the e-invoice XML read)."""
        documents = self.filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_refund")
                and m.state == "draft"
                and not m.ar_factor_state
            )
        )
        if not documents:
            return
        # any invoicing user posts: the contract lookup is not theirs to be denied
        approvals = (
            self.env["ar.factor.approval"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", documents.commercial_partner_id.ids),
                    ("contract_id.state", "=", "active"),
                ]
            )
        )
        for move in documents:
            approval = approvals.filtered(
                lambda a, m=move: (
                    a.partner_id == m.commercial_partner_id
                    and a.company_id == m.company_id
                )
            )[:1]
            if approval:
                contract = approval.contract_id
                vals = {"ar_factor_contract_id": contract.id}
                if contract.factor_bank_id and move.move_type == "out_invoice":
                    vals["partner_bank_id"] = contract.factor_bank_id.id
                move.sudo().write(vals)

    def _ar_dunning_skip_domains(self):
        """Invoices the factor dunns alone stay out of our dunning until they
        come back (definanced)."""
        domains = super()._ar_dunning_skip_domains()
        return [
            *domains,
            [
                ("ar_factor_state", "in", ("assigned", "financed", "collected")),
                ("ar_factor_contract_id.dunning_by", "=", "factor"),
            ],
        ]

    @api.model
    def _ar_factor_plan_checks(self, company, date, run):
        """Invoices the factor dunns alone, late by the contract's delay: one
        call for the collector to check with the factor (once per invoice)."""
        late = self.search(
            [
                *self._ar_open_invoice_domain(company),
                ("ar_factor_state", "in", ("assigned", "financed")),
                ("ar_factor_contract_id.dunning_by", "=", "factor"),
                ("ar_factor_check_action_id", "=", False),
            ]
        ).filtered(
            lambda m: (
                m.invoice_date_due
                and (date - m.invoice_date_due).days
                >= m.ar_factor_contract_id.factor_check_days
            )
        )
        for move in late:
            action = move._ar_factor_schedule_action(
                _(
                    "%(days)s days late, dunned by %(factor)s: check with the factor",
                    days=(date - move.invoice_date_due).days,
                    factor=move.ar_factor_contract_id.factor_id.name,
                ),
                date=date,
                priority="0",
            )
            action.dunning_run_id = run
            move.ar_factor_check_action_id = action

    def _ar_factor_definance(self, reason, date=None):
        """Take the receivable back from the factor and follow it up at once.
        ``date``: the day of the definancing (default: the user's today).

        Only the factor's side moves: what is still assigned comes back from
        467 assigned against the factor's account. The invoice's 411 line was
        never touched, so its payments stay reconciled and its residual is
        what the customer still owes."""
        date = date or fields.Date.context_today(self)
        for move in self:
            if move.ar_factor_state not in ("assigned", "financed"):
                raise UserError(_("%s is not financed by a factor.", move.name))
            contract = move.ar_factor_contract_id
            assigned = move._ar_factor_assignment_lines()
            entry = contract._book_back(
                {move: -sum(assigned.mapped("amount_residual"))},
                date,
                _(
                    "Definancing of %(invoice)s: %(reason)s",
                    invoice=move.name,
                    reason=reason,
                ),
                lambda m: self.env._("Receivable back from the factor: %s", m.name),
            )
            move.write(
                {
                    "ar_factor_state": "definanced",
                    "ar_factor_definanced_date": date,
                    "ar_factor_definance_move_id": entry.id,
                }
            )
            move.message_post(
                body=_(
                    "Definanced by %(factor)s: %(reason)s",
                    factor=contract.factor_id.name,
                    reason=reason,
                )
            )
            move._ar_factor_schedule_action(
                _("Taken back from the factor (%s) — follow up", reason), date=date
            )

    def _ar_factor_assignment_lines(self):
        """The journal items of the live batch that assigned this document."""
        self.ensure_one()
        batch_line = self.env["ar.factor.batch.line"].search(
            [("move_id", "=", self.id), ("active_batch", "=", True)], limit=1
        )
        assigned = batch_line.assignment_line_ids
        if not assigned:
            raise UserError(
                _(
                    "The assignment of %s to the factor has no journal item: "
                    "update the module to link the batches booked before.",
                    self.name,
                )
            )
        return assigned

    def _ar_factor_collect_vals(self, amount):
        """Journal items of a customer payment the factor reports: the 411
        line is settled against the receivables assigned."""
        self.ensure_one()
        assigned = self._ar_factor_assignment_lines()
        receivable = self.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )[:1]
        label = _("Paid to the factor: %s", self.name)
        return [
            {
                "name": label,
                "account_id": assigned.account_id.id,
                "partner_id": self.commercial_partner_id.id,
                "balance": amount,
            },
            {
                "name": label,
                "account_id": receivable.account_id.id,
                "partner_id": self.commercial_partner_id.id,
                "balance": -amount,
            },
        ], assigned | receivable

    def _ar_factor_schedule_action(
        self, label, state="planned", date=None, priority="1"
    ):
        self.ensure_one()
        return self.env["ar.collection.action"]._ar_create_actions(
            [
                {
                    "name": _("%(invoice)s: %(label)s", invoice=self.name, label=label),
                    "partner_id": self.commercial_partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [Command.set(self.ids)],
                    "action_type": "call",
                    "origin": "factoring",
                    "priority": priority,
                    "state": state,
                    "date_planned": date or fields.Date.context_today(self),
                }
            ]
        )

    def action_ar_factor_definance(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Definance"),
            "res_model": "ar.factor.definance",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }
