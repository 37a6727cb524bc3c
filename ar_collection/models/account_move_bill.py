from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _ar_dunning_skip_domains(self):
        """Also skip the invoices settled by a bill accepted or at the bank:
        secured, they are due at the bill's maturity."""
        domains = super()._ar_dunning_skip_domains()
        secured = self.env["ar.collection.bill"]._ar_paused_moves()
        if secured:
            domains.append([("id", "in", secured.ids)])
        return domains

    def action_ar_record_bill(self):
        """Open the dialog that records a bill on this invoice."""
        self.ensure_one()
        return self.env["ar.collection.bill.record"]._ar_open(
            self.commercial_partner_id, self, self.company_id
        )
