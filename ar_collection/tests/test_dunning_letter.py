import base64
import io
import subprocess
import tempfile

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import ArCollectionCommon


def pdf_text(data):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        return subprocess.run(
            ["pdftotext", "-layout", pdf.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestDunningLetter(ArCollectionCommon):
    def test_formal_notice_letter_text(self):
        notice = self._invoice(1000.0, "2026-10-01")
        refund = self._invoice(100.0, date="2026-10-05", move_type="out_refund")
        action = self._run().action_ids
        self.assertEqual(action.move_ids, notice)
        action.action_plan()  # the credit manager validates the formal notice
        text = pdf_text(base64.b64decode(action.letter_attachment_id.datas))
        self.assertIn("Formal notice to pay", text)
        self.assertIn(notice.name, text)
        self.assertIn("53", text)  # days late on 23 November
        self.assertIn(refund.name, text)  # the credit note reduces the amount asked
        # 1,000.00 - 100.00 + interest 14.52 (10 % over 53 days) + indemnity 40.00
        self.assertRegex(text, r"Late-payment interest.*14\.52")
        self.assertRegex(text, r"Fixed recovery indemnity\s+.*40\.00")
        self.assertRegex(text, r"Amount to pay\s+.*954\.52")
        self.assertIn(
            "Amount to pay: nine hundred and fifty-four euro, fifty-two cents.",
            " ".join(text.split()),
        )
        self.assertIn("L441-10", text)
        # printed again identically: the same stored letter
        self.assertEqual(action._ar_render_letter(), action.letter_attachment_id)

    def test_french_letter(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.lang = "fr_FR"
        self._invoice(1000.0, "2026-10-01")
        action = self._run().action_ids
        action.action_plan()
        text = pdf_text(base64.b64decode(action.letter_attachment_id.datas))
        self.assertIn("Mise en demeure de payer", text)
        self.assertIn("mille cinquante-quatre euros", text.lower())
        self.assertIn("Pénalités de retard", text)

    def test_email_queued_with_letter(self):
        invoice = self._invoice(300.0, "2026-11-10")
        action = self._run().action_ids
        self.assertEqual(action.state, "done")
        mail = self._mail_of(action)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertEqual(mail.attachment_ids, action.letter_attachment_id)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        # the trace stays on the invoice and the customer
        self.assertIn(action.letter_attachment_id, invoice.message_ids.attachment_ids)
        self.assertIn(
            action.letter_attachment_id, self.customer.message_ids.attachment_ids
        )

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

    def test_email_with_invoices_attached(self):
        """The level decides whether the invoices go with the letter."""
        first = self._invoice(300.0, "2026-11-10")
        without = self._run().action_ids
        self.assertEqual(
            self._mail_of(without).attachment_ids, without.letter_attachment_id
        )
        self.levels[10].attach_invoices = True
        later = self._invoice(200.0, "2026-11-20")
        action = self._run(date="2026-12-01").action_ids
        # the new reminder lists every overdue invoice, the first one too
        self.assertEqual(action.move_ids, first | later)
        attachments = self._mail_of(action).attachment_ids
        invoices_pdf = attachments - action.letter_attachment_id
        self.assertEqual(len(attachments), 2)
        self.assertRecordValues(
            invoices_pdf,
            [
                {
                    "name": "Invoices Menuiserie Lefèvre SARL.pdf",
                    "mimetype": "application/pdf",
                }
            ],
        )
        # the two invoices (a page each), not the first reminder letter posted
        # on one of them (invoices print in web fonts: no text to read back)
        data = base64.b64decode(invoices_pdf.datas)
        self.assertEqual(len(PdfFileReader(io.BytesIO(data)).pages), 2)
        self.assertNotIn("Reminder", pdf_text(data))

    def test_no_email_falls_back_to_letter(self):
        self.customer.email = False
        self._invoice(300.0, "2026-11-10")
        action = self._run().action_ids
        self.assertEqual(action.action_type, "letter")
        self.assertIn("No email address", action.delivery_note)
        self.assertTrue(action.letter_attachment_id)

    def test_invoicing_contact_receives(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Service comptable",
                "parent_id": self.customer.id,
                "type": "invoice",
                "email": "factures@lefevre.example",
            }
        )
        self._invoice(300.0, "2026-11-10")
        action = self._run().action_ids
        mail = self._mail_of(action)
        self.assertEqual(mail.recipient_ids, contact)

    def test_bounce_turns_into_letter(self):
        self._invoice(300.0, "2026-11-10")
        action = self._run().action_ids
        action.message_ids.notification_ids.sudo().write(
            {"notification_status": "bounce"}
        )
        self.assertTrue(action.mail_failed)
        Action = self.env["ar.collection.action"]
        Action._cron_handle_bounces(fields.Date.to_date("2026-11-24"))
        follow_up = Action.search(
            [("partner_id", "=", self.customer.id), ("id", "!=", action.id)]
        )
        self.assertRecordValues(
            follow_up,
            [
                {
                    "action_type": "letter",
                    "state": "planned",
                    "date_planned": fields.Date.to_date("2026-11-24"),
                    "user_id": self.collector.id,
                    "move_ids": action.move_ids.ids,
                }
            ],
        )
        self.assertTrue(follow_up.letter_attachment_id)
        self.assertTrue(action.bounce_handled)
        # handled once: the next day's step leaves it alone
        Action._cron_handle_bounces(fields.Date.to_date("2026-11-25"))
        self.assertEqual(
            Action.search_count([("partner_id", "=", self.customer.id)]), 2
        )

    def test_reminded_invoice_reset_needs_reason(self):
        invoice = self._invoice(300.0, "2026-11-10")
        self._run()
        with self.assertRaisesRegex(UserError, "already received reminders"):
            invoice.with_context(lang="en_US").button_draft()
        self.env["ar.dunning.reset"].create(
            {"move_ids": invoice.ids, "reason": "Mauvaise adresse de facturation"}
        ).action_confirm()
        self.assertEqual(invoice.state, "draft")
        self.assertIn(
            "Mauvaise adresse de facturation",
            " ".join(invoice.message_ids.mapped("body")),
        )
