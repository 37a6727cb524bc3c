from odoo import Command, models


class ArRiskInsuranceClaim(models.Model):
    """Each step of a claim plans the next one in the collection agenda."""

    _inherit = "ar.risk.insurance.claim"

    def _ar_next_step(self, summary, deadline):
        res = super()._ar_next_step(summary, deadline)
        self.env["ar.collection.action"].sudo()._ar_create_actions(
            [
                {
                    "name": summary,
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [Command.set(self.move_ids.ids)],
                    "action_type": "internal_request",
                    "origin": "insurance",
                    "date_planned": deadline,
                    "user_id": self.company_id.ar_credit_manager_id.id,
                }
            ]
        )
        return res
