from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RATE_FIELDS = (
    "advance_rate",
    "reserve_rate",
    "commission_rate",
    "financing_rate",
    "fee_tax_rate",
)


class ArFactorContract(models.Model):
    """A factoring agreement: who the factor is, how it pays, what it keeps."""

    _name = "ar.factor.contract"
    _description = "Factoring Contract"
    _inherit = ["mail.thread"]
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    factor_id = fields.Many2one("res.partner", required=True, tracking=True)
    factor_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Factor's bank account",
        domain="[('partner_id', '=', factor_id)]",
        help="Printed on factored invoices: customers pay the factor.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    journal_id = fields.Many2one(
        "account.journal",
        domain="[('type', '=', 'general')]",
        check_company=True,
        tracking=True,
    )
    account_factor_id = fields.Many2one(
        "account.account",
        string="Factor current account",
        check_company=True,
        tracking=True,
        help="e.g. 467100: what the factor owes for the receivables assigned.",
    )
    account_reserve_id = fields.Many2one(
        "account.account",
        string="Reserve (guarantee fund)",
        check_company=True,
        tracking=True,
    )
    account_fee_id = fields.Many2one(
        "account.account", string="Factoring fees", check_company=True, tracking=True
    )
    account_financing_id = fields.Many2one(
        "account.account", string="Financing cost", check_company=True, tracking=True
    )
    account_fee_tax_id = fields.Many2one(
        "account.account",
        string="Deductible VAT on fees",
        check_company=True,
        tracking=True,
    )
    advance_rate = fields.Float(string="Advance rate (%)", default=90.0, tracking=True)
    reserve_rate = fields.Float(string="Reserve rate (%)", default=10.0, tracking=True)
    commission_rate = fields.Float(
        string="Commission rate (%)", default=0.5, tracking=True
    )
    financing_rate = fields.Float(
        string="Financing rate (% a year)", default=4.0, tracking=True
    )
    fee_tax_rate = fields.Float(string="VAT on fees (%)", default=20.0)
    with_recourse = fields.Boolean(default=True, tracking=True)
    dunning_by = fields.Selection(
        [("factor", "The factor"), ("company", "The company"), ("both", "Both")],
        string="Who dunns",
        default="factor",
        required=True,
        tracking=True,
    )
    definance_days = fields.Integer(
        string="Definance after (days overdue)",
        default=90,
        tracking=True,
        help="0: never on lateness alone.",
    )
    definance_on_dispute = fields.Boolean(default=True, tracking=True)
    definance_on_proceedings = fields.Boolean(default=True, tracking=True)
    definance_mode = fields.Selection(
        [
            ("auto", "Definance automatically"),
            ("propose", "Propose to the credit manager"),
        ],
        default="auto",
        required=True,
    )
    clause = fields.Text(
        string="Subrogation clause",
        translate=True,
        default=lambda self: _(
            "To be valid, payment must be made directly to the factor, who receives it by "
            "subrogation and must be notified of any claim."
        ),
    )
    # statement import: column names and type codes of the factor's CSV
    statement_col_kind = fields.Char(string="Type column", default="type")
    statement_col_reference = fields.Char(
        string="Reference column", default="reference"
    )
    statement_col_amount = fields.Char(string="Amount column", default="amount")
    statement_col_date = fields.Char(string="Date column", default="date")
    statement_code_collection = fields.Char(string="Collection code", default="ENC")
    statement_code_fee = fields.Char(string="Fee code", default="COM")
    statement_code_definancing = fields.Char(string="Definancing code", default="DEF")
    statement_code_reserve = fields.Char(string="Reserve release code", default="LIB")
    approval_ids = fields.One2many(
        "ar.factor.approval", "contract_id", string="Approved buyers"
    )
    batch_ids = fields.One2many("ar.factor.batch", "contract_id", string="Batches")
    # dashboard
    amount_assigned = fields.Monetary(
        string="Assigned outstanding", compute="_compute_dashboard"
    )
    amount_financed = fields.Monetary(string="Financed", compute="_compute_dashboard")
    amount_reserve = fields.Monetary(
        string="Reserve held", compute="_compute_dashboard"
    )
    amount_available = fields.Monetary(
        string="Available financing", compute="_compute_dashboard"
    )
    amount_definanced_month = fields.Monetary(
        string="Definanced this month (to repay)", compute="_compute_dashboard"
    )
    amount_fees_month = fields.Monetary(
        string="Fees this month", compute="_compute_dashboard"
    )

    _sql_constraints = [
        (
            "rates_range",
            (
                "CHECK(advance_rate BETWEEN 0 AND 100 AND reserve_rate BETWEEN 0 AND 100 "
                "AND commission_rate BETWEEN 0 AND 100 AND financing_rate BETWEEN 0 AND 100 "
                "AND fee_tax_rate BETWEEN 0 AND 100)"
            ),
            "Factoring rates are percentages between 0 and 100.",
        ),
        (
            "definance_days_positive",
            "CHECK(definance_days >= 0)",
            "The definancing delay cannot be negative.",
        ),
    ]

    @api.constrains(*RATE_FIELDS)
    def _check_rates(self):
        for contract in self:
            for fname in RATE_FIELDS:
                if not 0 <= contract[fname] <= 100:
                    raise ValidationError(
                        _(
                            "%(field)s of %(contract)s must be between 0 and 100 %%.",
                            field=contract._fields[fname].string,
                            contract=contract.name,
                        )
                    )

    def _check_ready(self):
        """Raise when the contract lacks what booking needs."""
        for contract in self:
            missing = [
                contract._fields[fname].string
                for fname in (
                    "journal_id",
                    "account_factor_id",
                    "account_reserve_id",
                    "account_fee_id",
                    "account_fee_tax_id",
                )
                if not contract[fname]
            ]
            if missing:
                raise UserError(
                    _(
                        "Contract %(contract)s cannot book: set %(missing)s.",
                        contract=contract.name,
                        missing=", ".join(missing),
                    )
                )

    def action_activate(self):
        self._check_ready()
        self.write({"state": "active"})

    def action_close(self):
        self.write({"state": "closed"})

    def _compute_dashboard(self):
        Move = self.env["account.move"]
        today = fields.Date.context_today(self)
        month_start = today.replace(day=1)
        for contract in self:
            groups = dict(
                Move._read_group(
                    [
                        ("ar_factor_contract_id", "=", contract.id),
                        ("move_type", "=", "out_invoice"),
                    ],
                    ["ar_factor_state"],
                    ["amount_total_signed:sum"],
                )
            )
            batches = contract.batch_ids.filtered(lambda b: b.state == "confirmed")
            contract.amount_assigned = groups.get("assigned", 0.0) + groups.get(
                "financed", 0.0
            )
            contract.amount_financed = sum(
                batches.filtered("financed").mapped("amount_advance")
            )
            contract.amount_reserve = sum(batches.mapped("amount_reserve"))
            approved = sum(contract.approval_ids.mapped("amount"))
            contract.amount_available = max(approved - contract.amount_assigned, 0.0)
            contract.amount_definanced_month = sum(
                Move.search(
                    [
                        ("ar_factor_contract_id", "=", contract.id),
                        ("ar_factor_state", "=", "definanced"),
                        ("ar_factor_definanced_date", ">=", month_start),
                    ]
                ).mapped("amount_total_signed")
            )
            contract.amount_fees_month = sum(
                batches.filtered(lambda b: b.date >= month_start).mapped("amount_fees")
            )

    def _approval_for(self, partner):
        self.ensure_one()
        return self.approval_ids.filtered(
            lambda a: a.partner_id == partner.commercial_partner_id
        )[:1]

    @api.model
    def _cron_definance(self, today=None):
        """Apply each active contract's definancing rules, on its company's
        today unless ``today`` is given."""
        for contract in self.search([("state", "=", "active")]):
            day = today or contract.company_id._ar_today()
            invoices = self.env["account.move"].search(
                [
                    ("ar_factor_contract_id", "=", contract.id),
                    ("ar_factor_state", "in", ("assigned", "financed")),
                    ("move_type", "=", "out_invoice"),
                ]
            )
            due = invoices.filtered(
                lambda m, c=contract, d=day: c._definance_reason(m, d)
            )
            for invoice in due:
                reason = contract._definance_reason(invoice, day)
                if contract.definance_mode == "auto":
                    invoice._ar_factor_definance(reason, date=day)
                else:
                    invoice._ar_factor_schedule_action(
                        _("Definancing proposed: %s", reason),
                        state="to_review",
                        date=day,
                    )

    def _definance_reason(self, invoice, today):
        self.ensure_one()
        if (
            self.definance_days
            and invoice.invoice_date_due
            and (
                invoice.invoice_date_due + relativedelta(days=self.definance_days)
                < today
            )
        ):
            return _("%s days overdue", (today - invoice.invoice_date_due).days)
        if self.definance_on_dispute and self.env["ar.collection.dispute"].search_count(
            [("state", "=", "open"), ("move_ids", "in", invoice.ids)]
        ):
            return _("dispute declared")
        if (
            self.definance_on_proceedings
            and invoice.commercial_partner_id.ar_in_proceedings
        ):
            return _("customer under collective proceedings")
        return False
