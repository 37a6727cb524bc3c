from odoo import fields, models

from ..models.input_checks import check_amounts


class ArCollectionBillUnpaid(models.TransientModel):
    """The bank returns a bill unpaid, with its fees."""

    _name = "ar.collection.bill.unpaid"
    _description = "Unpaid Bill"

    bill_id = fields.Many2one("ar.collection.bill", required=True)
    currency_id = fields.Many2one(related="bill_id.currency_id")
    fees = fields.Monetary(
        string="Bank fees", help="Charged by the bank for the unpaid bill (6275)."
    )

    def action_confirm(self):
        self.ensure_one()
        check_amounts(self, [{"fees": self.fees}], ("fees",), allow_zero=True)
        self.bill_id._ar_mark_unpaid(self.fees)
        return {"type": "ir.actions.act_window_close"}
