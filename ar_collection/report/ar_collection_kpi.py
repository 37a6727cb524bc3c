import calendar

from dateutil.relativedelta import relativedelta

from odoo import _, api, models
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


# the reasons trend's sources: (model, date field, code field)
REASON_SOURCES = {
    "reason": ("ar.collection.action", "date_done", "reason"),
    "dispute": ("ar.collection.dispute", "date_opened", "reason_code"),
    "action": ("ar.collection.action", "date_done", "outcome"),
}


def dso_simple(receivable, sales, days):
    """Receivable / sales of the period × days of the period."""
    return round(receivable / sales * days, 1) if sales > 0 else 0.0


class ReportArCollectionKpi(models.AbstractModel):
    """The collection indicators engine: DSO, overdue, the late customers,
    the reasons given and the work done, at a date, for one company."""

    _name = "report.ar_collection.report_collection_kpi"
    _description = "Collection Indicators Engine"

    @api.model
    def _indicators(self, company, date_at, months):
        """(figures, lines): the headline figures, and the detail lines as
        values of ``ar.collection.kpi.line``."""
        receivable, overdue = self._receivable_at(company, date_at)
        period = self._monthly_sales(company, date_at, max(months, 1))[:months]
        sales = sum(s for s, _days in period)
        figures = {
            "receivable": receivable,
            "overdue": overdue,
            "overdue_ratio": round(100.0 * overdue / receivable, 1)
            if receivable
            else 0.0,
            "dso_countback": self._dso_countback(company, date_at, receivable),
            "dso_simple": dso_simple(receivable, sales, sum(d for _s, d in period)),
            "promises_kept_rate": self._promises_kept_rate(company),
            **self._discounts(company, date_at - relativedelta(months=months), date_at),
        }
        lines = [
            *self._dso_history(company, date_at),
            *self._late_customers(company, date_at),
            *self._reasons(company, date_at - relativedelta(months=12)),
            *self._collectors(company, date_at - relativedelta(months=months)),
        ]
        return figures, lines

    def _open_lines(self, company, date_at):
        """The aged balance's open lines at the date (no filter)."""
        return self.env["report.ar_collection.report_aged_balance"]._open_lines_sql(
            company, date_at, self.env["ar.aging.bucket"]._get_buckets(company)
        )

    def _receivable_at(self, company, date_at):
        """(open receivable, of which overdue) at the date."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT COALESCE(SUM(open_amount), 0),"
                " COALESCE(SUM(open_amount) FILTER (WHERE days > 0), 0) FROM (%s) l",
                self._open_lines(company, date_at),
            )
        )
        return self.env.cr.fetchone()

    def _monthly_sales(self, company, date_to, count):
        """[(invoiced minus credited, days)] per month in company currency,
        newest first; the current month counts its days up to ``date_to``."""
        start = (date_to - relativedelta(months=count - 1)).replace(day=1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT date_trunc('month', aml.date)::date, SUM(aml.balance)
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE %s
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND aml.date BETWEEN %s AND %s
              GROUP BY 1
                """,
                self.env["account.move.line"]._ar_receivable_sql(company),
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

    def _dso_countback(self, company, date_at, receivable):
        """The countback DSO at the date, going back through the months as far
        as needed to cover the receivable (to its oldest receivable line), not
        only over the period chosen for the other figures."""
        self.env.flush_all()
        oldest = self.env.execute_query(
            SQL(
                """
                SELECT MIN(aml.date) FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                 WHERE %s AND aml.date <= %s
                """,
                self.env["account.move.line"]._ar_receivable_sql(company),
                date_at,
            )
        )[0][0]
        if not oldest:
            return 0.0
        back = relativedelta(date_at.replace(day=1), oldest.replace(day=1))
        history = self._monthly_sales(
            company, date_at, back.years * 12 + back.months + 1
        )
        return dso_countback(receivable, history)

    def _dso_history(self, company, date_at):
        """The countback DSO at each of the last 12 month ends (the last one
        at the date itself)."""
        lines = []
        for back in range(11, -1, -1):
            month = date_at - relativedelta(months=back)
            month_end = date_at if back == 0 else month + relativedelta(day=31)
            receivable, _overdue = self._receivable_at(company, month_end)
            lines.append(
                {
                    "kind": "dso",
                    "label": month_end.strftime("%Y-%m"),
                    "value": self._dso_countback(company, month_end, receivable),
                    "sequence": 12 - back,
                }
            )
        return lines

    def _late_customers(self, company, date_at):
        """The top 10 late customers by overdue amount, then by days late
        (value: the days of their oldest overdue line)."""
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, SUM(open_amount), MAX(days)
                  FROM (%s) l WHERE days > 0
              GROUP BY partner_id
                """,
                self._open_lines(company, date_at),
            )
        )
        late = self.env.cr.fetchall()
        rankings = (
            ("top_amount", lambda r: -r[1]),
            ("top_days", lambda r: (-r[2], -r[1])),
        )
        return [
            {
                "kind": kind,
                "partner_id": partner_id,
                "amount": amount,
                "value": days,
                "sequence": rank,
            }
            for kind, key in rankings
            for rank, (partner_id, amount, days) in enumerate(
                sorted(late, key=key)[:10], start=1
            )
        ]

    def _reasons(self, company, since):
        """Reasons given per month: the reasons for non-payment recorded on
        the actions, the disputes' reasons and the call outcomes."""
        lines = []
        for source, (model, date_field, code_field) in REASON_SOURCES.items():
            Model = self.env[model]
            labels = dict(Model._fields[code_field]._description_selection(self.env))
            for month, code, count in Model._read_group(
                [
                    ("company_id", "=", company.id),
                    (date_field, ">", since),
                    (code_field, "!=", False),
                ],
                [f"{date_field}:month", code_field],
                ["__count"],
            ):
                lines.append(
                    {
                        "kind": "reason",
                        "label": labels.get(code, code),
                        "month": month.strftime("%Y-%m"),
                        "value": count,
                        "source": source,
                        "code": code,
                        "month_start": month,
                    }
                )
        return lines

    def _collectors(self, company, since):
        """Collection actions done per collector since the date."""
        return [
            {
                "kind": "collector",
                "user_id": user.id,
                "label": user.name or _("Nobody"),
                "value": count,
            }
            for user, count in self.env["ar.collection.action"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "done"),
                    ("date_done", ">", since),
                ],
                ["user_id"],
                ["__count"],
            )
        ]

    def _promises_kept_rate(self, company):
        """Share of the judged promises (kept, partly kept, broken) kept, in %."""
        groups = dict(
            self.env["ar.collection.promise"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("kept", "partial", "broken")),
                ],
                ["state"],
                ["__count"],
            )
        )
        judged = sum(groups.values())
        return round(100.0 * groups.get("kept", 0) / judged, 1) if judged else 0.0

    def _discounts(self, company, since, date_at):
        """What the early-payment discounts taken in the period cost (taxes
        included) and the days they saved, weighted by the amount paid."""
        [(cost, weighted, paid)] = self.env["ar.collection.discount.offer"]._read_group(
            [
                ("company_id", "=", company.id),
                ("state", "=", "taken"),
                ("date_paid", ">", since),
                ("date_paid", "<=", date_at),
            ],
            [],
            ["amount_discount_taken:sum", "days_weighted:sum", "amount_settled:sum"],
        )
        return {
            "discount_cost": cost or 0.0,
            "discount_days_saved": round(weighted / paid, 1) if paid else 0.0,
        }
