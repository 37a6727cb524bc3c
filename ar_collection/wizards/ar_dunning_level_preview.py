from odoo import api, fields, models

from ..report.html_page import page_markup


class ArDunningLevelPreview(models.TransientModel):
    """The letter of a level for a chosen customer, as it would be sent
    today: nothing is created, sent or kept."""

    _name = "ar.dunning.level.preview"
    _description = "Dunning Letter Preview"

    level_id = fields.Many2one("ar.dunning.level", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", domain="[('parent_id', '=', False)]"
    )
    preview = fields.Html(compute="_compute_preview", sanitize=False)

    @api.depends("level_id", "partner_id")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = wizard.partner_id and page_markup(wizard._letter_html())

    def _letter_html(self):
        """The letter for the customer's open invoices (the overdue ones,
        else all), rendered on an action that is never saved."""
        level = self.level_id
        company = level.company_id
        partner = self.partner_id.commercial_partner_id
        today = fields.Date.context_today(self)
        Move = self.env["account.move"]
        moves = Move.search(
            Move._ar_open_invoice_domain(company)
            + [("commercial_partner_id", "=", partner.id)],
            order="invoice_date_due",
        )
        overdue = moves.filtered(lambda m: m.invoice_date_due < today)
        action = self.env["ar.collection.action"].new(
            {
                "name": level.name,
                "partner_id": partner.id,
                "company_id": company.id,
                "user_id": self.env.user.id,
                "action_type": level._action_type(),
                "origin": "dunning",
                "date_planned": today,
                "dunning_level_id": level.id,
                "move_ids": [fields.Command.set((overdue or moves).ids)],
            }
        )
        report = self.env.ref("ar_collection.ar_collection_action_report_letter")
        return report.with_company(company)._render_template(
            report.report_name,
            {"doc_ids": [], "doc_model": action._name, "docs": action},
        )
