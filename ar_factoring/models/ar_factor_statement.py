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
        """Book the matched lines in one entry; unmatched ones stay visible."""
        self.ensure_one()
        contract = self.contract_id
        factor = contract.factor_id
        entry_lines = []
        for line in self.line_ids.filtered(lambda line: line.state == "matched"):
            if line.kind == "collection":
                line.move_id.ar_factor_state = "collected"
            elif line.kind == "definancing":
                line.move_id._ar_factor_definance(_("factor's statement %s", self.name))
            elif line.kind == "fee":
                entry_lines += [
                    (
                        contract.account_fee_id,
                        line.amount,
                        _("Factor fee %s", line.reference),
                    ),
                    (
                        contract.account_factor_id,
                        -line.amount,
                        _("Factor fee %s", line.reference),
                    ),
                ]
            elif line.kind == "reserve_release":
                entry_lines += [
                    (contract.account_factor_id, line.amount, _("Reserve released")),
                    (contract.account_reserve_id, -line.amount, _("Reserve released")),
                ]
            line.state = "booked"
        if entry_lines:
            entry = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": contract.journal_id.id,
                    "date": self.date,
                    "ref": _("Factor statement %s", self.name),
                    "company_id": self.company_id.id,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "account_id": account.id,
                                "partner_id": factor.id,
                                "balance": balance,
                            }
                        )
                        for account, balance, label in entry_lines
                    ],
                }
            )
            entry.action_post()
            self.move_id = entry

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
        ],
        required=True,
    )
    reference = fields.Char()
    amount = fields.Monetary()
    date = fields.Date()
    move_id = fields.Many2one("account.move", string="Invoice")
    state = fields.Selection(
        [("matched", "Matched"), ("unmatched", "Unmatched"), ("booked", "Booked")],
        required=True,
        default="unmatched",
    )
    raw = fields.Char(string="Line as received")
