from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

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


def reconciled_since(records, rel_table, rel_column, date_field):
    """Per record: the amount reconciled (company currency) on the receivable
    of its invoices (``rel_table``) since its own date ``date_field``. One
    query for all records; shared by promises and payment plans."""
    if not records:
        return {}
    records.env.flush_all()
    records.env.cr.execute(
        SQL(
            """
            SELECT o.id, COALESCE(SUM(apr.amount), 0)
              FROM %(owner)s o
              JOIN %(rel)s rel ON rel.%(rel_column)s = o.id
              JOIN account_move_line aml ON aml.move_id = rel.move_id AND aml.balance > 0
              JOIN account_account acc ON acc.id = aml.account_id
                   AND acc.account_type = 'asset_receivable'
              JOIN account_partial_reconcile apr ON apr.debit_move_id = aml.id
             WHERE o.id = ANY(%(ids)s) AND apr.max_date >= o.%(date_field)s
          GROUP BY o.id
            """,
            owner=SQL.identifier(records._table),
            rel=SQL.identifier(rel_table),
            rel_column=SQL.identifier(rel_column),
            date_field=SQL.identifier(date_field),
            ids=records.ids,
        )
    )
    return dict(records.env.cr.fetchall())


class ArCollectionPromise(models.Model):
    """A customer's promise to pay, checked against the real payments."""

    _name = "ar.collection.promise"
    _description = "Promise to Pay"
    _inherit = ["mail.thread"]
    _order = "date_promised desc, id desc"
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
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        "ar_collection_promise_move_rel",
        "promise_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted')]",
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
    user_id = fields.Many2one(
        "res.users", string="Collector", default=lambda self: self.env.user
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

    def _paid_since_made(self):
        """Amount reconciled on the promised invoices since each promise was
        made, in company currency: one query for all promises."""
        return reconciled_since(
            self, "ar_collection_promise_move_rel", "promise_id", "date_made"
        )

    @api.model
    def _cron_evaluate(self, today=None, company=None):
        """Compare open promises with real payments; a broken or partly kept
        promise schedules the collector's next action. Without ``today``,
        each promise is judged on its company's today."""
        domain = [("state", "=", "open")]
        if company:
            domain.append(("company_id", "=", company.id))
        promises = self.search(domain)
        paid = promises._paid_since_made()
        for promise in promises:
            day = today or promise.company_id._ar_today()
            amount_paid = paid.get(promise.id, 0.0)
            state = promise_state(
                promise.amount,
                amount_paid,
                promise.date_promised,
                promise.company_id.ar_promise_grace_days,
                day,
            )
            vals = {"amount_paid": amount_paid}
            if state != "open":
                vals["state"] = state
            promise.write(vals)
            if state in ("broken", "partial"):
                promise.follow_up_action_id = promise._schedule_follow_up(day)

    def _schedule_follow_up(self, today):
        self.ensure_one()
        labels = dict(self._fields["state"].selection)
        return self.env["ar.collection.action"].create(
            {
                "name": _(
                    "Promise %(state)s: call %(partner)s",
                    state=labels[self.state].lower(),
                    partner=self.partner_id.name,
                ),
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "move_ids": [fields.Command.set(self.move_ids.ids)],
                "action_type": "call",
                "origin": "promise",
                "priority": "1",
                "date_planned": today,
                "user_id": (self.partner_id._ar_get_collector() or self.user_id).id,
            }
        )

    def action_cancel(self):
        self.write({"state": "cancelled"})
