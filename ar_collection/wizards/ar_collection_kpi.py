from odoo import _, api, fields, models


class ArCollectionKpi(models.TransientModel):
    """The credit manager's indicators at a date, each drilling down; the
    figures come from report/ar_collection_kpi.py."""

    _name = "ar.collection.kpi"
    _description = "Collection Indicators"

    date_at = fields.Date(string="At", required=True, default=fields.Date.context_today)
    months = fields.Integer(string="Period (months)", default=3, required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    receivable = fields.Monetary(readonly=True)
    overdue = fields.Monetary(readonly=True)
    overdue_ratio = fields.Float(string="Overdue ratio (%)", readonly=True)
    dso_countback = fields.Float(string="DSO countback (days)", readonly=True)
    dso_simple = fields.Float(string="DSO simple (days)", readonly=True)
    promises_kept_rate = fields.Float(string="Promises kept (%)", readonly=True)
    discount_cost = fields.Monetary(
        string="Discounts granted",
        readonly=True,
        help="Early-payment discounts taken in the period, taxes included.",
    )
    discount_days_saved = fields.Float(
        string="Days saved by discounts",
        readonly=True,
        help="Days paid before the due dates thanks to the discounts, weighted "
        "by the amounts settled.",
    )
    line_ids = fields.One2many("ar.collection.kpi.line", "kpi_id", readonly=True)
    top_amount_ids = fields.One2many(
        "ar.collection.kpi.line", "kpi_id", domain=[("kind", "=", "top_amount")]
    )
    top_days_ids = fields.One2many(
        "ar.collection.kpi.line", "kpi_id", domain=[("kind", "=", "top_days")]
    )
    reason_ids = fields.One2many(
        "ar.collection.kpi.line", "kpi_id", domain=[("kind", "=", "reason")]
    )
    collector_ids = fields.One2many(
        "ar.collection.kpi.line", "kpi_id", domain=[("kind", "=", "collector")]
    )
    dso_history_ids = fields.One2many(
        "ar.collection.kpi.line", "kpi_id", domain=[("kind", "=", "dso")]
    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.action_refresh()
        return records

    @api.model
    def action_open_today(self):
        """The indicators of the user's company today, computed and saved, in
        their form: the menu's entry point."""
        kpi = self.create({})
        return {
            "type": "ir.actions.act_window",
            "name": _("Collection indicators"),
            "res_model": self._name,
            "res_id": kpi.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_open_dso_graph(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("DSO month by month"),
            "res_model": "ar.collection.kpi.line",
            "view_mode": "graph,list",
            "views": [
                (
                    self.env.ref("ar_collection.ar_collection_kpi_line_view_graph").id,
                    "graph",
                ),
                (False, "list"),
            ],
            "domain": [("kpi_id", "=", self.id), ("kind", "=", "dso")],
        }

    def action_open_overdue(self):
        """The overdue invoices behind the overdue amount and ratio."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Overdue invoices"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [
                *self.env["account.move"]._ar_open_invoice_domain(self.company_id),
                ("invoice_date_due", "<", self.date_at),
            ],
        }

    @api.model
    @api.readonly
    def get_indicators(self, date_at, months=3):
        """The indicators of the current company at ``date_at`` for RPC
        clients, computed and not stored: read-only, so that Odoo serves them
        from the replica when it has one."""
        self.browse().check_access("read")
        figures, lines = self.env[
            "report.ar_collection.report_collection_kpi"
        ]._indicators(self.env.company, fields.Date.to_date(date_at), months)
        return {**figures, "lines": lines}

    def action_refresh(self):
        engine = self.env["report.ar_collection.report_collection_kpi"]
        for kpi in self:
            figures, lines = engine._indicators(kpi.company_id, kpi.date_at, kpi.months)
            kpi.line_ids.unlink()
            kpi.write(
                {**figures, "line_ids": [fields.Command.create(vals) for vals in lines]}
            )
