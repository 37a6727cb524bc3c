from odoo import _, api, fields, models


class ResPartner(models.Model):
    """What the credit insurer covers of the customer's exposure.

    The cover never adds to the credit limit: it is what the insurer would
    pay of a loss, granted amount × quotité.
    """

    _inherit = "res.partner"

    ar_insured_amount = fields.Monetary(
        string="Insured amount",
        compute="_compute_ar_insurance",
        currency_field="ar_company_currency_id",
        help="The amounts the credit insurers grant today on this customer.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_insurance_cover = fields.Monetary(
        string="Insurance cover",
        compute="_compute_ar_insurance",
        currency_field="ar_company_currency_id",
        help="What the insurers would pay of a loss: granted amount × quotité.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_uncovered_exposure = fields.Monetary(
        string="Uncovered exposure",
        compute="_compute_ar_insurance",
        currency_field="ar_company_currency_id",
        help="Exposure − quotité × min(exposure, insured amount): the loss the "
        "company would bear alone.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_over_insured = fields.Boolean(
        string="Exposure above the insured amount",
        compute="_compute_ar_insurance",
        search="_search_ar_over_insured",
        help="An insured customer whose exposure is above what its insurers grant.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_insurance_decision_ids = fields.One2many(
        "ar.risk.insurance.decision",
        "partner_id",
        string="Credit insurer decisions",
        groups="ar_risk.ar_risk_group_user",
    )

    @api.depends_context("company")
    def _compute_ar_insurance(self):
        company = self.env.company
        ids = [pid for pid in self.commercial_partner_id.ids if pid]
        insured = self.env["ar.risk.insurance.decision"]._ar_insured_by_partner(
            ids, company
        )
        for partner in self:
            commercial = partner.commercial_partner_id.id
            granted, cover = insured.get(commercial, (0.0, 0.0))
            exposure = partner.ar_exposure
            partner.ar_insured_amount = granted
            partner.ar_insurance_cover = cover
            partner.ar_uncovered_exposure = self._ar_uncovered(exposure, granted, cover)
            partner.ar_over_insured = commercial in insured and exposure > granted

    @api.model
    def _ar_uncovered(self, exposure, granted, cover):
        """Exposure − quotité × min(exposure, granted), the quotité being
        cover / granted (the insurers' blended share)."""
        if granted <= 0 or exposure <= 0:
            return exposure
        return exposure - cover / granted * min(exposure, granted)

    def _search_ar_over_insured(self, operator, value):
        def over_insured():
            buyers = (
                self.env["ar.risk.insurance.decision"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", self.env.company.id),
                        ("state", "=", "current"),
                    ]
                )
                .partner_id
            )
            return buyers.sudo().filtered("ar_over_insured").ids

        return self._ar_search_flag(
            operator,
            value,
            over_insured,
            _("Unsupported search on the insured amount flag."),
        )
