from odoo import fields, models


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    origin = fields.Selection(
        selection_add=[("bill", "Unpaid bill")], ondelete={"bill": "set default"}
    )

    def action_ar_record_bill(self):
        """The customer called accepts a bill: record it."""
        self.ensure_one()
        return self.env["ar.collection.bill.record"]._ar_open(
            self.partner_id, self.move_ids, self.company_id, action=self
        )
