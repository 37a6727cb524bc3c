import base64
import io

import openpyxl

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import ArCollectionCommon
from .test_dunning_letter import pdf_text


@tagged("post_install", "-at_install")
class TestAgedBalance(ArCollectionCommon):
    """A hand-made ledger whose aged balance is worked out by hand below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create(
            {"name": "Zinc Export Ltd", "is_company": True}
        )
        cls.inv_not_due = cls._invoice(1000.0, "2026-11-30", date="2026-10-31")
        cls.inv_partial = cls._invoice(500.0, "2026-10-10", date="2026-09-10")
        cls._pay(cls.inv_partial, 200.0, "2026-11-01")
        cls.inv_paid_later = cls._invoice(400.0, "2026-09-01", date="2026-08-01")
        cls._pay(cls.inv_paid_later, 400.0, "2026-12-05")  # after the as-of date
        cls.refund = cls.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": cls.customer.id,
                "invoice_date": "2026-11-05",
                "invoice_date_due": "2026-11-05",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Avoir",
                            "quantity": 1,
                            "price_unit": 100.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        cls.refund.action_post()
        usd = cls.setup_other_currency("USD", rates=[("2026-01-01", 2.0)])
        foreign = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.other.id,
                "currency_id": usd.id,
                "invoice_date": "2026-06-01",
                "invoice_date_due": "2026-07-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Export",
                            "quantity": 1,
                            "price_unit": 300.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        foreign.action_post()
        # another company's receivable never shows
        other_company = cls.setup_other_company(name="Filiale")["company"]
        elsewhere = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "company_id": other_company.id,
                "partner_id": cls.customer.id,
                "invoice_date": "2026-09-01",
                "invoice_line_ids": [
                    Command.create(
                        {"name": "x", "quantity": 1, "price_unit": 999.0, "tax_ids": []}
                    )
                ],
            }
        )
        elsewhere.with_company(other_company).action_post()

    def _wizard(self, date="2026-11-23", **vals):
        return self.env["ar.aged.balance"].create(
            {"date_at": date, "company_id": self.company.id, **vals}
        )

    def _summary(self, wizard):
        return self.env["report.ar_collection.report_aged_balance"]._summary(
            wizard.company_id, wizard.date_at, wizard._get_where_sql()
        )

    def _bucket_of(self, buckets, days_list):
        """Bucket indexes the SQL CASE gives to each number of days."""
        Bucket = self.env["ar.aging.bucket"]
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM unnest(%s::int[]) WITH ORDINALITY d(days, n) ORDER BY n",
                Bucket._case_sql(buckets, SQL("d.days")),
                days_list,
            )
        )
        return [index for (index,) in self.env.cr.fetchall()]

    def test_bucket_bounds(self):
        """Both bounds included, open ends, the last bucket takes the rest."""
        defaults = (
            self.env["ar.aging.bucket"].with_context(lang="en_US")._default_buckets()
        )
        self.assertEqual(
            [label for label, _low, _high in defaults],
            ["Not due", "1-30", "31-60", "61-90", "91-120", "> 120"],
        )
        self.assertEqual(
            self._bucket_of(defaults, [-3, 0, 1, 30, 31, 61, 120, 121, 500]),
            [0, 0, 1, 1, 2, 3, 4, 5, 5],
        )
        gap = [("early", 1, 10), ("late", 20, 30)]
        self.assertEqual(self._bucket_of(gap, [0, 10, 15, 40]), [1, 0, 1, 1])

    def test_company_buckets(self):
        """A company's own buckets replace the defaults, in their order."""
        self.env["ar.aging.bucket"].create(
            [
                {"name": "Current", "sequence": 1, "open_start": True, "days_to": 0},
                {"name": "Late", "sequence": 2, "days_from": 1, "days_to": 60},
                {"name": "Very late", "sequence": 3, "days_from": 61, "open_end": True},
            ]
        )
        buckets, rows = self._summary(self._wizard())
        self.assertEqual([b[0] for b in buckets], ["Current", "Late", "Very late"])
        row = {r["name"]: r for r in rows}["Menuiserie Lefèvre SARL"]
        self.assertEqual(row["amounts"], [1000.0, 200.0, 400.0])

    def test_summary_at_date(self):
        buckets, rows = self._summary(self._wizard())
        self.assertEqual(len(buckets), 6)
        by_name = {row["name"]: row for row in rows}
        # 1000 not due; refund -100 18 days; 500-200 at 44 days; 400 at 83 days
        # (paid after the date)
        self.assertEqual(
            by_name["Menuiserie Lefèvre SARL"]["amounts"],
            [1000.0, -100.0, 300.0, 400.0, 0, 0],
        )
        self.assertAlmostEqual(by_name["Menuiserie Lefèvre SARL"]["total"], 1600.0)
        # 300 USD at 2 USD/EUR, 145 days overdue
        self.assertEqual(by_name["Zinc Export Ltd"]["amounts"], [0, 0, 0, 0, 0, 150.0])
        self.assertEqual(len(rows), 2)

    def test_summary_earlier_date(self):
        _buckets, rows = self._summary(self._wizard(date="2026-10-20"))
        row = {r["name"]: r for r in rows}["Menuiserie Lefèvre SARL"]
        # no partial payment yet, no refund, the first invoice not yet issued:
        # 500 at 10 days, 400 at 49 days
        self.assertEqual(row["amounts"], [0, 500.0, 400.0, 0, 0, 0])

    def test_summary_after_every_reconciliation(self):
        """At a date no reconciliation comes after, the open amounts are the
        residuals (the query leaves the undoing of reconciliations out)."""
        report = self.env["report.ar_collection.report_aged_balance"]
        self.assertTrue(
            report._reconciled_after(self.company, fields.Date.to_date("2026-11-23"))
        )
        self.assertFalse(
            report._reconciled_after(self.company, fields.Date.to_date("2026-12-31"))
        )
        _buckets, rows = self._summary(self._wizard(date="2026-12-31"))
        by_name = {row["name"]: row for row in rows}
        # 1000 at 31 days and the refund at 56 days; 300 left at 82 days; the
        # invoice paid on 5 December gone; 300 USD at 183 days
        self.assertEqual(
            by_name["Menuiserie Lefèvre SARL"]["amounts"], [0, 0, 900.0, 300.0, 0, 0]
        )
        self.assertEqual(by_name["Zinc Export Ltd"]["amounts"], [0, 0, 0, 0, 0, 150.0])
        self.assertEqual(len(rows), 2)

    def test_filters(self):
        _buckets, rows = self._summary(
            self._wizard(partner_ids=[Command.set(self.other.ids)])
        )
        self.assertEqual([r["name"] for r in rows], ["Zinc Export Ltd"])
        _buckets, rows = self._summary(
            self._wizard(collector_ids=[Command.set(self.collector.ids)])
        )
        self.assertEqual([r["name"] for r in rows], ["Menuiserie Lefèvre SARL"])

    def test_analysis_view_agrees(self):
        """The pivot analysis (today's open amounts) sums like the report."""
        self.env.flush_all()
        lines = self.env["ar.aged.balance.line"].search(
            [("company_id", "=", self.company.id)]
        )
        by_partner = {}
        for line in lines:
            by_partner[line.partner_id.name] = (
                by_partner.get(line.partner_id.name, 0.0) + line.amount_residual
            )
        # today's residuals count every payment already booked, including the one
        # dated 5 December 2026: the report at a date after all of them agrees
        _buckets, rows = self._summary(self._wizard(date="2099-12-31"))
        self.assertEqual(
            {r["name"]: round(r["total"], 2) for r in rows},
            {name: round(total, 2) for name, total in by_partner.items()},
        )
        # aged with the default buckets: 1 July 2026 is over 120 days ago
        foreign = lines.filtered(lambda line: line.partner_id == self.other)
        labels = dict(lines._fields["bucket"]._description_selection(self.env))
        self.assertEqual(labels[foreign.bucket], "> 120")

    def test_xlsx(self):
        wizard = self._wizard().with_context(lang="en_US")
        action = wizard.action_export_xlsx()
        self.assertEqual(wizard.xlsx_name, "aged_balance_2026-11-23.xlsx")
        self.assertIn(f"/ar.aged.balance/{wizard.id}/xlsx_file/", action["url"])
        data = base64.b64decode(wizard.xlsx_file)
        book = openpyxl.load_workbook(io.BytesIO(data))
        summary, detail = book.worksheets
        self.assertEqual(summary["A3"].value, "Customer")
        self.assertEqual(summary.freeze_panes, "B4")
        self.assertEqual(summary["A4"].value, "Menuiserie Lefèvre SARL")
        self.assertEqual(summary["B4"].value, 1000.0)
        self.assertEqual(summary["C4"].value, -100.0)
        self.assertEqual(summary["H4"].value, "=SUM(B4:G4)")
        self.assertEqual(summary["A6"].value, "Total")
        self.assertEqual(summary["H6"].value, "=SUM(H4:H5)")
        self.assertEqual(summary["A7"].value, "Share")
        self.assertEqual(summary["B7"].value, "=IF($H$6=0,0,B6/$H$6)")
        self.assertIn("€", summary["B4"].number_format)
        self.assertEqual(summary.auto_filter.ref, "A3:H5")
        # the values cached beside the formulas, for readers that do not compute
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
        self.assertEqual(
            [cached.cell(6, col).value for col in range(2, 9)],
            [1000.0, -100.0, 300.0, 400.0, 0, 150.0, 1750.0],
        )
        self.assertAlmostEqual(cached["B7"].value, 1000.0 / 1750.0)
        self.assertEqual(cached["H7"].value, 1.0)
        rows = list(detail.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 5)
        self.assertEqual(sum(r[6] for r in rows), 1750.0)
        paid_later = next(r for r in rows if r[1] == self.inv_paid_later.name)
        self.assertEqual(
            paid_later[:2] + paid_later[4:],
            ("Menuiserie Lefèvre SARL", self.inv_paid_later.name, 83, "61-90", 400.0),
        )
        self.assertEqual(
            [d.date().isoformat() for d in paid_later[2:4]],
            ["2026-08-01", "2026-09-01"],
        )

    def _xlsx_detail(self, max_rows):
        """The XLSX's detail sheets with ``max_rows`` rows a sheet."""
        writer = self.env["report.ar_collection.report_aged_balance_xlsx"]
        self.patch(type(writer), "_max_rows", max_rows)
        data = writer.with_context(lang="en_US")._generate(
            self.company, fields.Date.to_date("2026-11-23")
        )
        book = openpyxl.load_workbook(io.BytesIO(data))
        cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        self.assertEqual(cached.worksheets[0]["H6"].value, 1750.0)
        return book.worksheets[1:]

    def test_xlsx_detail_past_the_sheet_limit(self):
        """Past a sheet's last row the detail goes on in a new sheet under its
        header: every line read back once, text as it was, totals unchanged."""
        self.other.name = " Zinc & <Export> Ltd "
        sheets = self._xlsx_detail(3)  # a header and two lines a sheet
        self.assertEqual(
            [sheet.title for sheet in sheets], ["Detail", "Detail (2)", "Detail (3)"]
        )
        rows = []
        for sheet in sheets:
            self.assertEqual(
                [cell.value for cell in sheet[1]],
                [
                    "Customer",
                    "Document",
                    "Date",
                    "Due date",
                    "Days overdue",
                    "Bucket",
                    "Open amount",
                ],
            )
            self.assertEqual(sheet.freeze_panes, "A2")
            rows.append(list(sheet.iter_rows(min_row=2, values_only=True)))
        self.assertEqual([len(part) for part in rows], [2, 2, 1])
        rows = [row for part in rows for row in part]
        self.assertEqual(sum(row[6] for row in rows), 1750.0)
        self.assertEqual(len({row[1] for row in rows}), 5)
        zinc = [row for row in rows if row[0] == " Zinc & <Export> Ltd "]
        self.assertEqual([row[4:] for row in zinc], [(145, "> 120", 150.0)])
        self.assertEqual(sheets[2].auto_filter.ref, "A1:G2")
        # a sheet filled to its last row: no empty sheet after it
        self.assertEqual([sheet.title for sheet in self._xlsx_detail(6)], ["Detail"])

    def test_detail_streams_every_line_and_leaves_the_planner_as_it_was(self):
        """The detail is planned for all its rows, for its own cursor only."""
        self.env.cr.execute("SET LOCAL cursor_tuple_fraction = 0.25")
        engine = self.env["report.ar_collection.report_aged_balance"]
        rows = list(
            engine._iter_detail(self.company, fields.Date.to_date("2026-11-23"))
        )
        _buckets, summary = self._summary(self._wizard())
        self.assertAlmostEqual(
            sum(row[6] for row in rows), sum(line["total"] for line in summary)
        )
        self.env.cr.execute("SHOW cursor_tuple_fraction")
        self.assertEqual(self.env.cr.fetchone()[0], "0.25")

    def test_pdf(self):
        wizard = self._wizard(show_detail=True)
        report = self.env.ref("ar_collection.ar_aged_balance_report")
        pdf, _type = report.with_context(
            force_report_rendering=True, lang="en_US"
        )._render_qweb_pdf(report, wizard.ids)
        lines = pdf_text(pdf).splitlines()
        self.assertIn("Aged balance at 11/23/2026", lines[0])
        header = next(line for line in lines if line.startswith("Customer"))
        labels = header.split()[1:-1]
        self.assertEqual(
            labels, ["Not", "due", "1-30", "31-60", "61-90", "91-120", ">", "120"]
        )

        def column(line, amount):
            """The bucket under which ``amount`` stands (columns are right-aligned)."""
            end = line.index(amount) + len(amount)
            edges = {
                label: header.index(label) + len(label)
                for label in ("due", "1-30", "31-60", "61-90", "91-120", "120")
            }
            return min(edges, key=lambda label: abs(edges[label] - end))

        def line_of(start):
            return next(line for line in lines if line.strip().startswith(start))

        self.assertRegex(
            line_of("Menuiserie"), r"1,000\.00 €\s+-\W?100\.00 €\s+300\.00 €"
        )
        # the detail: each invoice under its own bucket, paid later or not
        paid_later = line_of(self.inv_paid_later.name)
        self.assertIn("due 09/01/2026 (83 d)", paid_later)
        self.assertEqual(column(paid_later, "400.00"), "61-90")
        self.assertEqual(column(line_of(self.inv_partial.name), "300.00"), "31-60")
        self.assertEqual(column(line_of(self.inv_not_due.name), "1,000.00"), "due")
        self.assertRegex(line_of("Total"), r"150\.00 €\s+1,750\.00 €")
        self.assertRegex(line_of("Share"), r"57\.1 %\s+-5\.7 %\s+17\.1 %\s+22\.9 %")
