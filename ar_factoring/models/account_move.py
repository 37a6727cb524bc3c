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

    @api.depends("ar_factor_state")
    def _compute_ar_factored(self):
        for move in self:
            move.ar_factored = move.ar_factor_state in (
                "to_assign",
                "assigned",
                "financed",
                "collected",
            )

    def _compute_display_qr_code(self):
        # a factored invoice is paid to the factor, not to the company's account
        res = super()._compute_display_qr_code()
        for move in self.filtered("ar_factor_contract_id"):
            move.display_qr_code = False
        return res

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._ar_factor_assign_contract()
        return posted

    def _ar_factor_assign_contract(self):
        """Customers approved by an active contract: their documents are factored."""
        documents = self.filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_refund") and not m.ar_factor_state
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
                move.sudo().write(
                    {
                        "ar_factor_contract_id": approval.contract_id.id,
                        "ar_factor_state": "to_assign",
                    }
                )

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

    def _ar_factor_definance(self, reason, date=None):
        """Take the receivable back from the factor and follow it up at once.
        ``date``: the day of the definancing (default: the user's today)."""
        date = date or fields.Date.context_today(self)
        for move in self:
            if move.ar_factor_state not in ("assigned", "financed"):
                raise UserError(_("%s is not financed by a factor.", move.name))
            contract = move.ar_factor_contract_id
            batch_line = self.env["ar.factor.batch.line"].search(
                [("move_id", "=", move.id), ("active_batch", "=", True)], limit=1
            )
            receivable = batch_line.receivable_line_id
            assigned = batch_line.assignment_line_ids
            if not assigned:
                raise UserError(
                    _(
                        "The assignment of %s to the factor has no journal item: "
                        "update the module to link the batches booked before.",
                        move.name,
                    )
                )
            amount = -sum(assigned.mapped("balance"))
            entry = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": contract.journal_id.id,
                    "date": date,
                    "ref": _(
                        "Definancing of %(invoice)s: %(reason)s",
                        invoice=move.name,
                        reason=reason,
                    ),
                    "company_id": move.company_id.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": _(
                                    "Receivable back from the factor: %s", move.name
                                ),
                                "account_id": receivable.account_id.id,
                                "partner_id": move.commercial_partner_id.id,
                                "balance": amount,
                            }
                        ),
                        Command.create(
                            {
                                "name": _("Owed back to %s", contract.factor_id.name),
                                "account_id": contract.account_factor_id.id,
                                "partner_id": contract.factor_id.id,
                                "balance": -amount,
                            }
                        ),
                    ],
                }
            )
            entry.action_post()
            # the invoice is open again; the assignment line now matches the return
            (receivable.matched_debit_ids | receivable.matched_credit_ids).unlink()
            back = entry.line_ids.filtered(
                lambda aml, account=receivable.account_id: aml.account_id == account
            )
            (assigned | back).reconcile()
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

    def _ar_factor_schedule_action(self, label, state="planned", date=None):
        self.ensure_one()
        return self.env["ar.collection.action"]._ar_create_actions(
            [
                {
                    "name": "%s: %s" % (self.name, label),
                    "partner_id": self.commercial_partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [Command.set(self.ids)],
                    "action_type": "call",
                    "origin": "factoring",
                    "priority": "1",
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
