from odoo import api, models


class ArRiskProceeding(models.Model):
    """A customer entering collective proceedings warns its salesperson (not
    a confidential preventive procedure)."""

    _inherit = "ar.risk.proceeding"

    @api.model_create_multi
    def create(self, vals_list):
        proceedings = super().create(vals_list)
        proceedings.filtered(
            lambda p: p.state == "open" and not p.preventive
        ).partner_id._ar_escalate("proceedings")
        return proceedings
