from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    ar_collection_action_ids = fields.Many2many(
        "ar.collection.action",
        "ar_collection_action_move_rel",
        "move_id",
        "action_id",
        string="Collection actions",
        copy=False,
    )

    def _ar_dunning_skip_domains(self):
        """Hook: domains on account.move of invoices the dunning run must skip.

        ar_collection adds disputes, promises and payment plans; ar_factoring
        the invoices the factor dunns itself.
        """
        parent = getattr(super(), "_ar_dunning_skip_domains", None)
        return parent() if parent else []
