import base64
import io

import openpyxl

from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from .common import ArCollectionCommon
from .test_dunning_letter import pdf_text


@tagged("post_install", "-at_install")
class TestCustomerStatement(ArCollectionCommon):
    """A hand-made ledger at 30 November 2026: a partial payment, a credit
    note and a payment on account, one branch; worked out by hand below."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inv_late = cls._invoice(1000.0, "2026-10-01", date="2026-09-01")
        cls.inv_partial = cls._invoice(500.0, "2026-10-31", date="2026-10-01")
        cls._pay(cls.inv_partial, 200.0, "2026-11-10")
        cls.refund = cls._invoice(
            150.0, "2026-11-05", date="2026-11-05", move_type="out_refund"
        )
        cls.on_account = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": 100.0,
                "date": "2026-11-20",
                "journal_id": cls.company_data["default_journal_bank"].id,
            }
        )
        cls.on_account.action_post()
        cls.inv_not_due = cls._invoice(800.0, "2026-12-20", date="2026-11-20")
        cls.inv_after = cls._invoice(250.0, "2026-12-31", date="2026-12-03")
        cls.branch = cls.env["res.partner"].create(
            {
                "name": "Lefèvre Lyon",
                "is_company": True,
                "parent_id": cls.customer.id,
            }
        )
        cls.inv_branch = cls._invoice(
            200.0, "2026-11-15", date="2026-11-01", partner=cls.branch
        )
        cls.date = fields.Date.to_date("2026-11-30")
        cls.engine = cls.env["report.ar_collection.report_customer_statement"]

    def _statement(self, with_branches=False):
        return self.engine.with_context(lang="en_US")._statement(
            self.customer, self.date, self.company, with_branches
        )

    def test_statement_lines_and_totals(self):
        self.assertTrue(self.on_account.move_id, "the payment on account is booked")
        statement = self._statement()
        self.assertEqual(
            [
                (line["document"], line["kind"], line["days_late"], line["amount"])
                for line in statement["lines"]
            ],
            [
                (self.inv_late.name, "out_invoice", 60, 1000.0),
                (self.inv_partial.name, "out_invoice", 30, 300.0),
                (self.refund.name, "out_refund", 25, -150.0),
                (self.on_account.move_id.name, "payment", 10, -100.0),
                (self.inv_not_due.name, "out_invoice", 0, 800.0),
            ],
        )
        self.assertEqual(
            [line["balance"] for line in statement["lines"]],
            [1000.0, 1300.0, 1150.0, 1050.0, 1850.0],
        )
        self.assertEqual(
            statement["buckets"],
            ["Not due", "1-30", "31-60", "61-90", "91-120", "> 120"],
        )
        self.assertEqual(statement["ageing"], [800.0, 50.0, 1000.0, 0.0, 0.0, 0.0])
        self.assertEqual(statement["total"], 1850.0)
        self.assertEqual(statement["total_debit"], 2100.0)
        self.assertEqual(statement["total_credit"], 250.0)
        self.assertEqual(statement["total_overdue"], 1050.0)

    def test_totals_equal_aged_balance(self):
        """Same customer, same date: the statement and the aged balance agree
        bucket by bucket, branches included or not."""
        aged = self.env["report.ar_collection.report_aged_balance"]
        for with_branches, customers in (
            (False, self.customer),
            (True, self.customer | self.branch),
        ):
            _buckets, rows = aged._summary(
                self.company,
                self.date,
                SQL("p.commercial_partner_id = ANY(%s)", customers.ids),
            )
            statement = self._statement(with_branches)
            ageing = [
                sum(amounts)
                for amounts in zip(*(r["amounts"] for r in rows), strict=True)
            ]
            self.assertEqual(statement["ageing"], ageing)
            self.assertEqual(statement["total"], sum(r["total"] for r in rows))
        self.assertEqual(statement["total"], 2050.0)
        self.assertIn(
            ("Lefèvre Lyon", self.inv_branch.name),
            [(line["customer"], line["document"]) for line in statement["lines"]],
        )

    def test_xlsx_read_back(self):
        data = (
            self.env["report.ar_collection.report_customer_statement_xlsx"]
            .with_context(lang="en_US")
            ._generate([self._statement()])
        )
        sheet = openpyxl.load_workbook(io.BytesIO(data))["Menuiserie Lefèvre SARL"]
        self.assertIn(
            "Statement of account of Menuiserie Lefèvre SARL", sheet["A1"].value
        )
        self.assertEqual(
            [cell.value for cell in sheet[3]],
            [
                "Customer",
                "Document",
                "Type",
                "Date",
                "Due date",
                "Days late",
                "Open amount",
                "Balance",
            ],
        )
        self.assertEqual(
            [cell.value for cell in sheet[4]][1:],
            [
                self.inv_late.name,
                "Invoice",
                fields.Datetime.to_datetime("2026-09-01"),
                fields.Datetime.to_datetime("2026-10-01"),
                60,
                1000.0,
                1000.0,
            ],
        )
        self.assertEqual(sheet["C6"].value, "Credit note")
        self.assertEqual(sheet["C7"].value, "Payment")
        self.assertEqual(sheet["H8"].value, 1850.0)
        self.assertEqual((sheet["F9"].value, sheet["G9"].value), ("Total", 1850.0))
        self.assertEqual(
            [cell.value for cell in sheet[13]][1:],
            [800.0, 50.0, 1000.0, 0.0, 0.0, 0.0, 1850.0],
        )

    def test_xlsx_lines_past_the_sheet_limit(self):
        """Past a sheet's last row the lines go on in the next sheet, under
        the title and header; the total and the ageing follow the last line."""
        aged_xlsx = self.env["report.ar_collection.report_aged_balance_xlsx"]
        self.patch(type(aged_xlsx), "_max_rows", 10)  # two lines a sheet
        statement = self._statement()
        data = (
            self.env["report.ar_collection.report_customer_statement_xlsx"]
            .with_context(lang="en_US")
            ._generate([statement])
        )
        sheets = openpyxl.load_workbook(io.BytesIO(data)).worksheets
        self.assertEqual(
            [sheet.title for sheet in sheets],
            [
                "Menuiserie Lefèvre SARL",
                "Menuiserie Lefèvre SAR (2)",
                "Menuiserie Lefèvre SAR (3)",
            ],
        )
        documents = []
        for sheet in sheets:
            self.assertIn("Statement of account of", sheet["A1"].value)
            self.assertEqual(sheet["A3"].value, "Customer")
            documents += [sheet.cell(row, 2).value for row in (4, 5)]
        self.assertEqual(documents[0], self.inv_late.name)
        self.assertEqual(
            documents, [line["document"] for line in statement["lines"]] + [None]
        )
        last = sheets[-1]
        self.assertEqual(last["H4"].value, 1850.0)
        self.assertEqual((last["F5"].value, last["G5"].value), ("Total", 1850.0))
        self.assertEqual(last["H9"].value, 1850.0)
        self.assertIsNone(sheets[0]["F6"].value)

    def _pdf(self, partner, **data):
        report = self.env.ref("ar_collection.ar_customer_statement_report")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report,
            partner.ids,
            data={"date_at": "2026-11-30", "company_id": self.company.id, **data},
        )
        return pdf_text(pdf)

    def test_pdf_text(self):
        text = self._pdf(self.customer)
        self.assertIn("Statement of account at 11/30/2026", text)
        for move in (self.inv_late, self.inv_partial, self.refund, self.inv_not_due):
            self.assertIn(move.name, text)
        self.assertNotIn(self.inv_after.name, text)
        self.assertNotIn(self.inv_branch.name, text)
        self.assertRegex(text, r"Balance due\s+.*1,850\.00")
        self.assertRegex(text, r"Of which overdue\s+.*1,050\.00")
        with_branches = self._pdf(self.customer, with_branches=True)
        self.assertIn("and its branches", with_branches)
        self.assertIn(self.inv_branch.name, with_branches)
        self.assertRegex(with_branches, r"Balance due\s+.*2,050\.00")

    def test_french_pdf(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.lang = "fr_FR"
        text = self._pdf(self.customer)
        self.assertIn("Relevé de compte au 30/11/2026", text)
        self.assertIn("Solde dû", text)
        self.assertIn("Avoir", text)

    def test_send_in_bulk(self):
        """The wizard emails each customer its own statement; a customer
        without an email address is reported, not mailed."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.branch.lang = "fr_FR"
        self.branch.email = "lyon@lefevre.example"
        silent = self.env["res.partner"].create(
            {"name": "Sans Mail", "is_company": True}
        )
        wizard = (
            self.env["ar.customer.statement"]
            .with_context(
                active_model="res.partner",
                active_ids=[self.customer.id, self.branch.id, silent.id],
            )
            .create({"date_at": "2026-11-30"})
        )
        self.assertEqual(wizard.partner_ids, self.customer | self.branch | silent)
        result = wizard.with_context(
            lang="en_US", force_report_rendering=True
        ).action_send()
        self.assertIn("2 statement(s) sent", result["params"]["message"])
        self.assertIn("Sans Mail", result["params"]["message"])
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", (self.customer | self.branch | silent).ids),
            ]
        )
        by_partner = {mail.res_id: mail for mail in mails}
        self.assertEqual(set(by_partner), {self.customer.id, self.branch.id})
        mail = by_partner[self.customer.id]
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertIn("your statement of account", mail.subject)
        self.assertIn("Menuiserie Lefèvre SARL", mail.body_html)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertRegex(
            pdf_text(base64.b64decode(mail.attachment_ids.datas)),
            r"Balance due\s+.*1,850\.00",
        )
        french = by_partner[self.branch.id]
        self.assertIn("votre relevé de compte", french.subject)
        self.assertIn(
            "Relevé de compte au",
            pdf_text(base64.b64decode(french.attachment_ids.datas)),
        )
