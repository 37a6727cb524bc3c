from odoo import fields, models


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    origin = fields.Selection(
        selection_add=[("insurance", "Credit insurance")],
        ondelete={"insurance": "set default"},
    )
