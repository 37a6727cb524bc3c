from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _get_invoice_next_payment_values(self, custom_amount=None):
        """A payment of several invoices at once (the statement page's online
        payment) takes no early-payment discount: Odoo's transaction asks
        this of all its invoices together, which it answers for one only."""
        if len(self) > 1:
            return {"installment_state": None}
        return super()._get_invoice_next_payment_values(custom_amount=custom_amount)
