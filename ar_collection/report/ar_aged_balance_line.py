from odoo import api, fields, models, tools
from odoo.tools import SQL


class ArAgedBalanceLine(models.Model):
    """Open receivable lines of today by age, for pivot and list analysis
    (the as-of-date report is the Aged Balance dialog). A SQL view is one
    for every company: it ages with the default buckets."""

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
    bucket = fields.Selection(selection="_selection_bucket", readonly=True)
    amount_residual = fields.Monetary(string="Open amount", readonly=True)

    @api.model
    def _selection_bucket(self):
        buckets = self.env["ar.aging.bucket"]._default_buckets()
        return [
            (str(index), label) for index, (label, _low, _high) in enumerate(buckets)
        ]

    def init(self):
        days = SQL("CURRENT_DATE - COALESCE(aml.date_maturity, aml.date)")
        buckets = self.env["ar.aging.bucket"]._default_buckets()
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT aml.id, p.commercial_partner_id AS partner_id, aml.move_id,
                       aml.company_id, aml.company_currency_id AS currency_id,
                       cp.user_id, COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       %(days)s AS days_overdue,
                       (%(bucket)s)::varchar AS bucket,
                       aml.amount_residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE %(receivable)s
                   AND aml.amount_residual <> 0
            )
            """,
                view=SQL.identifier(self._table),
                days=days,
                bucket=self.env["ar.aging.bucket"]._case_sql(buckets, days),
                receivable=self.env["account.move.line"]._ar_receivable_sql(None),
            )
        )
