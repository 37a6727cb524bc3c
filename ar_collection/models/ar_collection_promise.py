from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

PAYMENT_MEANS = [
    ("transfer", "Bank transfer"),
    ("cheque", "Cheque"),
    ("lcr", "Bill of exchange (LCR)"),
    ("card", "Card"),
    ("direct_debit", "Direct debit"),
]


def promise_state(amount, paid, date_promised, grace_days, today):
    """Kept when paid in full; once the grace period is over, partly kept or
    broken; open until then."""
    if paid >= amount - 0.005:
        return "kept"
    if today <= date_promised + timedelta(days=grace_days):
        return "open"
    return "partial" if paid > 0 else "broken"


class ArCollectionPromise(models.Model):
    """A customer's promise to pay, checked against the real payments."""

    _name = "ar.collection.promise"
    _description = "Promise to Pay"
    _inherit = ["ar.collection.case.mixin"]
    _order = "date_promised desc, id desc"

    move_ids = fields.Many2many(
        relation="ar_collection_promise_move_rel", column1="promise_id"
    )
    amount = fields.Monetary(required=True, tracking=True)
    date_promised = fields.Date(string="Promised for", required=True, tracking=True)
    date_made = fields.Date(
        string="Made on",
        required=True,
        default=fields.Date.context_today,
        readonly=True,
    )
    payment_means = fields.Selection(PAYMENT_MEANS, string="Means", tracking=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("kept", "Kept"),
            ("partial", "Partly kept"),
            ("broken", "Broken"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        tracking=True,
        index=True,
    )
    amount_paid = fields.Monetary(
        readonly=True, help="Paid on the invoices concerned since the promise was made."
    )
    action_id = fields.Many2one(
        "ar.collection.action", string="Made during", readonly=True
    )
    follow_up_action_id = fields.Many2one("ar.collection.action", readonly=True)
    note = fields.Text()

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "A promise to pay needs an amount above zero.",
        ),
    ]

    @api.depends("partner_id", "amount", "date_promised")
    def _compute_display_name(self):
        for promise in self:
            promise.display_name = _(
                "%(partner)s: %(amount)s on %(date)s",
                partner=promise.partner_id.name or "",
                amount=promise.currency_id.format(promise.amount or 0.0),
                date=promise.date_promised,
            )

    @api.constrains("date_promised", "date_made")
    def _check_date(self):
        for promise in self:
            if promise.date_promised < promise.date_made:
                raise ValidationError(
                    _("A promise to pay cannot be for a date in the past.")
                )

    @api.model
    def _cron_evaluate(self, today=None):
        """Scheduled step: each company's open promises, on its today (or on
        ``today``, which tests pin)."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            self.sudo().with_company(company)._ar_evaluate(company, day)

    @api.model
    def _ar_evaluate(self, company, today):
        """Compare the open promises of ``company`` with the real payments; a
        broken or partly kept promise schedules the next call."""
        promises = self.search(
            [("state", "=", "open"), ("company_id", "=", company.id)]
        )
        paid = promises._ar_paid_since(company, "date_made")
        labels = dict(self._fields["state"]._description_selection(self.env))
        for promise in promises:
            amount_paid = paid.get(promise.id, 0.0)
            state = promise_state(
                promise.amount,
                amount_paid,
                promise.date_promised,
                company.ar_promise_grace_days,
                today,
            )
            vals = {"amount_paid": amount_paid}
            if state != "open":
                vals["state"] = state
            promise.write(vals)
            if state in ("broken", "partial"):
                promise.follow_up_action_id = promise._ar_schedule_follow_up(
                    _(
                        "Promise %(state)s: call %(partner)s",
                        state=labels[state].lower(),
                        partner=promise.partner_id.name,
                    ),
                    "promise",
                    today,
                )

    def action_cancel(self):
        self.write({"state": "cancelled"})
