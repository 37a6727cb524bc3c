from odoo import _, api, fields, models
from odoo.tools import SQL

FACTORED = ("assigned", "financed")


class ResPartner(models.Model):
    _inherit = "res.partner"

    ar_exposure_factored = fields.Monetary(
        string="Factored invoices carried",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="Factored invoices whose risk the company still bears: with recourse, "
        "or above the approved amount without recourse.",
        groups="ar_risk.ar_risk_group_user",
    )

    @api.model
    def _ar_exposure_component_labels(self):
        return {
            **super()._ar_exposure_component_labels(),
            "factored": _("factored invoices carried (with recourse)"),
        }

    @api.model
    def _ar_exposure_line_bucket_sql(self, today):
        # a hashed subplan over the few factored invoices, rather than a
        # join of every open item with its move
        return SQL(
            """CASE WHEN aml.amount_residual > 0 AND aml.move_id IN (
                        SELECT id FROM account_move WHERE ar_factor_state IN %s
                    ) THEN 'factored' ELSE %s END""",
            FACTORED,
            super()._ar_exposure_line_bucket_sql(today),
        )

    @api.model
    def _ar_exposure_components(self, partner_ids, company):
        """Factored invoices stay open on the customer and count in its
        exposure while the company bears the risk: contracts with recourse,
        and the part above the approved amount without recourse. Within
        the approved amount of a contract without recourse the factor bears
        it: that part is left out."""
        self.env["account.move"].flush_model(["ar_factor_state"])
        components = super()._ar_exposure_components(partner_ids, company)
        domain = [
            ("company_id", "=", company.id),
            ("state", "=", "posted"),
            ("ar_factor_state", "in", FACTORED),
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
            if partner.id in components:
                approved = contract._approval_for(partner).amount
                components[partner.id]["factored"] -= min(max(residual, 0.0), approved)
        return components

    def _ar_exposure_component_records(self, component, company):
        if component == "factored":
            return "account.move", [
                *self.env["account.move"]._ar_open_invoice_domain(company),
                ("ar_factor_state", "in", FACTORED),
                ("commercial_partner_id", "=", self.id),
            ]
        model, domain = super()._ar_exposure_component_records(component, company)
        if component in ("not_due", "overdue"):
            domain = [*domain, ("move_id.ar_factor_state", "not in", FACTORED)]
        return model, domain
