from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError


class ArCollectionCampaign(models.TransientModel):
    """Preventive campaign: call, before they fall due, the customers whose
    invoices are due in a chosen period."""

    _name = "ar.collection.campaign"
    _description = "Preventive Collection Campaign"

    date_from = fields.Date(string="Due from", required=True)
    date_to = fields.Date(string="Due until", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_min = fields.Monetary(string="Customer total from")
    collector_ids = fields.Many2many("res.users", string="Collectors")
    partner_ids = fields.Many2many("res.partner", string="Customers")
    date_planned = fields.Date(
        string="Call on", required=True, default=fields.Date.context_today
    )
    script = fields.Html(
        default=lambda self: _(
            "<ul><li>Confirm the invoices were received and are approved.</li>"
            "<li>Confirm the payment date and means.</li>"
            "<li>Offer a bill of exchange (LCR) or an early-payment discount.</li></ul>"
        )
    )

    def _invoices(self):
        Move = self.env["account.move"]
        domain = Move._ar_open_invoice_domain(self.company_id) + [
            ("invoice_date_due", ">=", self.date_from),
            ("invoice_date_due", "<=", self.date_to),
        ]
        if self.partner_ids:
            domain.append(("commercial_partner_id", "in", self.partner_ids.ids))
        return Move.search(domain)

    def action_create_calls(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The period ends before it starts."))
        by_partner = defaultdict(lambda: self.env["account.move"])
        for invoice in self._invoices():
            by_partner[invoice.commercial_partner_id] |= invoice
        vals_list = []
        for partner, invoices in by_partner.items():
            collector = partner.with_company(self.company_id)._ar_get_collector()
            if self.collector_ids and collector not in self.collector_ids:
                continue
            if sum(invoices.mapped("amount_residual_signed")) < self.amount_min:
                continue
            vals_list.append(
                {
                    "name": _("Preventive call before %s", self.date_to),
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set(invoices.ids)],
                    "action_type": "call",
                    "origin": "campaign",
                    "date_planned": self.date_planned,
                    "note": self.script,
                }
            )
        actions = self.env["ar.collection.action"]._ar_create_actions(vals_list)
        return {
            "type": "ir.actions.act_window",
            "name": _("Preventive calls"),
            "res_model": "ar.collection.action",
            "view_mode": "list,form",
            "domain": [("id", "in", actions.ids)],
        }
