from odoo import api, fields, models

WATCH_REASONS = [
    ("limit", "Credit limit exceeded"),
    ("proceeding", "Collective proceeding"),
    ("preventive", "Preventive procedure (mandat ad hoc, conciliation)"),
    ("ceased", "Ceased (SIRENE)"),
    ("overdue", "Overdue beyond the threshold"),
    ("insurance", "Exposure above the insured amount"),
    ("manual", "Manual"),
]


class ArRiskWatch(models.Model):
    """Why, since when and by whom a customer is on the watch list.

    An entry is ended (archived), never deleted.
    """

    _name = "ar.risk.watch"
    _description = "Watch List Entry"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    reason = fields.Selection(
        WATCH_REASONS, required=True, default="manual", tracking=True
    )
    date_start = fields.Date(
        string="Since", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="Until", readonly=True, tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Put by", default=lambda self: self.env.user, readonly=True
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Text()

    @api.model
    def _ensure(self, partner, company, reason, note=False):
        """Open an entry for this reason unless one is already open."""
        existing = self.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("reason", "=", reason),
            ],
            limit=1,
        )
        if existing:
            return existing
        return self.create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "reason": reason,
                "note": note,
            }
        )

    @api.model
    def _end(self, partner, company, reason):
        entries = self.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("reason", "=", reason),
            ]
        )
        entries.write({"active": False, "date_end": fields.Date.context_today(self)})

    def action_end(self):
        self.write({"active": False, "date_end": fields.Date.context_today(self)})
