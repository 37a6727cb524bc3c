from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount, format_date

BILL_KINDS = [
    ("lcr", "Bill of exchange (LCR)"),
    ("bor", "Promissory note (BOR)"),
]


class ArCollectionBill(models.Model):
    """A bill of exchange accepted by a customer (LCR) or a promissory note
    it sent (BOR): the invoices it settles at its maturity, and its life from
    acceptance to payment or dishonour."""

    _name = "ar.collection.bill"
    _description = "Bill of Exchange"
    _inherit = ["ar.collection.case.mixin"]
    _order = "date_maturity, id"
    # secured: its invoices are not dunned, they are due at the maturity
    _ar_pausing_states = ("accepted", "remitted")
    _ar_amount_fields = ("amount",)

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    kind = fields.Selection(BILL_KINDS, required=True, default="lcr", tracking=True)
    move_ids = fields.Many2many(
        relation="ar_collection_bill_move_rel",
        column1="bill_id",
        required=True,
        domain="[('commercial_partner_id', '=', partner_id), "
        "('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    amount = fields.Monetary(required=True, tracking=True)
    date_accepted = fields.Date(
        string="Accepted on",
        required=True,
        readonly=True,
        default=fields.Date.context_today,
    )
    date_maturity = fields.Date(string="Maturity", required=True, tracking=True)
    partner_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Drawee's bank account",
        domain="[('partner_id', '=', partner_id)]",
        help="The customer's French IBAN the bank debits at maturity. Empty: "
        "the customer's first bank account.",
    )
    state = fields.Selection(
        [
            ("accepted", "Accepted"),
            ("remitted", "At the bank"),
            ("paid", "Paid"),
            ("unpaid", "Unpaid"),
        ],
        required=True,
        default="accepted",
        readonly=True,
        tracking=True,
        index=True,
    )
    promise_id = fields.Many2one(
        "ar.collection.promise", readonly=True, check_company=True
    )
    action_id = fields.Many2one(
        "ar.collection.action", string="Call", readonly=True, check_company=True
    )
    remittance_id = fields.Many2one(
        "ar.collection.bill.remittance", readonly=True, copy=False, tracking=True
    )
    acceptance_move_id = fields.Many2one(
        "account.move", string="Acceptance entry", readonly=True, copy=False
    )
    settlement_move_id = fields.Many2one(
        "account.move",
        string="Settlement entry",
        readonly=True,
        copy=False,
        help="The bank's payment at maturity, or the unpaid bill's return.",
    )
    unpaid_action_id = fields.Many2one(
        "ar.collection.action", string="Follow-up", readonly=True, copy=False
    )

    @api.depends("name", "partner_id", "amount", "date_maturity")
    def _compute_display_name(self):
        for bill in self:
            bill.display_name = _(
                "%(number)s %(partner)s: %(amount)s on %(date)s",
                number=bill.name,
                partner=bill.partner_id.name or "",
                amount=bill.currency_id.format(bill.amount or 0.0),
                date=format_date(self.env, bill.date_maturity),
            )

    @api.constrains("date_maturity", "date_accepted")
    def _check_date_maturity(self):
        for bill in self:
            if bill.state == "accepted" and bill.date_maturity < bill.date_accepted:
                raise ValidationError(
                    _("A bill cannot be accepted with a maturity in the past.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "ar.collection.bill"
                )
        bills = super().create(vals_list)
        bills._ar_check_amount()
        bills._ar_book_acceptance()
        return bills

    def _ar_check_amount(self):
        """A bill settles at most what its invoices still owe."""
        for bill in self:
            residual = sum(bill.move_ids.mapped("amount_residual_signed"))
            if bill.currency_id.compare_amounts(bill.amount, residual) > 0:
                raise ValidationError(
                    _(
                        "The bill's amount %(amount)s is more than its invoices "
                        "still owe (%(residual)s).",
                        amount=bill.currency_id.format(bill.amount),
                        residual=bill.currency_id.format(residual),
                    )
                )

    def _ar_drawee_bank(self):
        self.ensure_one()
        return self.partner_bank_id or self.partner_id.bank_ids[:1]

    def _ar_mark_unpaid(self, fees=0.0):
        """The bank returned the bill unpaid: book its return and call the
        customer today, urgently; its invoices, open again and long due, go
        back to the dunning run at the level their lateness calls for."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        self._ar_book_unpaid(today, fees)
        # the agenda's subjects are written in the company's language
        lang = self.company_id.partner_id.lang or self.env.lang
        env = self.with_context(lang=lang).env
        self.unpaid_action_id = self.env["ar.collection.action"]._ar_create_actions(
            [
                {
                    "name": env._(
                        "Unpaid bill %(bill)s (%(amount)s): call %(partner)s",
                        bill=self.name,
                        amount=format_amount(env, self.amount, self.currency_id, lang),
                        partner=self.partner_id.name,
                    ),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "action_type": "call",
                    "origin": "bill",
                    "priority": "1",
                    "date_planned": today,
                    "move_ids": [fields.Command.set(self.move_ids.ids)],
                }
            ]
        )
