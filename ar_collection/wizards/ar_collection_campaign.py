from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date


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
        default=lambda self: self.env["ar.collection.campaign.run"]._ar_default_script()
    )

    def action_create_calls(self):
        """Launch a campaign by hand: the same path as the scheduled one."""
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The period ends before it starts."))
        run = self.env["ar.collection.campaign.run"].create(
            {
                "name": _("Campaign of %s", format_date(self.env, self.date_planned)),
                "company_id": self.company_id.id,
                "date_planned": self.date_planned,
                "date_from": self.date_from,
                "date_to": self.date_to,
            }
        )
        run._ar_launch(
            partners=self.partner_ids,
            collectors=self.collector_ids,
            amount_min=self.amount_min,
            script=self.script,
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Preventive campaign"),
            "res_model": "ar.collection.campaign.run",
            "res_id": run.id,
            "view_mode": "form",
        }
