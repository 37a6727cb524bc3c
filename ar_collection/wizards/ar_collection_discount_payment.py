from odoo import api, fields, models


class ArCollectionDiscountPayment(models.TransientModel):
    """The payment of a discount offer: the discount's credit notes, then
    the payment of what is left."""

    _name = "ar.collection.discount.payment"
    _description = "Payment with an Early-Payment Discount"

    offer_id = fields.Many2one("ar.collection.discount.offer", required=True)
    company_id = fields.Many2one(related="offer_id.company_id")
    currency_id = fields.Many2one(related="offer_id.currency_id")
    payment_date = fields.Date(
        string="Received on", required=True, default=fields.Date.context_today
    )
    journal_id = fields.Many2one(
        "account.journal",
        required=True,
        domain="[('company_id', '=', company_id), ('type', 'in', ('bank', 'cash'))]",
        default=lambda self: self.env["account.journal"].search(
            [("company_id", "=", self.env.company.id), ("type", "=", "bank")], limit=1
        ),
    )
    amount_discount = fields.Monetary(related="offer_id.amount_discount")
    amount = fields.Monetary(string="Amount to receive", compute="_compute_amount")

    @api.depends("offer_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.offer_id.amount_due - wizard.amount_discount

    def action_confirm(self):
        self.ensure_one()
        payment = self.offer_id._ar_take(self.payment_date, self.journal_id)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment",
            "res_id": payment[:1].id,
            "view_mode": "form",
        }
