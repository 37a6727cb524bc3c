from odoo import fields, models, tools
from odoo.tools import SQL


class ArAgedBalanceLine(models.Model):
    """Open receivable lines of today by age, for pivot and list analysis
    (the as-of-date report is the Aged Balance wizard)."""

    _name = "ar.aged.balance.line"
    _description = "Aged Balance Analysis"
    _auto = False
    _order = "days_overdue desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    date_maturity = fields.Date(string="Due date", readonly=True)
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(
        [
            ("0", "Not due"),
            ("1", "1-30"),
            ("2", "31-60"),
            ("3", "61-90"),
            ("4", "91-120"),
            ("5", "> 120"),
        ],
        readonly=True,
    )
    amount_residual = fields.Monetary(string="Open amount", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %s AS (
                SELECT aml.id, p.commercial_partner_id AS partner_id, aml.move_id,
                       aml.company_id, aml.company_currency_id AS currency_id,
                       cp.user_id, COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) AS days_overdue,
                       CASE
                           WHEN CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) <= 0 THEN '0'
                           WHEN CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) <= 30 THEN '1'
                           WHEN CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) <= 60 THEN '2'
                           WHEN CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) <= 90 THEN '3'
                           WHEN CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) <= 120 THEN '4'
                           ELSE '5'
                       END AS bucket,
                       aml.amount_residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE acc.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND aml.amount_residual <> 0
            )
            """,
                SQL.identifier(self._table),
            )
        )
