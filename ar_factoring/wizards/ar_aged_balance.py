from odoo import fields, models
from odoo.tools import SQL


class ArAgedBalance(models.TransientModel):
    _inherit = "ar.aged.balance"

    factored = fields.Selection(
        [("factored", "Factored only"), ("not_factored", "Not factored")],
        string="Factoring",
    )

    def _get_where_sql(self):
        where = super()._get_where_sql()
        if not self.factored:
            return where
        factored = SQL("aml.move_id IN (SELECT id FROM account_move WHERE ar_factored)")
        if self.factored == "not_factored":
            factored = SQL("NOT (%s)", factored)
        return SQL("%s AND %s", where, factored)
