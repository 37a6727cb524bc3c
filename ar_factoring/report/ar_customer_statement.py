from odoo import api, models


class ReportArCustomerStatement(models.AbstractModel):
    _inherit = "report.ar_collection.report_customer_statement"

    @api.model
    def _statement(self, partner, date_at, company=None, with_branches=False):
        """Factored invoices are marked (``factor`` on their lines) and the
        statement says whom to pay them to (``factor_payees``, as on the
        reminder letter)."""
        statement = super()._statement(partner, date_at, company, with_branches)
        ids = [line["move_id"] for line in statement["lines"]]
        moves = self.env["account.move"].browse(dict.fromkeys(ids))
        held = moves.filtered(lambda m: m.ar_factor_state in ("assigned", "financed"))
        factors = {m.id: m.ar_factor_contract_id.factor_id.name for m in held}
        for line in statement["lines"]:
            line["factor"] = factors.get(line["move_id"], "")
        statement["factor_payees"] = self.env["ar.collection.action"]._ar_factor_payees(
            moves
        )
        return statement
