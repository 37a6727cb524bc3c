from odoo import fields, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    ar_portal_payment = fields.Boolean(
        string="Paid from the statement page",
        readonly=True,
        help="Made by the customer from its statement page: the agenda shows it.",
    )

    def _post_process(self):
        """Once paid and reconciled, the payment is in the collection agenda."""
        res = super()._post_process()
        self.env["ar.collection.portal"]._ar_paid_online(
            self.filtered(lambda tx: tx.ar_portal_payment and tx.state == "done")
        )
        return res
