from odoo import Command, _, fields, models


class ArFactorStatement(models.Model):
    """A factor's statement as imported; each line matched or left visible."""

    _name = "ar.factor.statement"
    _description = "Factor Statement"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    contract_id = fields.Many2one(
        "ar.factor.contract", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date = fields.Date(default=fields.Date.context_today)
    line_ids = fields.One2many("ar.factor.statement.line", "statement_id")
    move_id = fields.Many2one("account.move", string="Entry", readonly=True)
    unmatched_count = fields.Integer(compute="_compute_unmatched_count")

    def _book(self):
        """Book the matched lines; unmatched ones stay visible. Each customer
        payment is booked on the day the customer paid (what grading reads);
        fees, reserve releases and financing adjustments in one entry."""
        self.ensure_one()
        contract = self.contract_id
        factor = contract.factor_id
        entry_lines = []
        for line in self.line_ids.filtered(lambda line: line.state == "matched"):
            if line.kind == "collection":
                line._book_collection()
            elif line.kind == "definancing":
                line.move_id._ar_factor_definance(_("factor's statement %s", self.name))
            elif line.kind == "fee":
                label = _("Factor fee %s", line.reference)
                entry_lines += [
                    (contract.account_fee_id, line.amount, label),
                    (contract.account_factor_id, -line.amount, label),
                ]
            elif line.kind == "reserve_release":
                entry_lines += [
                    (contract.account_factor_id, line.amount, _("Reserve released")),
                    (contract.account_reserve_id, -line.amount, _("Reserve released")),
                ]
            elif line.kind == "financing":
                # the accrual booked with the batch, adjusted to what was charged
                difference = line.amount - line.batch_id.amount_financing
                label = _("Financing cost of %s: adjustment", line.batch_id.name)
                if difference:
                    entry_lines += [
                        (contract.account_financing_id, difference, label),
                        (contract.account_factor_id, -difference, label),
                    ]
                line.batch_id.financing_statement_line_id = line
            line.state = "booked"
        if entry_lines:
            self.move_id = self._create_entry(
                self.date,
                [
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": factor.id,
                        "balance": balance,
                    }
                    for account, balance, label in entry_lines
                ],
            )

    def _create_entry(self, date, line_vals):
        self.ensure_one()
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.contract_id.journal_id.id,
                "date": date,
                "ref": _("Factor statement %s", self.name),
                "company_id": self.company_id.id,
                "line_ids": [Command.create(vals) for vals in line_vals],
            }
        )
        entry.action_post()
        return entry

    def _compute_unmatched_count(self):
        for statement in self:
            statement.unmatched_count = len(
                statement.line_ids.filtered(lambda line: line.state == "unmatched")
            )


class ArFactorStatementLine(models.Model):
    _name = "ar.factor.statement.line"
    _description = "Factor Statement Line"

    statement_id = fields.Many2one(
        "ar.factor.statement", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [
            ("collection", "Collection"),
            ("fee", "Fee"),
            ("definancing", "Definancing"),
            ("reserve_release", "Reserve release"),
            ("financing", "Financing cost"),
        ],
        required=True,
    )
    reference = fields.Char()
    amount = fields.Monetary()
    date = fields.Date()
    move_id = fields.Many2one("account.move", string="Invoice")
    batch_id = fields.Many2one("ar.factor.batch")
    entry_id = fields.Many2one(
        "account.move",
        readonly=True,
        help="The customer's payment as booked, on the day it was paid.",
    )
    state = fields.Selection(
        [("matched", "Matched"), ("unmatched", "Unmatched"), ("booked", "Booked")],
        required=True,
        default="unmatched",
    )
    raw = fields.Char(string="Line as received")

    def _book_collection(self):
        """The factor reports the customer's payment: settle the invoice's
        411 line against the receivables assigned, on the payment date."""
        self.ensure_one()
        invoice = self.move_id
        line_vals, to_match = invoice._ar_factor_collect_vals(self.amount)
        entry = self.statement_id._create_entry(
            self.date or self.statement_id.date, line_vals
        )
        for account in to_match.account_id:
            (to_match | entry.line_ids).filtered(
                lambda aml, acc=account: aml.account_id == acc
            ).reconcile()
        self.entry_id = entry
        if invoice.currency_id.is_zero(invoice.amount_residual):
            invoice.ar_factor_state = "collected"
