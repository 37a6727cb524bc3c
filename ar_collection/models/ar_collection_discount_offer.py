from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_amount, format_date, formatLang


def discount_bases(lines, rate, ratio=1.0):
    """{tax key: base of the discount}: ``rate`` % of each tax group's
    amount, times ``ratio`` (the share of the invoice still open).

    ``lines``: [(tax key, amount)] of the invoice lines, the amount untaxed
    unless the taxes are included in the price."""
    bases = defaultdict(float)
    for key, amount in lines:
        bases[key] += amount * ratio * rate / 100.0
    return dict(bases)


def days_saved(payments):
    """Days paid before the due date, weighted by amount: [(amount, days)]."""
    total = sum(amount for amount, _days in payments)
    if not total:
        return 0.0
    return round(sum(amount * days for amount, days in payments) / total, 1)


class ArCollectionDiscountOffer(models.Model):
    """An exceptional early-payment discount offered on open invoices: a rate
    if paid by a deadline. Taken, it is booked as a credit note (avoir
    d'escompte) that corrects the VAT, CGI art. 272-1."""

    _name = "ar.collection.discount.offer"
    _description = "Early-Payment Discount Offer"
    _inherit = ["ar.collection.case.mixin"]
    _ar_pausing_states = ()
    _order = "date_deadline desc, id desc"

    move_ids = fields.Many2many(
        relation="ar_collection_discount_offer_move_rel",
        column1="offer_id",
        required=True,
    )
    rate = fields.Float(
        string="Discount (%)", digits=(5, 2), required=True, default=2.0, tracking=True
    )
    date_deadline = fields.Date(string="If paid by", required=True, tracking=True)
    date_offered = fields.Date(
        string="Offered on", required=True, default=fields.Date.context_today
    )
    state = fields.Selection(
        [
            ("offered", "Offered"),
            ("taken", "Taken"),
            ("expired", "Expired"),
            ("refused", "Refused"),
        ],
        default="offered",
        required=True,
        tracking=True,
        index=True,
    )
    action_id = fields.Many2one(
        "ar.collection.action", string="Offered during", index="btree_not_null"
    )
    campaign_id = fields.Many2one(
        related="action_id.campaign_id", store=True, index=True
    )
    amount_due = fields.Monetary(
        compute="_compute_amounts", help="Open amount of the invoices, taxes included."
    )
    amount_discount = fields.Monetary(
        string="Discount",
        compute="_compute_amounts",
        help="Taxes included: the credit note's total once taken.",
    )
    refund_ids = fields.Many2many(
        "account.move",
        "ar_collection_discount_offer_refund_rel",
        "offer_id",
        "refund_id",
        string="Credit notes",
        readonly=True,
    )
    payment_id = fields.Many2one("account.payment", readonly=True)
    date_paid = fields.Date(string="Paid on", readonly=True)
    amount_discount_taken = fields.Monetary(
        string="Discount granted", readonly=True, aggregator="sum"
    )
    days_saved = fields.Float(
        readonly=True,
        help="Days paid before the due dates, weighted by the amounts settled.",
    )
    amount_settled = fields.Monetary(
        readonly=True, help="The invoices' open amount the payment settled."
    )
    days_weighted = fields.Float(
        readonly=True, help="Technical: days saved × amount settled, summed up."
    )

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(rate > 0 AND rate < 100)",
            "A discount rate is above 0 % and below 100 %.",
        ),
    ]

    @api.depends("rate", "move_ids.amount_residual", "refund_ids", "state")
    def _compute_amounts(self):
        for offer in self:
            offer.amount_due = sum(offer.move_ids.mapped("amount_residual_signed"))
            if offer.state == "taken":
                offer.amount_discount = offer.amount_discount_taken
            else:
                offer.amount_discount = offer.currency_id.round(
                    offer.amount_due * offer.rate / 100.0
                )

    @api.depends("partner_id", "rate", "date_deadline")
    def _compute_display_name(self):
        for offer in self:
            offer.display_name = _(
                "%(partner)s: %(rate)s if paid by %(date)s",
                partner=offer.partner_id.name or "",
                rate=offer._ar_rate_text(),
                date=format_date(self.env, offer.date_deadline),
            )

    @api.constrains("date_deadline", "date_offered")
    def _check_date_deadline(self):
        for offer in self:
            if offer.date_deadline < offer.date_offered:
                raise ValidationError(
                    _("The deadline of a discount offer cannot be before its offer.")
                )

    def _ar_rate_text(self):
        """The rate as the reader writes it: "2,50 %" in French."""
        self.ensure_one()
        return "%s\N{NO-BREAK SPACE}%%" % formatLang(self.env, self.rate)

    def action_send(self):
        """The email of the offer, in the customer's language, to review."""
        self.ensure_one()
        template = self.env.ref(
            "ar_collection.ar_collection_discount_offer_mail_template"
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
            },
        }

    def action_register_payment(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Payment with the discount"),
            "res_model": "ar.collection.discount.payment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_offer_id": self.id},
        }

    def action_refuse(self):
        self.filtered(lambda o: o.state == "offered").write({"state": "refused"})

    def _ar_take(self, payment_date, journal):
        """Book the discount and the payment of what is left: one credit note
        per invoice for ``rate`` % of its open part, with its taxes
        (proportional VAT), reconciled with it, then the payment."""
        self.ensure_one()
        if self.state != "offered":
            raise UserError(_("This discount offer is no longer open."))
        if payment_date > self.date_deadline:
            raise UserError(
                _(
                    "Paid on %(paid)s, after the deadline of %(deadline)s: no "
                    "discount. Register the payment on the invoices.",
                    paid=format_date(self.env, payment_date),
                    deadline=format_date(self.env, self.date_deadline),
                )
            )
        invoices = self.move_ids.filtered(
            lambda m: m.payment_state in ("not_paid", "partial")
        )
        if not invoices:
            raise UserError(_("The invoices of this offer are already paid."))
        due = [
            (inv.amount_residual_signed, (inv.invoice_date_due - payment_date).days)
            for inv in invoices
        ]
        refunds = self.env["account.move"]
        for invoice in invoices:
            refund = self.env["account.move"].create(
                self._ar_refund_vals(invoice, payment_date)
            )
            refund.action_post()
            (invoice | refund).line_ids.filtered(
                lambda line: line.display_type == "payment_term" and not line.reconciled
            ).reconcile()
            refunds |= refund
        payment = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(
                {
                    "payment_date": payment_date,
                    "journal_id": journal.id,
                    "group_payment": True,
                }
            )
            ._create_payments()
        )
        self.write(
            {
                "state": "taken",
                "refund_ids": [Command.set(refunds.ids)],
                "payment_id": payment[:1].id,
                "date_paid": payment_date,
                "amount_discount_taken": -sum(refunds.mapped("amount_total_signed")),
                "days_saved": days_saved(due),
                "amount_settled": sum(amount for amount, _days in due),
                "days_weighted": sum(amount * days for amount, days in due),
            }
        )
        self._ar_log_in_agenda(
            _(
                "Discount offer taken: %(amount)s granted to %(partner)s",
                amount=format_amount(
                    self.env, self.amount_discount_taken, self.currency_id
                ),
                partner=self.partner_id.name,
            ),
            "note",
            payment_date,
            done=True,
        )
        return payment

    def _ar_refund_vals(self, invoice, date):
        """The credit note of the discount on ``invoice``: one line per set of
        taxes, on the discount account."""
        account = self.company_id._ar_discount_account()
        ratio = invoice.amount_residual / invoice.amount_total
        product_lines = invoice.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        )
        bases = discount_bases(
            [
                (
                    line.tax_ids,
                    line.price_total
                    if any(line.tax_ids.mapped("price_include"))
                    else line.price_subtotal,
                )
                for line in product_lines
            ],
            self.rate,
            ratio,
        )
        label = _(
            "Early-payment discount of %(rate)s on %(invoice)s",
            rate=self._ar_rate_text(),
            invoice=invoice.name,
        )
        return {
            "move_type": "out_refund",
            "partner_id": invoice.partner_id.id,
            "company_id": invoice.company_id.id,
            "journal_id": invoice.journal_id.id,
            "currency_id": invoice.currency_id.id,
            "invoice_date": date,
            "ref": label,
            "invoice_origin": invoice.name,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": label,
                        "account_id": account.id,
                        "quantity": 1,
                        "price_unit": invoice.currency_id.round(base),
                        "tax_ids": [Command.set(taxes.ids)],
                    }
                )
                for taxes, base in bases.items()
            ],
        }

    def _ar_log_in_agenda(self, name, action_type, day, done=False):
        """The offer's outcome in the agenda: a note done when taken, a call
        to make when it expired."""
        self.ensure_one()
        vals = {
            "name": name,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "move_ids": [Command.set(self.move_ids.ids)],
            "action_type": action_type,
            "origin": "discount",
            "date_planned": day,
            "campaign_id": self.campaign_id.id,
        }
        if done:
            vals.update(state="done", date_done=day, user_id=self.env.user.id)
        return self.env["ar.collection.action"]._ar_create_actions([vals])

    @api.model
    def _cron_expire(self, today=None):
        """Scheduled step: the offers whose deadline has passed, unpaid, expire;
        each puts a call in the agenda."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            offers = (
                self.sudo()
                .with_company(company)
                .search(
                    [
                        ("company_id", "=", company.id),
                        ("state", "=", "offered"),
                        ("date_deadline", "<", day),
                    ]
                )
            )
            offers.write({"state": "expired"})
            for offer in offers:
                offer._ar_log_in_agenda(
                    _(
                        "Discount offer expired unpaid: call %(partner)s",
                        partner=offer.partner_id.name,
                    ),
                    "call",
                    day,
                )
