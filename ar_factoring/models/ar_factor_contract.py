from dateutil.relativedelta import relativedelta
from stdnum import iban as stdnum_iban

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

RATE_FIELDS = (
    "reserve_rate",
    "commission_rate",
    "financing_rate",
    "fee_tax_rate",
)
WORDING_FIELDS = ("clause", "payee_text")


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
    account_assigned_id = fields.Many2one(
        "account.account",
        string="Receivables assigned",
        check_company=True,
        tracking=True,
        help="e.g. 467900, per customer: the counterpart of the customers' 411 "
        "while the factor holds their invoices. The invoices stay open on 411 "
        "for the follow-up; the factor's statement of customer payments closes "
        "both.",
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
        "account.account",
        string="Financing cost",
        check_company=True,
        tracking=True,
        help="e.g. 661600: the interest on the advance, accrued per batch at the "
        "financing rate and adjusted by the factor's statement.",
    )
    account_fee_tax_id = fields.Many2one(
        "account.account",
        string="Deductible VAT on fees",
        check_company=True,
        tracking=True,
    )
    reserve_rate = fields.Float(
        string="Reserve rate (%)",
        default=10.0,
        tracking=True,
        help="Withheld in the guarantee fund; the factor advances the rest, less "
        "its fees and the financing cost.",
    )
    commission_rate = fields.Float(
        string="Commission rate (%)", default=0.5, tracking=True
    )
    financing_rate = fields.Float(
        string="Financing rate (% a year)",
        default=4.0,
        tracking=True,
        help="Interest on the advance from the batch date to the invoices' due "
        "dates (360-day year), accrued when the batch is booked.",
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
    factor_check_days = fields.Integer(
        string="Check with the factor after (days overdue)",
        default=15,
        tracking=True,
        help="When the factor dunns alone: the dunning run plans a call for the "
        "collector to check with the factor this many days after the due date.",
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
        default=lambda self: self._default_wording("clause"),
    )
    payee_text = fields.Text(
        string="Payee wording",
        translate=True,
        default=lambda self: self._default_wording("payee_text"),
        help="When the company dunns alongside the factor: the sentence its "
        "letters and emails say of the invoices the factor holds, followed by "
        "the factor's name and account.",
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
    statement_code_financing = fields.Char(
        string="Financing cost code",
        default="FIN",
        help="Lines of this type carry the batch number as reference: the "
        "financing cost charged for that batch.",
    )
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
    amount_to_pass_on = fields.Monetary(
        string="Paid to us, to pass on to the factor",
        compute="_compute_dashboard",
        help="What customers paid the company on invoices the factor holds: "
        "owed to the factor until passed on (Pass on to the factor).",
    )
    amount_excess = fields.Monetary(
        string="Above approved amounts",
        compute="_compute_dashboard",
        help="Outstanding with the factor above the approved buyers' limits: "
        "not guaranteed.",
    )

    _sql_constraints = [
        (
            "rates_range",
            (
                "CHECK(reserve_rate BETWEEN 0 AND 100 "
                "AND commission_rate BETWEEN 0 AND 100 AND financing_rate BETWEEN 0 AND 100 "
                "AND fee_tax_rate BETWEEN 0 AND 100)"
            ),
            "Factoring rates are percentages between 0 and 100.",
        ),
        (
            "definance_days_positive",
            "CHECK(definance_days >= 0 AND factor_check_days >= 0)",
            "The definancing and check delays cannot be negative.",
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

    @api.constrains("factor_bank_id")
    def _check_factor_bank_id(self):
        for contract in self.filtered("factor_bank_id"):
            number = contract.factor_bank_id.acc_number
            if not stdnum_iban.is_valid(number):
                raise ValidationError(
                    _(
                        "The factor's account %(number)s is not a valid IBAN "
                        "(%(count)s characters): customers could not pay the "
                        "factor. Check its length and its check digits.",
                        number=number,
                        count=len(stdnum_iban.compact(number)),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        for contract, vals in zip(contracts, vals_list, strict=True):
            contract._set_default_wordings(
                [
                    fname
                    for fname in WORDING_FIELDS
                    if vals.get(fname) in (None, False, self._default_wording(fname))
                ]
            )
        return contracts

    def _default_wording(self, fname):
        """The default text of a wording field, in the environment's language."""
        if fname == "payee_text":
            return self.env._(
                "These invoices were assigned to our factor, who receives their "
                "payment by subrogation: to discharge your debt, pay them to the "
                "factor only."
            )
        return self.env._(
            "To be valid, payment must be made directly to the factor, who receives it by "
            "subrogation and must be notified of any claim."
        )

    def _set_default_wordings(self, fnames):
        """Wordings left to their default get it in every installed language."""
        langs = {"en_US"} | {
            code for code, _name in self.env["res.lang"].get_installed()
        }
        for contract in self:
            for fname in fnames:
                contract.update_field_translations(
                    fname,
                    {
                        lang: contract.with_context(lang=lang)._default_wording(fname)
                        for lang in langs
                    },
                )

    def _check_ready(self):
        """Raise when the contract lacks what booking needs."""
        for contract in self:
            missing = [
                contract._fields[fname].string
                for fname in (
                    "journal_id",
                    "account_factor_id",
                    "account_assigned_id",
                    "account_reserve_id",
                    "account_fee_id",
                    "account_fee_tax_id",
                    *(("account_financing_id",) if contract.financing_rate else ()),
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

    def _ar_ensure_assigned_account(self):
        """Contracts set up before 18.0.1.2.0 lack the account of receivables
        assigned: use 467900 of their company, created when missing."""
        Account = self.env["account.account"]
        for contract in self.filtered(lambda c: not c.account_assigned_id):
            company = contract.company_id
            account = Account.search(
                [("code", "=", "467900"), ("company_ids", "in", company.ids)], limit=1
            ) or Account.with_company(company).create(
                {
                    "code": "467900",
                    "name": _("Receivables assigned to the factor"),
                    "account_type": "asset_current",
                    "reconcile": True,
                    "company_ids": [Command.set(company.ids)],
                }
            )
            contract.account_assigned_id = account

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
            outstanding = contract._outstanding_by_partner()
            batches = contract.batch_ids.filtered(lambda b: b.state == "confirmed")
            contract.amount_assigned = sum(outstanding.values())
            contract.amount_financed = sum(
                batches.filtered("financed").mapped("amount_advance")
            )
            contract.amount_reserve = sum(batches.mapped("amount_reserve"))
            approved = {a.partner_id: a.amount for a in contract.approval_ids}
            contract.amount_available = max(
                sum(approved.values()) - contract.amount_assigned, 0.0
            )
            contract.amount_excess = sum(
                max(amount - approved.get(partner, 0.0), 0.0)
                for partner, amount in outstanding.items()
            )
            # what the definancing entries took back, not the invoices' totals
            contract.amount_definanced_month = -sum(
                Move.search(
                    [
                        ("ar_factor_contract_id", "=", contract.id),
                        ("ar_factor_state", "=", "definanced"),
                        ("ar_factor_definanced_date", ">=", month_start),
                    ]
                )
                .ar_factor_definance_move_id.line_ids.filtered(
                    lambda aml, c=contract: aml.account_id == c.account_factor_id
                )
                .mapped("balance")
            )
            contract.amount_to_pass_on = sum(contract._to_pass_on_by_move().values())
            contract.amount_fees_month = sum(
                batches.filtered(lambda b: b.date >= month_start).mapped("amount_fees")
            )

    def _outstanding_by_partner(self):
        """What the factor holds per customer: the open residual of the
        invoices and credit notes assigned and not yet collected."""
        self.ensure_one()
        return {
            partner: residual
            for partner, residual in self.env["account.move"]._read_group(
                [
                    ("ar_factor_contract_id", "=", self.id),
                    ("ar_factor_state", "in", ("assigned", "financed")),
                    ("state", "=", "posted"),
                ],
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        }

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
