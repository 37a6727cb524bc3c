from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# what the customer contests; a cash problem or a late-paying habit is no
# dispute: it is a reason recorded on the call (ar_collection_action_reason.py)
REASON_CODES = [
    ("work_dispute", "Dispute on the work or delivery"),
    ("admin_amount", "Administrative: amount"),
    ("admin_address", "Administrative: address"),
    ("admin_po", "Administrative: purchase order missing"),
    ("other", "Other"),
]


# the reason given on the call (ar_collection_action_reason.py) for a dispute
REASON_GIVEN = {
    "work_dispute": "work_dispute",
    "admin_amount": "admin_error",
    "admin_address": "admin_error",
    "admin_po": "admin_error",
    "other": "other",
}


class ArCollectionDispute(models.Model):
    """A reason the customer gives for not paying, routed to whoever can
    settle it. An open dispute pauses the dunning of its invoices only."""

    _name = "ar.collection.dispute"
    _description = "Customer Dispute"
    _inherit = ["ar.collection.case.mixin", "mail.activity.mixin"]
    _ar_amount_fields = ("amount_disputed",)
    _ar_amount_zero_ok = True
    _order = "date_opened desc, id desc"

    name = fields.Char(string="Summary", required=True, tracking=True)
    move_ids = fields.Many2many(
        relation="ar_collection_dispute_move_rel", column1="dispute_id"
    )
    reason_code = fields.Selection(
        REASON_CODES, string="Reason", required=True, tracking=True
    )
    amount_disputed = fields.Monetary(tracking=True)
    department = fields.Selection(
        [
            ("sales", "Sales"),
            ("quality", "Quality"),
            ("logistics", "Logistics"),
            ("accounting", "Accounting"),
            ("management", "Management"),
        ],
        tracking=True,
    )
    assigned_user_id = fields.Many2one(
        "res.users",
        string="Routed to",
        tracking=True,
        help="Who must answer; gets an activity with the deadline.",
    )
    date_opened = fields.Date(
        required=True, default=fields.Date.context_today, readonly=True
    )
    date_deadline = fields.Date(string="Answer expected by", tracking=True)
    date_resolved = fields.Date(readonly=True, tracking=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved"), ("rejected", "Rejected")],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    resolution = fields.Selection(
        [
            ("credit_note", "Credit note issued"),
            ("corrected", "Invoice corrected"),
            ("rejected", "Dispute rejected"),
            ("not_dispute", "Not a dispute: recorded as a reason given"),
        ],
        tracking=True,
    )
    answer = fields.Text(help="The answer of the department the dispute is routed to.")

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount_disputed >= 0)",
            "A disputed amount cannot be negative.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        disputes = super().create(vals_list)
        disputes._notify_assignee()
        return disputes

    def write(self, vals):
        if (
            not self.env.su
            and not self.env.user.has_group("ar_collection.ar_collection_group_user")
            and set(vals) - {"answer"}
        ):
            raise AccessError(_("You can only answer the disputes routed to you."))
        res = super().write(vals)
        if "assigned_user_id" in vals or "date_deadline" in vals:
            self._notify_assignee()
        return res

    def _notify_assignee(self):
        for dispute in self.filtered(
            lambda d: d.assigned_user_id and d.state == "open"
        ):
            dispute.activity_unlink(["mail.mail_activity_data_todo"])
            dispute.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=dispute.date_deadline or fields.Date.context_today(self),
                summary=_("Customer dispute to answer: %s", dispute.name),
                user_id=dispute.assigned_user_id.id,
            )

    @api.model
    def _cron_remind(self, today=None):
        """Remind the department again while an answer is late: one pending
        reminder at a time, renewed once it is done. Each company's today (or
        ``today``, which tests pin)."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            late = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "open"),
                    ("assigned_user_id", "!=", False),
                    ("date_deadline", "<", day),
                ]
            )
            for dispute in late.filtered(lambda d: not d.activity_ids):
                dispute.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=day,
                    summary=_("Late answer on the dispute: %s", dispute.name),
                    user_id=dispute.assigned_user_id.id,
                )

    def action_resolve(self, resolution="corrected"):
        self.write(
            {
                "state": "rejected" if resolution == "rejected" else "resolved",
                "resolution": resolution,
                "date_resolved": fields.Date.context_today(self),
            }
        )
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_resolve_credit_note(self):
        self.action_resolve("credit_note")

    def action_resolve_corrected(self):
        self.action_resolve("corrected")

    def action_reject(self):
        self.action_resolve("rejected")
