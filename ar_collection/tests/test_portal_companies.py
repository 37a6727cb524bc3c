from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .portal_common import ArPortalCommon


@tagged("post_install", "-at_install")
class TestPortalCompanies(ArPortalCommon):
    """A customer invoiced by two companies of the database sees one section
    per company, each with its own invoices, totals and currency; nothing of
    another customer, nothing of a company that does not invoice it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chf = cls.env.ref("base.CHF")
        chf.active = True
        cls.geneva = cls.setup_other_company(name="Filiale Genève", currency_id=chf.id)[
            "company"
        ]
        cls.geneva_invoice = cls._invoice_in(cls.geneva, cls.customer, 430.0, 12)
        # another customer of the same subsidiary, and a third company that
        # never invoiced the customer
        cls.geneva_other = cls._invoice_in(cls.geneva, cls.other, 777.0, 12)
        cls.lille = cls.setup_other_company(name="Filiale Lille")["company"]
        cls._invoice_in(cls.lille, cls.other, 555.0, 3)

    @classmethod
    def _invoice_in(cls, company, partner, amount, days_late):
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "invoice_date": cls.today - timedelta(days=days_late + 30),
                    "invoice_date_due": cls.today - timedelta(days=days_late),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Travaux",
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
        )
        move.action_post()
        return move

    @staticmethod
    def _row(invoice):
        """The invoice's tick box (names repeat across companies' journals)."""
        return f'name="move_ids" value="{invoice.id}"'

    def _sections(self, text):
        """{company name: its section's HTML}, in the page's order."""
        parts = text.split('class="o_ar_company_section')[1:]
        return {
            part.split('data-company="', 1)[1].split('"', 1)[0]: part for part in parts
        }

    def test_one_section_per_company(self):
        page = self.url_open(self._path())
        self.assertEqual(page.status_code, 200)
        sections = self._sections(page.text)
        self.assertEqual(list(sections), [self.company.name, "Filiale Genève"])
        main, geneva = sections.values()
        for invoice in (self.inv_late, self.inv_late2, self.inv_not_due):
            self.assertIn(self._row(invoice), main)
            self.assertNotIn(self._row(invoice), geneva)
        self.assertIn(self._row(self.geneva_invoice), geneva)
        self.assertNotIn(self._row(self.geneva_invoice), main)
        # each its own totals, in its own currency
        self.assertIn("1,500.00", main)
        self.assertNotIn("CHF", main)
        amount = r'>CHF\W<span class="oe_currency_value">%s</span>'
        self.assertRegex(geneva, r"o_ar_total_overdue[^>]*" + amount % r"430\.00")
        self.assertRegex(geneva, r"o_ar_total_not_due[^>]*" + amount % r"0\.00")
        self.assertIn(f'name="company_id" value="{self.geneva.id}"', geneva)
        # another customer's invoice in the same company, a company that
        # never invoiced the customer: nothing shows
        self.assertNotIn(self._row(self.geneva_other), page.text)
        self.assertNotIn(f"/invoice/{self.geneva_other.id}/", page.text)
        self.assertNotIn("Filiale Lille", page.text)

    def test_portal_user_sees_both_companies(self):
        self.authenticate("lefevre_portal", "lefevre_portal")
        page = self.url_open("/my/account-statement")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(
            list(self._sections(page.text)), [self.company.name, "Filiale Genève"]
        )
        self.assertIn(self._row(self.geneva_invoice), page.text)
        self.assertNotIn(self._row(self.geneva_other), page.text)

    def test_promise_and_pdf_in_the_subsidiary(self):
        csrf = self._csrf()
        response = self.url_open(
            self._path("/promise"),
            data={
                "csrf_token": csrf,
                "company_id": self.geneva.id,
                "move_ids": self.geneva_invoice.id,
                "date_promised": str(self.today + timedelta(days=7)),
                "payment_means": "transfer",
            },
        )
        self.assertEqual(response.status_code, 200)
        promise = self.env["ar.collection.promise"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(
            promise, [{"company_id": self.geneva.id, "amount": 430.0}]
        )
        self.assertEqual(promise.move_ids, self.geneva_invoice)
        pdf = self.url_open(self._path("/pdf") + f"&company_id={self.geneva.id}")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # a company that does not invoice the customer: nothing disclosed
        with mute_logger("odoo.http"):
            closed = self.url_open(self._path("/pdf") + f"&company_id={self.lille.id}")
        self.assertEqual(closed.status_code, 404)
