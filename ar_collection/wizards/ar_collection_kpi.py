import calendar

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL


def dso_countback(receivable, months):
    """Days sales outstanding by the countback method.

    ``months``: [(sales, days_in_month)] from the most recent month back.
    The receivable is "used up" by the sales of each month going back.
    """
    days = 0.0
    left = receivable
    for sales, month_days in months:
        if left <= 0:
            break
        if sales <= 0:
            days += month_days
            continue
        if left > sales:
            days += month_days
            left -= sales
        else:
            days += left / sales * month_days
            left = 0
    return round(days, 1)


def dso_simple(receivable, sales, days):
    """Receivable / sales of the period × days of the period."""
    return round(receivable / sales * days, 1) if sales > 0 else 0.0


class ArCollectionKpi(models.TransientModel):
    """The credit manager's indicators at a date, each drilling down."""

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

    def _monthly_sales(self, date_to, count):
        """Invoiced minus credited per month (company currency), newest first."""
        start = (date_to - relativedelta(months=count - 1)).replace(day=1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', aml.date)::date, SUM(aml.balance)
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE aml.company_id = %s AND aml.parent_state = 'posted'
                   AND acc.account_type = 'asset_receivable'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND aml.date BETWEEN %s AND %s
              GROUP BY 1
                """,
                self.company_id.id,
                start,
                date_to,
            )
        )
        by_month = dict(self.env.cr.fetchall())
        months = []
        for back in range(count):
            month = (date_to - relativedelta(months=back)).replace(day=1)
            days = calendar.monthrange(month.year, month.month)[1]
            if back == 0:
                days = date_to.day
            months.append((by_month.get(month, 0.0), days))
        return months

    def _open_lines(self, date_at):
        aged = self.env["ar.aged.balance"].new(
            {"date_at": date_at, "company_id": self.company_id.id}
        )
        buckets = self.env["ar.aging.bucket"]._get_buckets(self.company_id)
        return aged._open_lines_sql(buckets)

    def _receivable_at(self, date_at):
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(open_amount), 0),"
                " COALESCE(SUM(open_amount) FILTER (WHERE days > 0), 0) FROM (%s) l",
                self._open_lines(date_at),
            )
        )
        return self.env.cr.fetchone()

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
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", self.date_at),
            ],
        }

    def action_refresh(self):
        for kpi in self:
            kpi._refresh()

    def _refresh(self):
        self.line_ids.unlink()
        date_at = self.date_at
        receivable, overdue = self._receivable_at(date_at)
        months = self._monthly_sales(date_at, max(self.months, 1) + 12)
        period = months[: self.months]
        Line = self.env["ar.collection.kpi.line"]
        lines = []
        # DSO month by month over the last 12 months
        for back in range(11, -1, -1):
            month = date_at - relativedelta(months=back)
            month_end = date_at if back == 0 else month + relativedelta(day=31)
            month_receivable, _overdue = self._receivable_at(month_end)
            history = self._monthly_sales(month_end, self.months)
            lines.append(
                {
                    "kind": "dso",
                    "label": month_end.strftime("%Y-%m"),
                    "value": dso_countback(month_receivable, history),
                    "sequence": 12 - back,
                }
            )
        # top 10 late customers by amount and by days
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, SUM(open_amount), MAX(days)
                  FROM (%s) l WHERE days > 0
              GROUP BY partner_id
                """,
                self._open_lines(date_at),
            )
        )
        late = self.env.cr.fetchall()
        for rank, (partner_id, amount, days) in enumerate(
            sorted(late, key=lambda r: -r[1])[:10], start=1
        ):
            lines.append(
                {
                    "kind": "top_amount",
                    "partner_id": partner_id,
                    "amount": amount,
                    "value": days,
                    "sequence": rank,
                }
            )
        for rank, (partner_id, amount, days) in enumerate(
            sorted(late, key=lambda r: (-r[2], -r[1]))[:10], start=1
        ):
            lines.append(
                {
                    "kind": "top_days",
                    "partner_id": partner_id,
                    "amount": amount,
                    "value": days,
                    "sequence": rank,
                }
            )
        # reasons given per month: disputes and call outcomes
        since = date_at - relativedelta(months=12)
        reasons = dict(
            self.env["ar.collection.dispute"]._fields["reason_code"].selection
        )
        for month, code, count in self.env["ar.collection.dispute"]._read_group(
            [("company_id", "=", self.company_id.id), ("date_opened", ">", since)],
            ["date_opened:month", "reason_code"],
            ["__count"],
        ):
            lines.append(
                {
                    "kind": "reason",
                    "label": reasons.get(code, code),
                    "month": month.strftime("%Y-%m"),
                    "value": count,
                    "source": "dispute",
                    "code": code,
                    "month_start": month,
                }
            )
        outcomes = dict(self.env["ar.collection.action"]._fields["outcome"].selection)
        for month, outcome, count in self.env["ar.collection.action"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("outcome", "!=", False),
                ("date_done", ">", since),
            ],
            ["date_done:month", "outcome"],
            ["__count"],
        ):
            lines.append(
                {
                    "kind": "reason",
                    "label": outcomes.get(outcome, outcome),
                    "month": month.strftime("%Y-%m"),
                    "value": count,
                    "source": "action",
                    "code": outcome,
                    "month_start": month,
                }
            )
        # actions done per collector over the period
        for user, count in self.env["ar.collection.action"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
                ("date_done", ">", date_at - relativedelta(months=self.months)),
            ],
            ["user_id"],
            ["__count"],
        ):
            lines.append(
                {
                    "kind": "collector",
                    "user_id": user.id,
                    "label": user.name or _("Nobody"),
                    "value": count,
                }
            )
        promise_groups = dict(
            self.env["ar.collection.promise"]._read_group(
                [
                    ("company_id", "=", self.company_id.id),
                    ("state", "in", ("kept", "partial", "broken")),
                ],
                ["state"],
                ["__count"],
            )
        )
        judged = sum(promise_groups.values())
        sales = sum(s for s, _days in period)
        self.write(
            {
                "receivable": receivable,
                "overdue": overdue,
                "overdue_ratio": round(100.0 * overdue / receivable, 1)
                if receivable
                else 0.0,
                "dso_countback": dso_countback(receivable, period),
                "dso_simple": dso_simple(receivable, sales, sum(d for _s, d in period)),
                "promises_kept_rate": round(
                    100.0 * promise_groups.get("kept", 0) / judged, 1
                )
                if judged
                else 0.0,
            }
        )
        Line.create([{**vals, "kpi_id": self.id} for vals in lines])


class ArCollectionKpiLine(models.TransientModel):
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
    source = fields.Selection([("dispute", "Dispute"), ("action", "Call outcome")])
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
                    ("commercial_partner_id", "=", self.partner_id.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                ],
            }
        if self.source:
            month_end = self.month_start + relativedelta(months=1)
            if self.source == "dispute":
                model, domain = (
                    "ar.collection.dispute",
                    [
                        ("reason_code", "=", self.code),
                        ("date_opened", ">=", self.month_start),
                        ("date_opened", "<", month_end),
                    ],
                )
            else:
                model, domain = (
                    "ar.collection.action",
                    [
                        ("outcome", "=", self.code),
                        ("date_done", ">=", self.month_start),
                        ("date_done", "<", month_end),
                    ],
                )
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
