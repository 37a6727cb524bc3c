from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# PCG accounts of bills receivable (l10n_fr_account's template ids)
BILL_ACCOUNTS = {
    "receivable": ("ar_bill_receivable_account_id", "pcg_413"),
    "collection": ("ar_bill_collection_account_id", "pcg_5113"),
    "discount": ("ar_bill_discount_account_id", "pcg_5114"),
    "fees": ("ar_bill_fees_account_id", "pcg_6275"),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    ar_bill_journal_id = fields.Many2one(
        "account.journal",
        string="Journal of accepted bills",
        check_company=True,
        domain="[('type', '=', 'general')]",
        help="Journal of the acceptance entries. Empty: the first miscellaneous "
        "journal.",
    )
    ar_bill_receivable_account_id = fields.Many2one(
        "account.account",
        string="Bills receivable",
        check_company=True,
        help="Empty: 413000 Clients - Effets à recevoir (PCG 413).",
    )
    ar_bill_collection_account_id = fields.Many2one(
        "account.account",
        string="Bills for collection",
        check_company=True,
        help="Empty: 511300 Effets à l'encaissement (PCG 5113).",
    )
    ar_bill_discount_account_id = fields.Many2one(
        "account.account",
        string="Bills for discount",
        check_company=True,
        help="Empty: 511400 Effets à l'escompte (PCG 5114).",
    )
    ar_bill_fees_account_id = fields.Many2one(
        "account.account",
        string="Fees on unpaid bills",
        check_company=True,
        help="Empty: 627500 Frais sur effets (PCG 6275).",
    )

    ar_bill_value_days = fields.Integer(
        string="Value delay of bills (days)",
        default=2,
        help="Days after the maturity at which the bank credits a bill it "
        "collects (its value date, in the bank's fee schedule). Once past, a "
        "bill at the bank that did not come back unpaid is marked paid by "
        "the daily step.",
    )
    ar_lcr_issuer_number = fields.Char(
        string="LCR issuer number",
        size=6,
        help="Number your bank assigned to your LCR files, if it gave one "
        "(positions 13-18 of the header; zeros otherwise).",
    )

    _sql_constraints = [
        (
            "ar_bill_value_days_positive",
            "CHECK (ar_bill_value_days >= 0)",
            "The value delay of bills cannot be negative.",
        ),
    ]

    @api.constrains("ar_lcr_issuer_number")
    def _check_ar_lcr_issuer_number(self):
        for company in self:
            number = company.ar_lcr_issuer_number
            if number and not (number.isdigit() and len(number) == 6):
                raise ValidationError(
                    _("The LCR issuer number is six digits given by the bank.")
                )

    def _ar_bill_account(self, role):
        """The account of ``role`` (receivable, collection, discount, fees):
        the company's setting, else the French chart's."""
        self.ensure_one()
        field_name, xmlid = BILL_ACCOUNTS[role]
        account = self[field_name] or self.env["account.chart.template"].with_company(
            self
        ).ref(xmlid, raise_if_not_found=False)
        if not account:
            raise UserError(
                _(
                    "Set the accounts of bills of exchange in Accounting > "
                    "Settings > Collection."
                )
            )
        return account

    def _ar_bill_journal(self):
        self.ensure_one()
        journal = self.ar_bill_journal_id or self.env["account.journal"].search(
            [("company_id", "=", self.id), ("type", "=", "general")], limit=1
        )
        if not journal:
            raise UserError(_("Create a miscellaneous journal for accepted bills."))
        return journal
