from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class ArRiskInsuranceClaim(models.Model):
    """A loss declared to the credit insurer on a buyer's unpaid invoices:
    the threat of loss (menace de sinistre) within the policy's delay after
    the first due date, the claim filed, the indemnity booked, then the
    recoveries shared with the insurer.

    Accounting (see readme/USAGE.md): the indemnity transfers the indemnified
    share of the receivable to the insurer (debit 467 insurer, credit 411
    customer, matched with the invoices), so the invoices' residual is the
    uninsured share, still dunned. A later recovery is shared in proportion
    of the loss indemnified (indemnity / amount declared): that share owed
    back to the insurer (credit 467), the rest settles the receivable.
    """

    _name = "ar.risk.insurance.claim"
    _description = "Credit Insurance Claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    policy_id = fields.Many2one(
        "ar.risk.insurance.policy",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="policy_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="policy_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Buyer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    move_ids = fields.Many2many(
        "account.move",
        "ar_risk_insurance_claim_move_rel",
        "claim_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('commercial_partner_id', '=', partner_id), "
        "('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("threat", "Threat of loss declared"),
            ("filed", "Claim filed"),
            ("indemnified", "Indemnified"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    date_deadline = fields.Date(
        string="Declare before",
        compute="_compute_date_deadline",
        store=True,
        help="The first due date of the invoices + the policy's delay.",
    )
    date_threat = fields.Date(string="Threat declared on", readonly=True, tracking=True)
    amount_claimed = fields.Monetary(
        string="Amount declared",
        readonly=True,
        tracking=True,
        help="The invoices' residual when the threat of loss was declared.",
    )
    date_filed = fields.Date(string="Claim filed on", readonly=True, tracking=True)
    amount_indemnity = fields.Monetary(
        string="Indemnity",
        tracking=True,
        help="What the insurer pays: by default quotité × min(declared, granted).",
    )
    date_indemnity = fields.Date(
        string="Indemnity booked on", readonly=True, tracking=True
    )
    indemnity_move_id = fields.Many2one("account.move", readonly=True, copy=False)
    recovery_move_ids = fields.Many2many(
        "account.move",
        "ar_risk_insurance_claim_recovery_rel",
        "claim_id",
        "move_id",
        string="Recoveries",
        readonly=True,
        copy=False,
    )
    amount_recovered = fields.Monetary(readonly=True, tracking=True)
    amount_owed_insurer = fields.Monetary(
        string="Owed back to the insurer",
        readonly=True,
        tracking=True,
        help="The insurer's share of the recoveries after the indemnity, in "
        "proportion of the declared loss it indemnified (indemnity / amount "
        "declared).",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "indemnity_positive",
            "CHECK(amount_indemnity IS NULL OR amount_indemnity >= 0)",
            "An indemnity cannot be negative.",
        ),
    ]

    @api.depends("move_ids.invoice_date_due", "policy_id.claim_declaration_days")
    def _compute_date_deadline(self):
        for claim in self:
            dues = claim.move_ids.mapped("invoice_date_due")
            claim.date_deadline = dues and min(dues) + timedelta(
                days=claim.policy_id.claim_declaration_days
            )

    @api.depends("partner_id", "policy_id")
    def _compute_display_name(self):
        for claim in self:
            claim.display_name = _(
                "Claim %(buyer)s — %(policy)s",
                buyer=claim.partner_id.display_name or "",
                policy=claim.policy_id.name or "",
            )

    def _ar_check_state(self, expected):
        states = dict(self._fields["state"]._description_selection(self.env))
        for claim in self:
            if claim.state != expected:
                raise UserError(
                    _(
                        "The claim %(claim)s is «%(state)s»: this step needs «%(expected)s».",
                        claim=claim.display_name,
                        state=states[claim.state],
                        expected=states[expected],
                    )
                )

    def action_declare_threat(self):
        """Declare the threat of loss, on time only: past the deadline the
        insurer may refuse its cover."""
        self._ar_check_state("draft")
        for claim in self:
            today = claim.company_id._ar_today()
            if not claim.move_ids:
                raise UserError(_("Choose the unpaid invoices to declare."))
            if today > claim.date_deadline:
                raise ValidationError(
                    _(
                        "Too late: the threat of loss had to be declared to the insurer "
                        "by %(deadline)s (first due date + %(days)s days).",
                        deadline=claim.date_deadline,
                        days=claim.policy_id.claim_declaration_days,
                    )
                )
            claim.write(
                {
                    "state": "threat",
                    "date_threat": today,
                    "amount_claimed": sum(
                        claim.move_ids.mapped("amount_residual_signed")
                    ),
                }
            )
            claim._ar_next_step(
                _("File the claim with the insurer"), today + timedelta(days=30)
            )

    def action_file(self):
        self._ar_check_state("threat")
        for claim in self:
            today = claim.company_id._ar_today()
            vals = {"state": "filed", "date_filed": today}
            if not claim.amount_indemnity:
                vals["amount_indemnity"] = claim._ar_expected_indemnity()
            claim.write(vals)
            claim._ar_next_step(
                _("Follow up the insurer's indemnity"), today + timedelta(days=30)
            )

    def _ar_expected_indemnity(self):
        """quotité × min(declared, granted on the day of the threat)."""
        self.ensure_one()
        decision = self.env["ar.risk.insurance.decision"].search(
            [
                ("policy_id", "=", self.policy_id.id),
                ("partner_id", "=", self.partner_id.id),
                ("decision_date", "<=", self.date_threat),
            ],
            order="decision_date desc, id desc",
            limit=1,
        )
        granted = decision.amount_granted if decision else 0.0
        return self.currency_id.round(
            min(self.amount_claimed, granted) * self.policy_id.quotite / 100.0
        )

    def action_book_indemnity(self):
        """Book the indemnity: the insurer owes it (467), the indemnified
        share of the receivable is settled (411, matched with the invoices)."""
        self._ar_check_state("filed")
        for claim in self:
            amount = claim.amount_indemnity
            open_amount = sum(claim.move_ids.mapped("amount_residual_signed"))
            if not 0 < amount <= open_amount + 0.005:
                raise ValidationError(
                    _(
                        "The indemnity must be above zero and at most the invoices' "
                        "open amount (%s).",
                        claim.policy_id.currency_id.format(open_amount),
                    )
                )
            today = claim.company_id._ar_today()
            receivables = claim._ar_open_receivable_lines()
            move = claim._ar_book(
                claim.policy_id._ar_journal(),
                today,
                _("Credit insurance indemnity %s", claim.display_name),
                [
                    (
                        claim.policy_id._ar_insurer_account(),
                        claim._ar_insurer(),
                        amount,
                    ),
                    (receivables[0].account_id, claim.partner_id, -amount),
                ],
            )
            claim.write(
                {
                    "state": "indemnified",
                    "date_indemnity": today,
                    "indemnity_move_id": move.id,
                }
            )
            claim._ar_next_step(
                _("Follow up the uninsured share"), today + timedelta(days=15)
            )

    def _ar_insurer_ratio(self):
        """The insurer's share of a recovery: the share of the declared loss
        it indemnified (indemnity / amount declared). It is the quotité only
        while the loss is within the granted amount: 90,000 paid on a loss
        of 120,000 (100,000 granted at 90 %) is 75 %."""
        self.ensure_one()
        if not self.amount_claimed:
            raise UserError(_("The claim has no declared amount to share from."))
        return min(self.amount_indemnity / self.amount_claimed, 1.0)

    def _ar_book_recovery(self, amount, journal, day):
        """A payment of the buyer after the indemnity: the insurer's share
        (indemnity / declared loss) is owed back to it, the rest settles
        the receivable."""
        self.ensure_one()
        self._ar_check_state("indemnified")
        currency = self.currency_id
        if amount <= 0:
            raise ValidationError(_("A recovery must be above zero."))
        if journal.company_id != self.company_id:
            raise ValidationError(
                _("Book the recovery in a journal of %s.", self.company_id.name)
            )
        insurer_share = currency.round(amount * self._ar_insurer_ratio())
        own_share = currency.round(amount - insurer_share)
        receivables = self._ar_open_receivable_lines()
        if own_share > sum(receivables.mapped("amount_residual")) + 0.005:
            raise ValidationError(
                _("The recovery is larger than what the buyer still owes.")
            )
        lines = [
            (journal.default_account_id, self.partner_id, amount),
            (self.policy_id._ar_insurer_account(), self._ar_insurer(), -insurer_share),
        ]
        if own_share:
            lines.append((receivables[0].account_id, self.partner_id, -own_share))
        move = self._ar_book(
            journal, day, _("Recovery after indemnity %s", self.display_name), lines
        )
        self.write(
            {
                "recovery_move_ids": [Command.link(move.id)],
                "amount_recovered": self.amount_recovered + amount,
                "amount_owed_insurer": self.amount_owed_insurer + insurer_share,
            }
        )
        return move

    def action_close(self):
        self.write({"state": "closed"})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def _ar_insurer(self):
        return self.policy_id.insurer_id or self.partner_id

    def _ar_open_receivable_lines(self):
        lines = self.move_ids.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        )
        if not lines:
            raise UserError(_("The claim's invoices have nothing left open."))
        return lines.sorted(lambda line: (line.date_maturity or line.date, line.id))

    def _ar_book(self, journal, day, ref, lines):
        """Post a balanced entry of ``lines`` [(account, partner, balance)],
        and match its receivable lines with the claim's invoices."""
        self.ensure_one()
        if not journal:
            raise UserError(_("No journal to book the entry in."))
        receivables = self._ar_open_receivable_lines()
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": self.company_id.id,
                    "date": day,
                    "ref": ref,
                    "line_ids": [
                        Command.create(
                            {
                                "name": ref,
                                "account_id": account.id,
                                "partner_id": partner.id,
                                "balance": balance,
                            }
                        )
                        for account, partner, balance in lines
                    ],
                }
            )
        )
        move.action_post()
        account = receivables[0].account_id
        own = move.line_ids.filtered(lambda line: line.account_id == account)
        if own:
            (own | receivables.filtered(lambda r: r.account_id == account)).reconcile()
        return move

    def _ar_next_step(self, summary, deadline):
        """The next step for the credit manager: a to-do on the claim."""
        self.ensure_one()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=deadline,
            summary=summary,
            user_id=(self.company_id.ar_credit_manager_id or self.env.user).id,
        )
