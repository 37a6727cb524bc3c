import io
from collections import defaultdict

import xlsxwriter

from odoo import _, fields, models
from odoo.tools import SQL


class ArAgedBalance(models.TransientModel):
    """Aged balance of customer receivables at any date, computed in SQL."""

    _name = "ar.aged.balance"
    _description = "Aged Balance"

    date_at = fields.Date(string="At", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_ids = fields.Many2many("res.partner", string="Customers")
    category_ids = fields.Many2many("res.partner.category", string="Customer tags")
    collector_ids = fields.Many2many(
        "res.users", "ar_aged_balance_collector_rel", string="Collectors"
    )
    salesperson_ids = fields.Many2many(
        "res.users", "ar_aged_balance_salesperson_rel", string="Salespersons"
    )
    show_detail = fields.Boolean(string="Invoice detail")
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char(readonly=True)

    def _get_where_sql(self):
        """Filters on the receivable lines (alias aml) and customers (p):
        extended by ar_factoring for factored invoices."""
        self.ensure_one()
        clauses = []
        if self.partner_ids:
            clauses.append(
                SQL("p.commercial_partner_id = ANY(%s)", self.partner_ids.ids)
            )
        if self.category_ids:
            clauses.append(
                SQL(
                    "p.commercial_partner_id IN (SELECT partner_id FROM res_partner_res_partner_category_rel"
                    " WHERE category_id = ANY(%s))",
                    self.category_ids.ids,
                )
            )
        if self.salesperson_ids:
            clauses.append(SQL("cp.user_id = ANY(%s)", self.salesperson_ids.ids))
        if self.collector_ids:
            collected = (
                self.env["res.partner"]
                .with_company(self.company_id)
                .search([("ar_collector_id", "in", self.collector_ids.ids)])
            )
            clauses.append(SQL("p.commercial_partner_id = ANY(%s)", collected.ids))
        return SQL(" AND ").join(clauses) if clauses else SQL("TRUE")

    def _bucket_case(self, buckets):
        """SQL CASE giving the bucket index of a line from its days overdue."""
        whens = []
        for index, (_label, low, high) in enumerate(buckets):
            conds = []
            if low is not None:
                conds.append(SQL("%s - o.due >= %s", self.date_at, low))
            if high is not None:
                conds.append(SQL("%s - o.due <= %s", self.date_at, high))
            whens.append(
                SQL("WHEN %s THEN %s", SQL(" AND ").join(conds) or SQL("TRUE"), index)
            )
        return SQL("CASE %s ELSE %s END", SQL(" ").join(whens), len(buckets) - 1)

    def _open_lines_sql(self, buckets):
        """Receivable lines with their amount still open at the date.

        Open at the date = open today + what was reconciled after the date,
        undone (Odoo keeps amount_residual = balance - reconciliations). A
        line with nothing open today and nothing reconciled after the date
        was closed at the date: only the reconciliations after the date are
        read, not the whole history (a few for today or a recent month end).
        """
        return SQL(
            """
            WITH later AS (
                SELECT line_id, SUM(amount) AS amount
                  FROM (SELECT debit_move_id AS line_id, amount
                          FROM account_partial_reconcile
                         WHERE max_date > %(date)s AND company_id = %(company)s
                     UNION ALL
                        SELECT credit_move_id, -amount
                          FROM account_partial_reconcile
                         WHERE max_date > %(date)s AND company_id = %(company)s) undone
              GROUP BY line_id
            ), o AS (
                SELECT aml.id, aml.move_id, p.commercial_partner_id AS partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due,
                       aml.amount_residual + COALESCE(later.amount, 0) AS open_amount
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
             LEFT JOIN later ON later.line_id = aml.id
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND aml.date <= %(date)s
                   AND acc.account_type = 'asset_receivable'
                   AND (aml.amount_residual <> 0 OR later.line_id IS NOT NULL)
                   AND %(where)s
            )
            SELECT o.*, %(bucket)s AS bucket, %(date)s - o.due AS days
              FROM o
             WHERE o.open_amount <> 0
            """,
            date=self.date_at,
            company=self.company_id.id,
            where=self._get_where_sql(),
            bucket=self._bucket_case(buckets),
        )

    def _compute_summary(self):
        """[{partner_id, name, amounts: [per bucket], total}] sorted by name,
        aggregated in PostgreSQL."""
        self.ensure_one()
        buckets = self.env["ar.aging.bucket"]._get_buckets(self.company_id)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT lines.partner_id, rp.name, lines.bucket, SUM(lines.open_amount)
                  FROM (%s) lines
                  JOIN res_partner rp ON rp.id = lines.partner_id
              GROUP BY lines.partner_id, rp.name, lines.bucket
              ORDER BY rp.name, lines.partner_id
                """,
                self._open_lines_sql(buckets),
            )
        )
        rows = {}
        for partner_id, name, bucket, amount in self.env.cr.fetchall():
            row = rows.setdefault(
                partner_id,
                {
                    "partner_id": partner_id,
                    "name": name,
                    "amounts": [0.0] * len(buckets),
                },
            )
            row["amounts"][bucket] += amount
        result = list(rows.values())
        for row in result:
            row["total"] = sum(row["amounts"])
        return buckets, result

    def _iter_detail(self):
        """Open receivable lines one by one (server-side cursor), for the detail."""
        buckets = self.env["ar.aging.bucket"]._get_buckets(self.company_id)
        self.env.flush_all()
        query = SQL(
            """
            SELECT rp.name, m.name, m.invoice_date, lines.due, lines.days, lines.bucket,
                   lines.open_amount
              FROM (%s) lines
              JOIN res_partner rp ON rp.id = lines.partner_id
              JOIN account_move m ON m.id = lines.move_id
          ORDER BY rp.name, lines.due, m.name
            """,
            self._open_lines_sql(buckets),
        )
        # a server-side cursor in the current transaction: rows stream in
        # chunks, memory stays flat whatever the number of lines
        cr = self.env.cr
        connection = getattr(cr, "_cnx", None) or cr._cursor._cnx
        named = connection.cursor(name="ar_aged_detail")
        named.itersize = 5000
        try:
            # PostgreSQL plans a cursor for its first 10 % of rows (nested
            # loops); every row is read here: plan for all of them (10x
            # faster at 20,000 lines), for this DECLARE only
            cr.execute("SHOW cursor_tuple_fraction")
            previous = cr.fetchone()[0]
            cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            named.execute(query.code, query.params)
            cr.execute(
                SQL("SELECT set_config('cursor_tuple_fraction', %s, true)", previous)
            )
            yield from named
        finally:
            named.close()

    def _totals(self, buckets, rows):
        totals = [sum(row["amounts"][i] for row in rows) for i in range(len(buckets))]
        grand = sum(totals)
        percents = [100.0 * t / grand if grand else 0.0 for t in totals]
        return totals, grand, percents

    def _build_xlsx(self):
        """The aged balance as an XLSX file: summary and detail sheets."""
        self.ensure_one()
        buckets, rows = self._compute_summary()
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(
            output,
            {"constant_memory": True},  # rows go to a temporary file as written
        )
        symbol = self.currency_id.symbol or ""
        money = workbook.add_format(
            {"num_format": '#,##0.00 "%s";-#,##0.00 "%s"' % (symbol, symbol)}
        )
        money_bold = workbook.add_format(
            {
                "num_format": '#,##0.00 "%s";-#,##0.00 "%s"' % (symbol, symbol),
                "bold": True,
            }
        )
        percent = workbook.add_format({"num_format": "0.0%", "italic": True})
        header = workbook.add_format({"bold": True, "bg_color": "#DDE4EE", "border": 1})
        title = workbook.add_format({"bold": True, "font_size": 13})
        date_fmt = workbook.add_format({"num_format": "dd/mm/yyyy"})

        summary = workbook.add_worksheet(_("Summary"))
        summary.write(
            0,
            0,
            _(
                "Aged balance of %(company)s at %(date)s",
                company=self.company_id.name,
                date=self.date_at,
            ),
            title,
        )
        labels = [_("Customer"), *[b[0] for b in buckets], _("Total")]
        for col, label in enumerate(labels):
            summary.write(2, col, label, header)
        summary.freeze_panes(3, 1)
        summary.set_column(0, 0, 38)
        summary.set_column(1, len(labels), 14)
        first = 3
        for offset, row in enumerate(rows):
            line = first + offset
            summary.write(line, 0, row["name"])
            for i, amount in enumerate(row["amounts"]):
                summary.write_number(line, 1 + i, amount, money)
            summary.write_formula(
                line,
                len(buckets) + 1,
                "=SUM(%s:%s)" % (xl(line, 1), xl(line, len(buckets))),
                money,
                row["total"],
            )
        last = first + len(rows) - 1
        total_line = last + 1
        totals, grand, percents = self._totals(buckets, rows)
        summary.write(total_line, 0, _("Total"), header)
        for col in range(1, len(buckets) + 2):
            value = totals[col - 1] if col <= len(buckets) else grand
            summary.write_formula(
                total_line,
                col,
                "=SUM(%s:%s)" % (xl(first, col), xl(max(last, first), col)),
                money_bold,
                value,
            )
        summary.write(total_line + 1, 0, _("Share"), header)
        for col in range(1, len(buckets) + 2):
            value = (percents[col - 1] if col <= len(buckets) else 100.0) / 100.0
            summary.write_formula(
                total_line + 1,
                col,
                "=IF(%s=0,0,%s/%s)"
                % (
                    xl(total_line, len(buckets) + 1, True),
                    xl(total_line, col),
                    xl(total_line, len(buckets) + 1, True),
                ),
                percent,
                value,
            )
        summary.autofilter(2, 0, max(last, 2), len(buckets) + 1)

        detail = workbook.add_worksheet(_("Detail"))
        head = [
            _("Customer"),
            _("Document"),
            _("Date"),
            _("Due date"),
            _("Days overdue"),
            _("Bucket"),
            _("Open amount"),
        ]
        for col, label in enumerate(head):
            detail.write(0, col, label, header)
        detail.freeze_panes(1, 0)
        detail.set_column(0, 1, 30)
        detail.set_column(2, 6, 14)
        count = 0
        for count, (partner, doc, date, due, days, bucket, amount) in enumerate(
            self._iter_detail(), start=1
        ):
            detail.write(count, 0, partner)
            detail.write(count, 1, doc)
            if date:
                detail.write_datetime(
                    count, 2, fields.Datetime.to_datetime(date), date_fmt
                )
            detail.write_datetime(count, 3, fields.Datetime.to_datetime(due), date_fmt)
            detail.write_number(count, 4, days)
            detail.write(count, 5, buckets[bucket][0])
            detail.write_number(count, 6, amount, money)
        detail.autofilter(0, 0, max(count, 1), len(head) - 1)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "xlsx_file": __import__("base64").b64encode(self._build_xlsx()),
                "xlsx_name": "aged_balance_%s.xlsx" % self.date_at,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/ar.aged.balance/%s/xlsx_file/%s?download=true"
            % (self.id, self.xlsx_name),
            "target": "self",
        }

    def action_print_pdf(self):
        return self.env.ref("ar_collection.ar_aged_balance_report").report_action(self)

    def _report_data(self):
        """Plain values for the PDF."""
        self.ensure_one()
        buckets, rows = self._compute_summary()
        totals, grand, percents = self._totals(buckets, rows)
        detail = defaultdict(list)
        if self.show_detail:
            for partner, doc, date, due, days, bucket, amount in self._iter_detail():
                detail[partner].append(
                    {
                        "doc": doc,
                        "date": date,
                        "due": due,
                        "days": days,
                        "bucket": bucket,
                        "amount": amount,
                    }
                )
        return {
            "buckets": buckets,
            "rows": rows,
            "totals": totals,
            "grand": grand,
            "percents": percents,
            "detail": detail,
        }


def xl(row, col, absolute=False):
    """Cell name from zero-based indexes."""
    return xlsxwriter.utility.xl_rowcol_to_cell(
        row, col, row_abs=absolute, col_abs=absolute
    )
