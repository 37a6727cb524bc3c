from odoo import models


class ArCollectionPromise(models.Model):
    _inherit = "ar.collection.promise"

    def action_ar_record_bill(self):
        """The promise is kept by a bill: record it."""
        self.ensure_one()
        return self.env["ar.collection.bill.record"]._ar_open(
            self.partner_id, self.move_ids, self.company_id, promise=self
        )
