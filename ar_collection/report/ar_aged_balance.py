from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL


class ReportArAgedBalance(models.AbstractModel):
    """The aged balance engine: customer receivables open at a date, by
    bucket, in SQL. Its PDF is the QWeb report of the same name."""

    _name = "report.ar_collection.report_aged_balance"
    _description = "Aged Balance Engine"

    @api.model
    def _open_lines_sql(self, company, date_at, buckets, where=None):
        """Receivable lines with their amount still open at the date, their
        days overdue and bucket. ``where`` filters lines (alias aml) and
        customers (p, commercial entity cp).

        Open at the date = open today + what was reconciled after the date,
        undone (Odoo keeps amount_residual = balance - reconciliations). A
        line with nothing open today and nothing reconciled after the date
        was closed at the date: only the reconciliations after the date are
        read, not the whole history (a few for today or a recent month end).
        """
        days = SQL("%s - o.due", date_at)
        if self._reconciled_after(company, date_at):
            later = SQL(
                """
                later AS (
                    SELECT line_id, SUM(amount) AS amount
                      FROM (SELECT debit_move_id AS line_id, amount
                              FROM account_partial_reconcile
                             WHERE max_date > %(date)s AND company_id = %(company)s
                         UNION ALL
                            SELECT credit_move_id, -amount
                              FROM account_partial_reconcile
                             WHERE max_date > %(date)s AND company_id = %(company)s) undone
                  GROUP BY line_id
                ),
                """,
                date=date_at,
                company=company.id,
            )
            join_later = SQL("LEFT JOIN later ON later.line_id = aml.id")
            open_amount = SQL("aml.amount_residual + COALESCE(later.amount, 0)")
            open_at_date = SQL(
                "(aml.amount_residual <> 0 OR later.line_id IS NOT NULL)"
            )
            still_open = SQL("WHERE o.open_amount <> 0")
        else:
            # nothing reconciled after the date (today, or a quiet recent
            # date): the open amount is the residual. Without the undone
            # reconciliations PostgreSQL also estimates the open lines right
            # and aggregates them by hash, as for the raw bound.
            later = join_later = still_open = SQL()
            open_amount = SQL("aml.amount_residual")
            open_at_date = SQL("aml.amount_residual <> 0")
        return SQL(
            """
            WITH %(later)s o AS (
                SELECT aml.id, aml.move_id, p.commercial_partner_id AS partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due,
                       %(open_amount)s AS open_amount
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
             -- LEFT: every partner has its commercial entity, and PostgreSQL
             -- drops the join when no filter reads cp
             LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  %(join_later)s
                 WHERE %(receivable)s
                   AND aml.date <= %(date)s
                   AND %(open_at_date)s
                   AND %(where)s
            )
            SELECT o.*, %(bucket)s AS bucket, %(days)s AS days
              FROM o
              %(still_open)s
            """,
            later=later,
            open_amount=open_amount,
            join_later=join_later,
            open_at_date=open_at_date,
            still_open=still_open,
            date=date_at,
            receivable=self.env["account.move.line"]._ar_receivable_sql(company),
            where=where or SQL("TRUE"),
            bucket=self.env["ar.aging.bucket"]._case_sql(buckets, days),
            days=days,
        )

    @api.model
    def _reconciled_after(self, company, date_at):
        """Whether any reconciliation of the company is dated after the date."""
        self.env["account.partial.reconcile"].flush_model(["max_date", "company_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT 1 FROM account_partial_reconcile
                 WHERE max_date > %s AND company_id = %s
                 LIMIT 1
                """,
                date_at,
                company.id,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _summary(self, company, date_at, where=None):
        """(buckets, [{partner_id, name, amounts: [per bucket], total}]) sorted
        by name, aggregated in PostgreSQL (by ids first: the names join the
        few sums, not every line)."""
        buckets = self.env["ar.aging.bucket"]._get_buckets(company)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT sums.partner_id, rp.name, sums.bucket, sums.amount
                  FROM (SELECT lines.partner_id, lines.bucket,
                               SUM(lines.open_amount) AS amount
                          FROM (%s) lines
                      GROUP BY lines.partner_id, lines.bucket) sums
                  JOIN res_partner rp ON rp.id = sums.partner_id
              ORDER BY rp.name, sums.partner_id
                """,
                self._open_lines_sql(company, date_at, buckets, where),
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

    @api.model
    def _iter_detail(self, company, date_at, where=None):
        """Open receivable lines one by one (server-side cursor): customer,
        document, date, due date, days overdue, bucket index, open amount."""
        buckets = self.env["ar.aging.bucket"]._get_buckets(company)
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
            self._open_lines_sql(company, date_at, buckets, where),
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

    @api.model
    def _totals(self, buckets, rows):
        """(total per bucket, grand total, share of each bucket in %)."""
        totals = [sum(row["amounts"][i] for row in rows) for i in range(len(buckets))]
        grand = sum(totals)
        percents = [100.0 * t / grand if grand else 0.0 for t in totals]
        return totals, grand, percents

    @api.model
    def _get_report_values(self, docids, data=None):
        """The PDF's values, one set per aged balance dialog."""
        wizards = self.env["ar.aged.balance"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "ar.aged.balance",
            "docs": wizards,
            "report_data": {wizard.id: self._pdf_data(wizard) for wizard in wizards},
        }

    def _pdf_data(self, wizard):
        args = (wizard.company_id, wizard.date_at, wizard._get_where_sql())
        buckets, rows = self._summary(*args)
        totals, grand, percents = self._totals(buckets, rows)
        detail = defaultdict(list)
        if wizard.show_detail:
            for partner, doc, _date, due, days, bucket, amount in self._iter_detail(
                *args
            ):
                detail[partner].append(
                    {
                        "doc": doc,
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
