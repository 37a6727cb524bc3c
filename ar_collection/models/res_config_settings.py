from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ar_apply_late_charges = fields.Boolean(
        related="company_id.ar_apply_late_charges", readonly=False
    )
    ar_late_interest_rate = fields.Float(
        related="company_id.ar_late_interest_rate", readonly=False
    )
    ar_recovery_indemnity = fields.Monetary(
        related="company_id.ar_recovery_indemnity", readonly=False
    )
