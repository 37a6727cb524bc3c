import base64

from markupsafe import Markup

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.letter_wording import render_body
from .common import ArCollectionCommon
from .test_dunning_letter import pdf_text


def flat(text):
    return " ".join(text.split())


@tagged("post_install", "-at_install")
class TestLetterWording(ArCollectionCommon):
    """The letter text and the email are the company's, edited on the level;
    an invoice of 300.00 due on 10 November is 13 days late on 23 November
    (the first reminder, by email)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls.levels[10]
        cls.invoice = cls._invoice(300.0, "2026-11-10")

    def _mail_of(self, action):
        """The reminder as the customer gets it (the responsible, who
        follows the action, gets a copy of their own)."""
        return self.env["mail.mail"].search(
            [
                ("model", "=", "ar.collection.action"),
                ("res_id", "=", action.id),
                ("recipient_ids", "not in", action.user_id.partner_id.ids),
            ]
        )

    def test_edited_wording_in_pdf_and_email(self):
        self.first.letter_body = (
            "<p>To the accounts of {{ customer }}: {{ amount }} is overdue.</p>"
            "<div>{{ invoice_table }}</div><div>{{ payment_details }}</div>"
            "<p>Best wishes from {{ company }}.</p>"
        )
        self.first.mail_template_id = self.env["mail.template"].create(
            {
                "name": "Our own reminder",
                "model_id": self.env.ref("ar_collection.model_ar_collection_action").id,
                "subject": "Overdue: {{ object.partner_id.name }}",
                "body_html": '<p>Hello <t t-out="object.partner_id.name"/>, '
                "our letter is attached.</p>",
            }
        )
        action = self._run().action_ids
        self.assertEqual(action.dunning_level_id, self.first)
        text = flat(pdf_text(base64.b64decode(action.letter_attachment_id.datas)))
        self.assertIn(
            "To the accounts of Menuiserie Lefèvre SARL: 300.00 € is overdue.",
            text,
        )
        self.assertIn(self.invoice.name, text)
        self.assertIn(f"Please quote the reference {self.invoice.name} with your", text)
        self.assertIn(f"Best wishes from {self.company.name}.", text)
        # the shipped wording and the blocks left out are gone
        self.assertNotIn("Unless we are mistaken", text)
        self.assertNotIn("Dear Sir or Madam", text)
        self.assertNotIn("Amount to pay:", text)
        mail = self._mail_of(action)
        self.assertEqual(mail.subject, "Overdue: Menuiserie Lefèvre SARL")
        self.assertIn(
            "Hello Menuiserie Lefèvre SARL, our letter is attached.", mail.body_html
        )
        self.assertEqual(mail.attachment_ids, action.letter_attachment_id)

    def test_shipped_wording_in_french_and_english(self):
        self.first.action_load_default_wording()  # en_US only
        english = self.first.letter_body
        self.assertIn("Unless we are mistaken", english)
        self.assertIn("{{ invoice_table }}", english)
        self.env["res.lang"]._activate_lang("fr_FR")
        self.first.action_load_default_wording()
        french = self.first.with_context(lang="fr_FR").letter_body
        self.assertIn("Sauf erreur de notre part", french)
        self.assertIn("{{ invoice_table }}", french)
        self.assertEqual(self.first.with_context(lang="en_US").letter_body, english)
        self.customer.lang = "fr_FR"
        action = self._run().action_ids
        text = flat(pdf_text(base64.b64decode(action.letter_attachment_id.datas)))
        self.assertIn("Madame, Monsieur,", text)
        self.assertIn("Sauf erreur de notre part", text)
        self.assertIn("Montant à payer", text)

    def test_wording_by_scenario(self):
        """A large account is not addressed like a small one."""
        large = self.env["res.partner"].create(
            {"name": "Grands Comptes SA", "is_company": True, "lang": "en_US"}
        )
        big = self._invoice(25000.0, "2026-11-10", partner=large)
        scenario = self.env["ar.dunning.scenario"].create(
            {
                "name": "Large accounts",
                "priority": 5,
                "amount_min": 20000.0,
                "level_ids": [
                    Command.create(
                        {
                            "name": "Account manager's letter",
                            "offset_days": 10,
                            "channel": "letter",
                            "letter_body": "<p>Dear partner, {{ customer }} "
                            "owes {{ amount }}.</p><div>{{ invoice_table }}</div>",
                        }
                    )
                ],
            }
        )
        actions = self._run().action_ids
        by_partner = {action.partner_id: action for action in actions}
        large_text = flat(
            pdf_text(base64.b64decode(by_partner[large]._ar_render_letter().datas))
        )
        self.assertEqual(by_partner[large].dunning_level_id, scenario.level_ids)
        self.assertIn("Dear partner, Grands Comptes SA owes 25,000.00 €.", large_text)
        self.assertIn(big.name, large_text)
        small_text = flat(
            pdf_text(
                base64.b64decode(by_partner[self.customer]._ar_render_letter().datas)
            )
        )
        self.assertIn("Unless we are mistaken", small_text)
        self.assertNotIn("Dear partner", small_text)

    def test_unknown_placeholder_refused(self):
        for body, name in (
            ("<p>{{ object.sudo().name }}</p>", r"object\.sudo\(\)\.name"),
            ("<p>{{ 7 * 7 }}</p>", r"7 \* 7"),
        ):
            # the message names the refused placeholder (in the user's language)
            with self.assertRaisesRegex(ValidationError, name):
                self.first.letter_body = body

    def test_placeholder_values_escaped(self):
        self.assertEqual(
            render_body(
                "<p>{{ customer }}</p>{{ invoice_table }}",
                {"customer": "A & <b>B</b>", "invoice_table": Markup("<table/>")},
            ),
            "<p>A &amp; &lt;b&gt;B&lt;/b&gt;</p><table/>",
        )

    def test_preview_writes_nothing(self):
        self.first.letter_body = (
            "<p>Preview for {{ customer }}: {{ amount }}.</p>"
            "<div>{{ invoice_table }}</div>"
        )
        counts = [
            self.env[model].search_count([])
            for model in ("ar.collection.action", "ir.attachment", "mail.mail")
        ]
        preview = (
            self.env["ar.dunning.level.preview"]
            .with_context(lang="en_US")
            .create({"level_id": self.first.id, "partner_id": self.customer.id})
        )
        text = flat(preview.preview)
        self.assertIn("Preview for Menuiserie Lefèvre SARL:", text)
        self.assertIn(self.invoice.name, text)
        self.assertIn("300.00", text)
        self.assertEqual(
            counts,
            [
                self.env[model].search_count([])
                for model in ("ar.collection.action", "ir.attachment", "mail.mail")
            ],
        )
        self.assertFalse(self.invoice.ar_dunning_line_ids)

    def test_statement_attached_to_reminder(self):
        self.first.attach_statement = True
        self._invoice(800.0, "2026-12-20", date="2026-11-20")  # not yet due
        action = (
            self.env["ar.dunning.run"]
            .with_context(lang="en_US", force_report_rendering=True)
            ._run_for_company(self.company, date=fields.Date.to_date("2026-11-23"))
            .action_ids
        )
        mail = self._mail_of(action)
        statement = mail.attachment_ids - action.letter_attachment_id
        self.assertEqual(len(mail.attachment_ids), 2)
        self.assertEqual(statement.mimetype, "application/pdf")
        text = flat(pdf_text(base64.b64decode(statement.datas)))
        self.assertIn("Statement of account at 11/23/2026", text)
        self.assertRegex(text, r"Balance due \S*\s?1,100\.00")
        self.assertRegex(text, r"Of which overdue \S*\s?300\.00")
