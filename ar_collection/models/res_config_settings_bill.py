from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    ar_bill_journal_id = fields.Many2one(
        related="company_id.ar_bill_journal_id", readonly=False
    )
    ar_bill_receivable_account_id = fields.Many2one(
        related="company_id.ar_bill_receivable_account_id", readonly=False
    )
    ar_bill_collection_account_id = fields.Many2one(
        related="company_id.ar_bill_collection_account_id", readonly=False
    )
    ar_bill_discount_account_id = fields.Many2one(
        related="company_id.ar_bill_discount_account_id", readonly=False
    )
    ar_bill_fees_account_id = fields.Many2one(
        related="company_id.ar_bill_fees_account_id", readonly=False
    )
    ar_bill_value_days = fields.Integer(
        related="company_id.ar_bill_value_days", readonly=False
    )
    ar_lcr_issuer_number = fields.Char(
        related="company_id.ar_lcr_issuer_number", readonly=False
    )
