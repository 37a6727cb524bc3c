from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    ar_factor_batch_line_id = fields.Many2one(
        "ar.factor.batch.line",
        string="Assigned by",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The batch document whose assignment to the factor this journal item "
        "books.",
    )
