from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ..report.ar_collection_kpi import REASON_SOURCES


class ArCollectionKpiLine(models.TransientModel):
    """One figure behind the indicators: a month of DSO, a late customer,
    a reason, a collector."""

    _name = "ar.collection.kpi.line"
    _description = "Collection Indicator Line"
    _order = "kind, sequence, month, id"

    kpi_id = fields.Many2one("ar.collection.kpi", required=True, ondelete="cascade")
    kind = fields.Selection(
        [
            ("dso", "DSO history"),
            ("top_amount", "Top late by amount"),
            ("top_days", "Top late by days"),
            ("reason", "Reasons given"),
            ("collector", "Actions per collector"),
        ],
        required=True,
    )
    sequence = fields.Integer()
    label = fields.Char()
    month = fields.Char()
    partner_id = fields.Many2one("res.partner", string="Customer")
    user_id = fields.Many2one("res.users", string="Collector")
    currency_id = fields.Many2one(related="kpi_id.currency_id")
    amount = fields.Monetary(string="Overdue amount")
    source = fields.Selection(
        [
            ("reason", "Reason given"),
            ("dispute", "Dispute"),
            ("action", "Call outcome"),
        ]
    )
    code = fields.Char()
    month_start = fields.Date()
    value = fields.Float()

    def action_open(self):
        """Drill down to the records behind a figure."""
        self.ensure_one()
        if self.partner_id:
            return {
                "type": "ir.actions.act_window",
                "name": self.partner_id.name,
                "res_model": "account.move",
                "view_mode": "list,form",
                "domain": [
                    *self.env["account.move"]._ar_open_invoice_domain(
                        self.kpi_id.company_id
                    ),
                    ("commercial_partner_id", "=", self.partner_id.id),
                ],
            }
        if self.source:
            model, date_field, code_field = REASON_SOURCES[self.source]
            domain = [
                (code_field, "=", self.code),
                (date_field, ">=", self.month_start),
                (date_field, "<", self.month_start + relativedelta(months=1)),
            ]
            return {
                "type": "ir.actions.act_window",
                "name": "%s %s" % (self.label, self.month),
                "res_model": model,
                "view_mode": "list,form",
                "domain": [("company_id", "=", self.kpi_id.company_id.id), *domain],
            }
        if self.user_id:
            return {
                "type": "ir.actions.act_window",
                "name": self.user_id.name,
                "res_model": "ar.collection.action",
                "view_mode": "list,form",
                "domain": [("user_id", "=", self.user_id.id), ("state", "=", "done")],
            }
        return False
