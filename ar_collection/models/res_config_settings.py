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
    ar_claim_extra_costs = fields.Boolean(
        related="company_id.ar_claim_extra_costs", readonly=False
    )
    ar_notice_days = fields.Integer(related="company_id.ar_notice_days", readonly=False)
    ar_portal_link_days = fields.Integer(
        related="company_id.ar_portal_link_days", readonly=False
    )
    ar_interest_account_id = fields.Many2one(
        related="company_id.ar_interest_account_id", readonly=False
    )
    ar_indemnity_account_id = fields.Many2one(
        related="company_id.ar_indemnity_account_id", readonly=False
    )
    ar_share_capital = fields.Monetary(
        related="company_id.ar_share_capital", readonly=False
    )
    ar_invoice_mentions = fields.Text(
        related="company_id.ar_invoice_mentions", readonly=False
    )
    ar_campaign_scheduled = fields.Boolean(
        related="company_id.ar_campaign_scheduled", readonly=False
    )
    ar_campaign_month = fields.Integer(
        related="company_id.ar_campaign_month", readonly=False
    )
    ar_campaign_day = fields.Integer(
        related="company_id.ar_campaign_day", readonly=False
    )
    ar_campaign_target_month = fields.Integer(
        related="company_id.ar_campaign_target_month", readonly=False
    )
    ar_campaign_target_months = fields.Integer(
        related="company_id.ar_campaign_target_months", readonly=False
    )
    ar_discount_account_id = fields.Many2one(
        related="company_id.ar_discount_account_id", readonly=False
    )
