from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

PAYMENT_MEANS = [
    ("transfer", "Bank transfer"),
    ("cheque", "Cheque"),
    ("lcr", "Bill of exchange (LCR)"),
    ("bor", "Promissory note (BOR)"),
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
    _ar_amount_fields = ("amount",)
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
        readonly=True,
        help="Paid since the promise was made: on its invoices, on account, and "
        "payments awaiting the bank statement.",
    )
    action_id = fields.Many2one(
        "ar.collection.action", string="Made during", readonly=True
    )
    follow_up_action_id = fields.Many2one("ar.collection.action", readonly=True)
    note = fields.Text(groups="base.group_user")

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

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        for promise in promises.filtered(lambda p: not p.move_ids):
            promise.move_ids = promise._ar_oldest_overdue()
        return promises

    def _ar_oldest_overdue(self):
        """The customer's overdue invoices, oldest due first, as many as the
        promised amount covers (and the one it partly covers)."""
        self.ensure_one()
        Move = self.env["account.move"]
        overdue = Move.search(
            [
                *Move._ar_open_invoice_domain(self.company_id),
                ("commercial_partner_id", "=", self.partner_id.id),
                ("invoice_date_due", "<", self.date_made),
            ],
            order="invoice_date_due, id",
        )
        covered, left = Move, self.amount
        for move in overdue:
            if left <= 0:
                break
            covered |= move
            left -= move.amount_residual_signed
        return covered

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
        on_account = promises._ar_on_account_since(company)
        labels = dict(self._fields["state"]._description_selection(self.env))
        for promise in promises:
            amount_paid = paid.get(promise.id, 0.0) + on_account.get(promise.id, 0.0)
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
            if state == "partial":
                promise.message_post(
                    body=_(
                        "Partly kept: %(paid)s paid of %(amount)s promised, "
                        "%(missing)s missing.",
                        paid=promise.currency_id.format(amount_paid),
                        amount=promise.currency_id.format(promise.amount),
                        missing=promise.currency_id.format(
                            promise.amount - amount_paid
                        ),
                    )
                )
            if state in ("broken", "partial"):
                promise.follow_up_action_id = promise._ar_schedule_follow_up(
                    _(
                        "Promise %(state)s (%(paid)s of %(amount)s): call %(partner)s",
                        state=labels[state].lower(),
                        paid=promise.currency_id.format(amount_paid),
                        amount=promise.currency_id.format(promise.amount),
                        partner=promise.partner_id.name,
                    ),
                    "promise",
                    today,
                )

    def _ar_on_account_since(self, company):
        """Per promise: what its customer paid since the promise was made
        without it being reconciled yet: payments on account (open credits on
        the receivable) and payments registered on a journal without an
        outstanding-receipts account (no journal entry: the invoice is "in
        payment", or "paid" without Odoo's accountant app, while its
        receivable stays open until the bank statement confirms them). One
        query."""
        if not self:
            return {}
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                WITH unapplied AS (
                    SELECT rp.commercial_partner_id AS partner_id, aml.date,
                           -aml.amount_residual AS amount
                      FROM account_move_line aml
                      JOIN account_account acc ON acc.id = aml.account_id
                      JOIN account_move m ON m.id = aml.move_id
                      JOIN res_partner rp ON rp.id = aml.partner_id
                     WHERE %(receivable)s AND aml.amount_residual < 0
                       AND (m.origin_payment_id IS NOT NULL
                            OR m.statement_line_id IS NOT NULL)
                 UNION ALL
                    SELECT rp.commercial_partner_id, pay.date,
                           pay.amount_company_currency_signed
                      FROM account_payment pay
                      JOIN res_partner rp ON rp.id = pay.partner_id
                     WHERE pay.move_id IS NULL
                       AND pay.payment_type = 'inbound'
                       AND pay.partner_type = 'customer'
                       AND pay.company_id = %(company)s
                       -- registered, not yet in the ledger: on account, or
                       -- said paid while its invoice is still open
                       AND (pay.state = 'in_process'
                            OR pay.state = 'paid' AND EXISTS (
                                SELECT 1 FROM account_move__account_payment r
                                  JOIN account_move inv ON inv.id = r.invoice_id
                                 WHERE r.payment_id = pay.id
                                   AND inv.amount_residual > 0))
                )
                SELECT p.id, SUM(u.amount)
                  FROM ar_collection_promise p
                  JOIN unapplied u ON u.partner_id = p.partner_id
                       AND u.date >= p.date_made
                 WHERE p.id = ANY(%(ids)s)
              GROUP BY p.id
                """,
                receivable=self.env["account.move.line"]._ar_receivable_sql(company),
                company=company.id,
                ids=self.ids,
            )
        )
        return dict(rows)

    def action_cancel(self):
        self.write({"state": "cancelled"})
