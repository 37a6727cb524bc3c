import io

import openpyxl

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.ar_collection.models.ar_aging_bucket import (
    DEFAULT_BUCKETS,
    bucket_index,
)

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

    def test_bucket_pure(self):
        self.assertEqual(bucket_index(-3, DEFAULT_BUCKETS), 0)
        self.assertEqual(bucket_index(0, DEFAULT_BUCKETS), 0)
        self.assertEqual(bucket_index(1, DEFAULT_BUCKETS), 1)
        self.assertEqual(bucket_index(61, DEFAULT_BUCKETS), 3)
        self.assertEqual(bucket_index(500, DEFAULT_BUCKETS), 5)

    def test_summary_at_date(self):
        buckets, rows = self._wizard()._compute_summary()
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
        _buckets, rows = self._wizard(date="2026-10-20")._compute_summary()
        row = {r["name"]: r for r in rows}["Menuiserie Lefèvre SARL"]
        # no partial payment yet, no refund, the first invoice not yet issued:
        # 500 at 10 days, 400 at 49 days
        self.assertEqual(row["amounts"], [0, 500.0, 400.0, 0, 0, 0])

    def test_filters(self):
        _buckets, rows = self._wizard(
            partner_ids=[Command.set(self.other.ids)]
        )._compute_summary()
        self.assertEqual([r["name"] for r in rows], ["Zinc Export Ltd"])
        _buckets, rows = self._wizard(
            collector_ids=[Command.set(self.collector.ids)]
        )._compute_summary()
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
        _buckets, rows = self._wizard(date="2099-12-31")._compute_summary()
        self.assertEqual(
            {r["name"]: round(r["total"], 2) for r in rows},
            {name: round(total, 2) for name, total in by_partner.items()},
        )

    def test_xlsx(self):
        data = self._wizard().with_context(lang="en_US")._build_xlsx()
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
        self.assertEqual(summary["B7"].value, "=IF($H$6=0,0,B6/$H$6)")
        self.assertIn("€", summary["B4"].number_format)
        self.assertEqual(summary.auto_filter.ref, "A3:H5")
        rows = list(detail.iter_rows(min_row=2, values_only=True))
        self.assertEqual(len(rows), 5)
        self.assertEqual(sum(r[6] for r in rows), 1750.0)
        self.assertIn(self.inv_partial.name, [r[1] for r in rows])

    def test_detail_streams_every_line_and_leaves_the_planner_as_it_was(self):
        """The detail is planned for all its rows, for its own cursor only."""
        self.env.cr.execute("SET LOCAL cursor_tuple_fraction = 0.25")
        wizard = self._wizard()
        rows = list(wizard._iter_detail())
        _buckets, summary = wizard._compute_summary()
        self.assertAlmostEqual(
            sum(row[6] for row in rows), sum(line["total"] for line in summary)
        )
        self.env.cr.execute("SHOW cursor_tuple_fraction")
        self.assertEqual(self.env.cr.fetchone()[0], "0.25")

    def test_pdf(self):
        wizard = self._wizard(show_detail=True)
        report = self.env.ref("ar_collection.ar_aged_balance_report")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report, wizard.ids
        )
        text = pdf_text(pdf)
        self.assertIn("Menuiserie Lefèvre SARL", text)
        self.assertIn("Zinc Export Ltd", text)
        self.assertIn(self.inv_paid_later.name, text)
        self.assertRegex(text, r"1\D?750[.,]00")
        self.assertTrue(fields.Date.to_date("2026-11-23"))
