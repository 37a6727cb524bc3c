from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .input_checks import check_dates_ordered


class ArRiskInsurancePolicy(models.Model):
    """A credit insurance policy: the insurer, its quotité (the share of a
    loss it pays), the delay to declare a threat of loss, and the column
    layout of the insurer's decision files.

    The insurer's decisions per buyer (agréments) hang on it. Its cover never
    adds to a customer's credit limit: it says how much of the exposure the
    insurer would pay.
    """

    _name = "ar.risk.insurance.policy"
    _description = "Credit Insurance Policy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Policy number", required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    insurer_id = fields.Many2one(
        "res.partner",
        tracking=True,
        domain="[('parent_id', '=', False)]",
        help="e.g. Allianz Trade, Coface, Atradius.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    quotite = fields.Float(
        string="Quotité (%)",
        required=True,
        default=90.0,
        tracking=True,
        help="The share of an insured loss the insurer pays, e.g. 90 %.",
    )
    claim_declaration_days = fields.Integer(
        string="Declare a threat of loss within (days)",
        required=True,
        default=60,
        tracking=True,
        help="Days after an invoice's due date within which an unpaid invoice "
        "must be declared to the insurer (menace de sinistre).",
    )
    date_start = fields.Date(
        string="Valid from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Valid until", tracking=True)
    journal_id = fields.Many2one(
        "account.journal",
        string="Indemnity journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="Journal of the indemnity entries; empty: the first miscellaneous "
        "journal of the company.",
    )
    insurer_account_id = fields.Many2one(
        "account.account",
        string="Insurer account",
        check_company=True,
        tracking=True,
        help="The account of what the insurer owes (indemnities) and is owed "
        "(its share of recoveries); empty: 467000.",
    )
    decision_ids = fields.One2many(
        "ar.risk.insurance.decision", "policy_id", string="Decisions"
    )
    decision_count = fields.Integer(compute="_compute_decision_count")
    # the insurer's CSV layout: a column name per field
    csv_delimiter = fields.Selection(
        [(";", "Semicolon"), (",", "Comma"), ("\t", "Tab")],
        string="Column separator",
        default=";",
        required=True,
    )
    csv_decimal = fields.Selection(
        [(",", "Comma (1 234,56)"), (".", "Point (1,234.56)")],
        string="Decimal separator",
        default=",",
        required=True,
    )
    csv_date_format = fields.Char(
        string="Date format",
        default="%d/%m/%Y",
        required=True,
        help="As Python writes it: %d/%m/%Y for 31/12/2026, %Y-%m-%d for 2026-12-31.",
    )
    csv_col_siren = fields.Char(string="SIREN column", default="SIREN")
    csv_col_vat = fields.Char(string="VAT number column")
    csv_col_requested = fields.Char(string="Requested amount column")
    csv_col_granted = fields.Char(
        string="Granted amount column", default="Montant agréé"
    )
    csv_col_decision_date = fields.Char(
        string="Decision date column", default="Date de décision"
    )
    csv_col_date_end = fields.Char(string="Expiry column")

    _sql_constraints = [
        (
            "quotite_range",
            "CHECK(quotite > 0 AND quotite <= 100)",
            "The quotité is a percentage above 0 and at most 100.",
        ),
        (
            "claim_days_positive",
            "CHECK(claim_declaration_days >= 0)",
            "The threat-of-loss declaration delay cannot be negative.",
        ),
        (
            "dates_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "A policy cannot end before it starts.",
        ),
    ]

    def _compute_decision_count(self):
        counts = dict(
            self.env["ar.risk.insurance.decision"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.decision_count = counts.get(policy, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # before the INSERT, which the database's constraints would refuse
        self._ar_check_input(vals_list)
        check_dates_ordered(
            self,
            vals_list,
            "date_start",
            "date_end",
            _("A policy cannot end before it starts."),
        )
        return super().create(vals_list)

    def write(self, vals):
        self._ar_check_input([vals])
        return super().write(vals)

    def _ar_check_input(self, vals_list):
        for vals in vals_list:
            quotite = vals.get("quotite")
            if "quotite" in vals and (
                not isinstance(quotite, int | float) or not 0 < quotite <= 100
            ):
                raise ValidationError(
                    _("The quotité is a percentage above 0 and at most 100.")
                )
            if (vals.get("claim_declaration_days") or 0) < 0:
                raise ValidationError(
                    _("The threat-of-loss declaration delay cannot be negative.")
                )

    def _covers(self, day):
        self.ensure_one()
        return (
            self.active
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    def _ar_journal(self):
        self.ensure_one()
        return self.journal_id or self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "general"),
            ],
            limit=1,
        )

    def _ar_insurer_account(self):
        self.ensure_one()
        account = self.insurer_account_id or self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.company_id),
                ("code", "=like", "467%"),
            ],
            order="code",
            limit=1,
        )
        if not account:
            raise ValidationError(
                _("Set the insurer account of the policy %s (467000).", self.name)
            )
        return account

    @api.model
    def _cron_claim_alerts(self):
        """An activity on each unpaid invoice of an insured buyer a week
        before the deadline to declare it to the insurer (due date + the
        policy's delay), once per invoice.

        Insured buyers: those a policy in force today has granted an amount
        on, even if since reduced or withdrawn (the invoices issued before
        stay covered and must be declared). Strictest delay first, so an
        invoice of a buyer on two policies gets the earliest deadline."""
        Move = self.env["account.move"]
        Decision = self.env["ar.risk.insurance.decision"]
        policies = self.search([]).sorted(lambda p: (p.claim_declaration_days, p.id))
        for policy in policies:
            today = policy.company_id._ar_today()
            if not policy._covers(today):
                continue
            buyers = Decision.search(
                [("policy_id", "=", policy.id), ("amount_granted", ">", 0)]
            ).partner_id
            if not buyers:
                continue
            days = policy.claim_declaration_days
            invoices = Move.search(
                [
                    *Move._ar_open_invoice_domain(policy.company_id),
                    ("commercial_partner_id", "in", buyers.ids),
                    (
                        "invoice_date_due",
                        "<=",
                        today - timedelta(days=max(days - 7, 0)),
                    ),
                    ("ar_insurance_alert_date", "=", False),
                ]
            )
            user = policy.company_id.ar_credit_manager_id or self.env.user
            for invoice in invoices:
                deadline = invoice.invoice_date_due + timedelta(days=days)
                invoice.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=max(deadline, today),
                    summary=_("Declare to the credit insurer before %s", deadline),
                    note=_(
                        "Unpaid invoice of an insured customer (policy %(policy)s): "
                        "declare the threat of loss (menace de sinistre) to %(insurer)s.",
                        policy=policy.name,
                        insurer=policy.insurer_id.display_name or _("the insurer"),
                    ),
                    user_id=user.id,
                )
            invoices.write({"ar_insurance_alert_date": today})

    def action_view_decisions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "ar_risk.ar_risk_insurance_decision_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {"default_policy_id": self.id}
        return action

    def action_import(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import the insurer's decisions"),
            "res_model": "ar.risk.insurance.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_policy_id": self.id},
        }

    @api.model
    def _ar_migrate_guarantees(self):
        """Upgrade to 18.0.1.2.0: each former ``credit_insurance`` guarantee
        becomes a decision of the policy named by its reference (one policy
        per company, insurer and reference), oldest first, so the latest
        stays current. The guarantees stay, with a note; they no longer add
        to the credit limit."""
        Guarantee = self.env["ar.risk.guarantee"].with_context(active_test=False)
        Decision = self.env["ar.risk.insurance.decision"]
        guarantees = Guarantee.search(
            [("guarantee_type", "=", "credit_insurance")],
            order="date_start, id",
        )
        policies = {}
        for guarantee in guarantees:
            key = (
                guarantee.company_id,
                guarantee.guarantor_id,
                guarantee.policy_ref or guarantee.name,
            )
            if key not in policies:
                policies[key] = self.create(
                    {
                        "name": key[2],
                        "insurer_id": guarantee.guarantor_id.id,
                        "company_id": guarantee.company_id.id,
                        "claim_declaration_days": guarantee.claim_declaration_days,
                        "date_start": guarantee.date_start,
                    }
                )
                policies[key].message_post(
                    body=self.env._(
                        "Created from the former credit insurance guarantees: "
                        "check the quotité (90 %% by default)."
                    )
                )
            granted = guarantee.amount if guarantee.state == "active" else 0.0
            decision = Decision.create(
                {
                    "policy_id": policies[key].id,
                    "partner_id": guarantee.partner_id.id,
                    "source": "migration",
                    "amount_requested": guarantee.amount_requested or 0.0,
                    "amount_granted": granted,
                    "decision_date": guarantee.decision_date or guarantee.date_start,
                    "date_end": guarantee.date_end,
                    "note": guarantee.note,
                }
            )
            guarantee.message_post(
                body=self.env._(
                    "Moved to the credit insurance policy %(policy)s (decision "
                    "%(decision)s).",
                    policy=policies[key].name,
                    decision=decision.display_name,
                )
            )
