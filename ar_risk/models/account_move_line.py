from odoo import api, models
from odoo.tools import SQL


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.model
    def _ar_receivable_domain(self, company):
        """The customer receivable of ``company``: its posted journal items on
        receivable accounts. The one definition the suite's domains use."""
        return [
            ("company_id", "=", company.id),
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
        ]

    @api.model
    def _ar_receivable_sql(self, company, aml="aml", account="acc"):
        """The same definition as an SQL condition, for the set-based queries
        of exposure, grading, dunning, ageing and indicators. ``aml`` is the
        alias of account_move_line, ``account`` the alias of its joined
        account_account (``JOIN account_account acc ON acc.id = aml.account_id``).
        ``company`` None: every company's (a SQL view, under record rules)."""
        condition = SQL(
            "%(aml)s.parent_state = 'posted' AND %(acc)s.account_type = 'asset_receivable'",
            aml=SQL.identifier(aml),
            acc=SQL.identifier(account),
        )
        if company is None:
            return condition
        return SQL(
            "%s.company_id = %s AND %s", SQL.identifier(aml), company.id, condition
        )
