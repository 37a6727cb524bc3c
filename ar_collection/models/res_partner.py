from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    ar_collector_id = fields.Many2one(
        "res.users",
        string="Collector",
        company_dependent=True,
        tracking=True,
        help="Who follows this customer's receivables. Empty: the salesperson.",
    )
    ar_collection_action_ids = fields.One2many(
        "ar.collection.action", "partner_id", string="Collection actions"
    )

    def _ar_get_collector(self):
        """The user who acts for this customer: collector, else salesperson."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.ar_collector_id or partner.user_id

    def _ar_dunning_blocked_domains(self):
        """Hook: domains on res.partner of customers that must not be dunned.

        Each addon appends its own (ar_risk: collective proceedings) and keeps
        what the others returned, whatever the order in which they load.
        """
        parent = getattr(super(), "_ar_dunning_blocked_domains", None)
        return parent() if parent else []
