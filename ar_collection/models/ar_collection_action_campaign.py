from odoo import _, fields, models


class ArCollectionAction(models.Model):
    """What a campaign call records: its campaign, whether the customer is
    closed in the period, and the follow-up (a bill asked, a discount offered)."""

    _inherit = "ar.collection.action"

    origin = fields.Selection(
        selection_add=[("discount", "Discount offer")],
        ondelete={"discount": "set default"},
    )
    campaign_id = fields.Many2one(
        "ar.collection.campaign.run",
        index="btree_not_null",
        readonly=True,
        check_company=True,
    )
    ar_closed_in_period = fields.Boolean(
        string="Closed in the period",
        help="The customer is closed in the campaign's target period: ask for a "
        "bill of exchange or a promissory note that pays itself at maturity.",
    )
    ar_bill_requested = fields.Boolean(string="Bill of exchange requested")
    discount_offer_ids = fields.One2many(
        "ar.collection.discount.offer", "action_id", string="Discount offers"
    )

    def action_offer_discount(self):
        """The discount offer's form, on this call's customer and invoices."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Early-payment discount offer"),
            "res_model": "ar.collection.discount.offer",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_action_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_move_ids": self.move_ids.ids,
            },
        }
