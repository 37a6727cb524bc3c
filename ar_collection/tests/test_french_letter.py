import base64
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArCollectionCommon
from .test_dunning_letter import pdf_text


@tagged("post_install", "-at_install")
class TestFrenchLetter(ArCollectionCommon):
    """Letters read back from the PDF and compared to hand-computed cases,
    with the legal rates of the shipped table (no contractual rate)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_late_interest_rate = 0.0
        cls.company.partner_id.write(
            {
                "ar_legal_form": "sas",
                "ar_siren": "732829320",
                "ar_rcs_city": "Grenoble",
                "street": "12 avenue Alsace-Lorraine",
                "zip": "38000",
                "city": "Grenoble",
            }
        )
        cls.company.ar_share_capital = 50000.0
        cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company.partner_id.id,
                "acc_number": "FR7630006000011234567890189",
                "bank_id": cls.env["res.bank"]
                .create({"name": "Banque Alpine", "bic": "AGRIFRPP881"})
                .id,
            }
        )

    def _notice(self, run_date):
        action = self._run(date=run_date).action_ids
        self.assertEqual(action.letter_style, "formal_notice")
        action.action_plan()
        return action, " ".join(
            pdf_text(base64.b64decode(action.letter_attachment_id.datas)).split()
        )

    def test_business_two_half_years(self):
        invoice = self._invoice(1000.0, "2025-06-10", date="2025-05-01")
        action, text = self._notice("2025-07-26")
        # 20 days at 13.15 % (H1 2025) = 7.21; 26 days at 12.15 % (H2) = 8.65
        self.assertIn(
            f"{invoice.name} 06/11/2025 06/30/2025 20 1,000.00 € 13.15 % 7.21 €", text
        )
        self.assertIn(
            f"{invoice.name} 07/01/2025 07/26/2025 26 1,000.00 € 12.15 % 8.65 €", text
        )
        self.assertIn("Late-payment interest 15.86 €", text)
        self.assertIn("Fixed recovery indemnity 40.00 €", text)
        self.assertIn("Amount to pay 1,055.86 €", text)
        self.assertIn(
            "Amount to pay: one thousand and fifty-five euro, eighty-six cents.", text
        )
        self.assertIn("articles L441-10 and D441-5 of the French Commercial Code", text)
        # the sender's mentions (R123-237)
        self.assertIn(
            "SAS with a share capital of 50,000.00 € — SIREN 732829320 RCS Grenoble "
            "— 12 avenue Alsace-Lorraine, 38000 Grenoble",
            text,
        )
        self.assertIn(
            "Please pay by transfer to IBAN FR76 3000 6000 0112 3456 7890 189, "
            f"BIC AGRIFRPP881, quoting the reference {invoice.name}.",
            text,
        )
        # one amount everywhere
        self.assertEqual(action.amount_claimed, 1055.86)

    def test_french_words_and_basis(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.lang = "fr_FR"
        self._invoice(1000.0, "2025-06-10", date="2025-05-01")
        _action, text = self._notice("2025-07-26")
        self.assertIn("mille cinquante-cinq euros et quatre-vingt-six centimes", text)
        self.assertIn("L441-10", text)
        self.assertIn("D441-5", text)
        self.assertIn("13,15 %", text)
        self.assertIn("12,15 %", text)
        # amounts the French way, to the cent
        self.assertIn("1 000,00 € 13,15 % 7,21 €", text)
        self.assertIn("1 055,86 €", text)

    def test_partly_paid(self):
        invoice = self._invoice(2000.0, "2025-03-31", date="2025-03-01")
        self._pay(invoice, 1200.0, "2025-04-30")
        _action, text = self._notice("2025-05-30")
        # 30 days on 2,000 (21.62), then 30 days on the 800 left (8.65)
        self.assertIn(
            f"{invoice.name} 04/01/2025 04/30/2025 30 2,000.00 € 13.15 % 21.62 €", text
        )
        self.assertIn(
            f"{invoice.name} 05/01/2025 05/30/2025 30 800.00 € 13.15 % 8.65 €", text
        )
        self.assertIn("Amount to pay 870.27 €", text)

    def test_public_buyer(self):
        self.customer.ar_legal_form = "public"
        self.assertEqual(self.customer.ar_debtor_kind, "public")
        self._invoice(1000.0, "2025-05-31", date="2025-05-01")
        _action, text = self._notice("2025-07-16")
        # ECB rate of H1 2025 + 8 points (11.15 %) over the 46 days
        self.assertIn("46 1,000.00 € 11.15 % 14.05 €", text)
        self.assertIn("Amount to pay 1,054.05 €", text)
        self.assertIn("L2192-13, R2192-31 and D2192-35", text)

    def test_consumer_no_charges(self):
        consumer = self.env["res.partner"].create(
            {"name": "Jeanne Martin", "email": "jeanne@example.com", "lang": "en_US"}
        )
        self.assertEqual(consumer.ar_debtor_kind, "consumer")
        self._invoice(1000.0, "2025-05-31", partner=consumer, date="2025-05-01")
        _action, text = self._notice("2025-07-16")
        self.assertIn("Amount to pay 1,000.00 €", text)
        self.assertIn("Amount to pay: one thousand euro.", text)
        self.assertNotIn("Interest", text)
        self.assertNotIn("L441-10", text)

    def test_contract_rate_below_floor(self):
        # H2 2026: legal interest rate 2.62 %, floor 7.86 %
        with self.assertRaises(ValidationError) as error:
            self.company.with_context(lang="en_US").ar_late_interest_rate = 7.5
        self.assertIn("7.50 % is below the legal floor of 7.86 %", str(error.exception))
        self.env["res.lang"]._activate_lang("fr_FR")
        with self.assertRaises(ValidationError) as error:
            self.company.with_context(lang="fr_FR").ar_late_interest_rate = 7.5
        self.assertIn("7,50 %", str(error.exception))
        self.assertIn("7,86 %", str(error.exception))
        self.assertEqual(self.company.ar_late_interest_rate, 0.0)
        with self.assertRaises(ValidationError):
            self.customer.ar_contract_rate = 6.0
        self.customer.ar_contract_rate = 9.0
        self._invoice(1000.0, "2026-10-01")
        _action, text = self._notice("2026-11-23")
        # 53 days at the agreed 9 % = 13.07
        self.assertIn("53 1,000.00 € 9.00 % 13.07 €", text)

    def test_missing_half_year_review(self):
        self.env["ar.late.payment.rate"].search(
            [("date_from", "=", "2026-07-01")]
        ).unlink()
        self._invoice(1000.0, "2026-10-01")
        action = self._run().action_ids
        with self.assertRaises(UserError) as error:
            action.action_plan()
        self.assertIn(
            "The legal rates of the half-year from 2026-07-01 to 2026-12-31 are "
            "not recorded",
            str(error.exception),
        )
        self.assertEqual(action.state, "to_review")
        self.assertFalse(action.letter_attachment_id)
        # an automatic level: the run holds the letter and tells the manager
        self.levels[45].automatic = True
        self.company.ar_credit_manager_id = self.collector
        invoice = self._invoice(500.0, "2026-10-01")
        self._run()
        held = self.env["ar.collection.action"].search(
            [("move_ids", "in", invoice.ids)]
        )
        self.assertEqual(held.state, "to_review")
        self.assertIn("are not recorded", held.delivery_note)
        self.assertFalse(held.letter_attachment_id)
        self.assertEqual(held.activity_ids.user_id, self.collector)

    def test_formal_notice_next_step(self):
        self._invoice(1000.0, "2026-10-01")
        action, _text = self._notice("2026-11-23")
        action.write(
            {
                "registered_letter_number": "1A 234 567 8901 2",
                "date_sent": "2026-11-24",
                "date_acknowledged": "2026-11-26",
            }
        )
        self.assertEqual(action.date_notice_end, date(2026, 12, 4))
        self.assertRecordValues(
            action.next_action_id,
            [{"action_type": "litigation", "date_planned": date(2026, 12, 4)}],
        )
        with self.assertRaises(ValidationError) as error:
            self.company.with_context(lang="en_US").ar_notice_days = 0
        self.assertIn("at least one day", str(error.exception))
        self.assertEqual(self.company.ar_notice_days, 8)
        with self.assertRaises(ValidationError) as error:
            action.with_context(lang="en_US").date_acknowledged = "2026-11-20"
        self.assertIn("received before it was sent", str(error.exception))

    def test_invoice_mentions(self):
        invoice = self._invoice(1000.0, "2026-10-01")
        # the invoice layout's web fonts leave no text in the PDF: read the HTML
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "account.account_invoices", invoice.ids
        )
        text = " ".join(html2plaintext(html.decode()).split())
        self.assertIn(
            "Payment due on the due date shown, without discount for early payment. "
            "Late payment makes penalties due from the day after the due date at the "
            "ECB main refinancing rate of the half-year + 10 points (article L441-10 "
            "of the Code de commerce), and a fixed indemnity for recovery costs of "
            "40.00 € (article D441-5).",
            text,
        )

    def test_formal_notice_by_email(self):
        self.levels[45].write({"channel": "email", "automatic": True})
        self._invoice(1000.0, "2026-10-01")
        action = self._run().action_ids
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "ar.collection.action"),
                ("res_id", "=", action.id),
                ("recipient_ids", "not in", action.user_id.partner_id.ids),
            ]
        )
        self.assertEqual(mail.subject, f"{self.company.name}: Formal notice to pay")
        # contractual 0: 53 days at 12.15 % (fixture H2 2026) = 17.64, + 40
        self.assertIn("1,057.64", mail.body_html)
        self.assertEqual(action.amount_claimed, 1057.64)
        text = " ".join(
            pdf_text(base64.b64decode(action.letter_attachment_id.datas)).split()
        )
        self.assertIn("Formal notice sent by email", text)
        self.assertNotIn("Registered letter", text)
