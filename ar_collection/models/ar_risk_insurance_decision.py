from odoo import models


class ArRiskInsuranceDecision(models.Model):
    """A reduction or withdrawal of cover is also an urgent action of the
    collection agenda, for the company's credit manager."""

    _inherit = "ar.risk.insurance.decision"

    def _ar_cover_reduced(self):
        first_time = not self.alert_date
        res = super()._ar_cover_reduced()
        if first_time:
            company = self.company_id
            self.env["ar.collection.action"].sudo()._ar_create_actions(
                [
                    {
                        "name": self._ar_alert_summary(),
                        "partner_id": self.partner_id.id,
                        "company_id": company.id,
                        "action_type": "internal_request",
                        "origin": "insurance",
                        "priority": "1",
                        "date_planned": company._ar_today(),
                        "user_id": company.ar_credit_manager_id.id,
                        "note": self._ar_alert_note(),
                    }
                ]
            )
        return res
