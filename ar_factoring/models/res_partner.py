from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _ar_exposure_by_partner(self, partner_ids, company):
        """Factored invoices stay open on the customer and count in its
        exposure while the company bears the risk: contracts with recourse,
        and the part above the approved amount without recourse. Within
        the approved amount of a contract without recourse the factor bears
        it: that part is left out."""
        exposure = super()._ar_exposure_by_partner(partner_ids, company)
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "posted"),
            ("ar_factor_state", "in", ("assigned", "financed")),
            ("ar_factor_contract_id.with_recourse", "=", False),
        ]
        if partner_ids is not None:
            domain.append(("commercial_partner_id", "in", list(partner_ids)))
        for contract, partner, residual in (
            self.env["account.move"]
            .sudo()
            ._read_group(
                domain,
                ["ar_factor_contract_id", "commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        ):
            if partner.id in exposure:
                approved = contract._approval_for(partner).amount
                exposure[partner.id] -= min(max(residual, 0.0), approved)
        return exposure
