from odoo import api, models


class ArRiskProceeding(models.Model):
    """A customer entering collective proceedings warns its salesperson."""

    _inherit = "ar.risk.proceeding"

    @api.model_create_multi
    def create(self, vals_list):
        proceedings = super().create(vals_list)
        proceedings.filtered(lambda p: p.state == "open").partner_id._ar_escalate(
            "proceedings"
        )
        return proceedings
