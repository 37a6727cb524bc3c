from odoo import api, fields, models

from .late_charges import DEBTOR_KINDS


class ResPartner(models.Model):
    _inherit = "res.partner"

    ar_debtor_kind = fields.Selection(
        DEBTOR_KINDS,
        string="Kind of debtor",
        compute="_compute_ar_debtor_kind",
        store=True,
        readonly=False,
        help="Decides the late-payment charges: businesses owe the penalties "
        "and the 40 EUR indemnity (Code de commerce L441-10, D441-5), public "
        "buyers the default interest and the indemnity (Code de la commande "
        "publique), consumers neither. Follows the company flag and the legal "
        "form unless set by hand.",
    )
    ar_contract_rate = fields.Float(
        string="Contractual late-payment rate (%)",
        digits=(5, 2),
        company_dependent=True,
        help="Penalty rate agreed with this customer. Empty: the company's "
        "contractual rate, else the legal rate. Refused below 3 times the legal "
        "interest rate.",
    )

    @api.depends("is_company", "ar_legal_form", "ar_siren", "parent_id")
    def _compute_ar_debtor_kind(self):
        for partner in self:
            if partner.parent_id:
                partner.ar_debtor_kind = partner.parent_id.ar_debtor_kind
            elif partner.ar_legal_form == "public":
                partner.ar_debtor_kind = "public"
            elif partner.is_company or partner.ar_legal_form or partner.ar_siren:
                partner.ar_debtor_kind = "business"
            else:
                partner.ar_debtor_kind = "consumer"

    @api.constrains("ar_contract_rate")
    def _check_ar_contract_rate(self):
        rates = self.env["ar.late.payment.rate"]
        today = fields.Date.context_today(self)
        for partner in self:
            rates._ar_check_contract_rate(partner.ar_contract_rate, today)
