import base64

from odoo import _, api, fields, models
from odoo.tools import SQL


class ReportArCustomerStatement(models.AbstractModel):
    """The customer statement (relevé de compte): a customer's open items at a
    date, with running balance, ageing and totals. The items are the aged
    balance engine's open lines at that date, so both always agree."""

    _name = "report.ar_collection.report_customer_statement"
    _description = "Customer Statement Engine"

    @api.model
    def _customer_ids(self, partner, with_branches=False):
        """The commercial entities covered: the customer's, and with
        ``with_branches`` those of the companies below it (its branches)."""
        commercial = partner.commercial_partner_id
        if not with_branches:
            return commercial.ids
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("id", "child_of", commercial.id)])
            .commercial_partner_id.ids
        )

    @api.model
    def _statement(self, partner, date_at, company=None, with_branches=False):
        """Plain values of the statement of ``partner`` at ``date_at``:
        ``lines`` (document, type, dates, days late, open amount, running
        balance), ``ageing`` (amount per bucket), and totals."""
        company = company or self.env.company
        buckets = self.env["ar.aging.bucket"]._get_buckets(company)
        where = SQL("cp.id = ANY(%s)", self._customer_ids(partner, with_branches))
        self.env.flush_all()
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT rp.name AS customer, m.id AS move_id, m.name AS document, m.ref,
                       CASE WHEN m.move_type IN ('out_invoice', 'out_refund')
                            THEN m.move_type
                            WHEN m.origin_payment_id IS NOT NULL THEN 'payment'
                            ELSE 'entry' END AS kind,
                       COALESCE(m.invoice_date, m.date) AS date, lines.due,
                       lines.days, lines.bucket, lines.open_amount AS amount
                  FROM (%s) lines
                  JOIN res_partner rp ON rp.id = lines.partner_id
                  JOIN account_move m ON m.id = lines.move_id
              ORDER BY COALESCE(m.invoice_date, m.date), lines.due, m.name, lines.id
                """,
                self.env["report.ar_collection.report_aged_balance"]._open_lines_sql(
                    company, date_at, buckets, where
                ),
            )
        )
        ageing = [0.0] * len(buckets)
        balance = 0.0
        for row in rows:
            balance += row["amount"]
            row["balance"] = balance
            row["days_late"] = max(row["days"], 0)
            ageing[row["bucket"]] += row["amount"]
        return {
            "partner": partner.commercial_partner_id,
            "company": company,
            "currency": company.currency_id,
            "date": fields.Date.to_date(date_at),
            "with_branches": with_branches,
            "lines": rows,
            "buckets": [bucket[0] for bucket in buckets],
            "ageing": ageing,
            "total_debit": sum(r["amount"] for r in rows if r["amount"] > 0),
            "total_credit": -sum(r["amount"] for r in rows if r["amount"] < 0),
            "total_overdue": sum(r["amount"] for r in rows if r["days"] > 0),
            "total": balance,
        }

    @api.model
    def _pdf_attachment(self, partner, data, record):
        """The statement of ``partner`` as a PDF attached to ``record``;
        ``data`` as for ``_get_report_values``."""
        report = self.env.ref("ar_collection.ar_customer_statement_report")
        pdf, _type = report._render_qweb_pdf(report, partner.ids, data=data)
        return self.env["ir.attachment"].create(
            {
                "name": _(
                    "Statement %(partner)s %(date)s.pdf",
                    partner=partner.name,
                    date=data["date_at"],
                ),
                "datas": base64.b64encode(pdf),
                "res_model": record._name,
                "res_id": record.id,
                "mimetype": "application/pdf",
            }
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        """The PDF's values: one statement per customer, at ``data['date_at']``
        (default today), for ``data['company_id']`` (default the current one)
        and with ``data['with_branches']``."""
        data = data or {}
        date_at = data.get("date_at") or fields.Date.context_today(self)
        company = (
            self.env["res.company"].browse(data.get("company_id")) or self.env.company
        )
        partners = self.env["res.partner"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": {
                # bucket labels in the customer's language, like the text
                partner.id: self.with_context(lang=partner.lang)._statement(
                    partner, date_at, company, data.get("with_branches")
                )
                for partner in partners
            },
        }
