from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ar_credit_policy = fields.Selection(
        related="company_id.ar_credit_policy", readonly=False
    )
    ar_credit_manager_id = fields.Many2one(
        related="company_id.ar_credit_manager_id", readonly=False
    )
    ar_guarantee_alert_days = fields.Integer(
        related="company_id.ar_guarantee_alert_days", readonly=False
    )
    ar_claim_deadline_months = fields.Integer(
        related="company_id.ar_claim_deadline_months", readonly=False
    )
    ar_watch_overdue_days = fields.Integer(
        related="company_id.ar_watch_overdue_days", readonly=False
    )
    ar_tz = fields.Selection(related="company_id.ar_tz", readonly=False)
