from odoo import api, fields, models

from odoo.addons.ar_risk.models.res_partner_grade import RISK_GRADES


class ArRiskDepositRule(models.Model):
    """The deposit a customer pays before its order is confirmed, by risk
    grade or for a new customer."""

    _name = "ar.risk.deposit.rule"
    _description = "Deposit Rule"
    _order = "company_id, grade"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    grade = fields.Selection(
        [*RISK_GRADES, ("new", "New customer")],
        string="Customer",
        required=True,
        help="A risk grade, or «New customer»: no posted invoice in the company yet.",
    )
    percent = fields.Float(
        string="Deposit (%)",
        required=True,
        help="Share of the order total, taxes included, invoiced as a down payment "
        "and paid before the order is confirmed.",
    )

    _sql_constraints = [
        (
            "company_grade_unique",
            "UNIQUE(company_id, grade)",
            "One deposit rule per customer kind and company.",
        ),
        (
            "percent_range",
            "CHECK(percent > 0 AND percent <= 100)",
            "A deposit is between 0 and 100 % of the order.",
        ),
    ]

    @api.model
    def _percent_for(self, partner, company):
        """The deposit percentage ``partner`` (commercial) owes in ``company``:
        the highest of its grade's rule and, if new, the new customers' rule."""
        kinds = [partner.with_company(company).sudo().ar_risk_grade]
        if (
            not self.env["account.move"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", company.id),
                    ("commercial_partner_id", "=", partner.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                limit=1,
            )
        ):
            kinds.append("new")
        rules = self.sudo().search(
            [("company_id", "=", company.id), ("grade", "in", [k for k in kinds if k])]
        )
        return max(rules.mapped("percent"), default=0.0)
