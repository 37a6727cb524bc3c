from odoo.tests import tagged

from .common import ArFactoringCommon

ENGLISH = ("Taken back", "follow up", "Definanced by")


@tagged("post_install", "-at_install")
class TestFrenchStrings(ArFactoringCommon):
    def test_definancing_reads_in_french(self):
        """The agenda action and the chatter note a definancing composes read
        in French for a French user."""
        self.env["res.lang"]._activate_lang("fr_FR")
        invoice = self._invoice(1000.0, invoice_date_due="2026-10-01")
        self._batch(invoice).action_mark_financed()
        invoice.with_context(lang="fr_FR")._ar_factor_definance("litige client")
        action = self.env["ar.collection.action"].search(
            [("move_ids", "in", invoice.ids)]
        )
        self.assertEqual(
            action.name,
            f"{invoice.name} : Reprise au factor (litige client) — à relancer",
        )
        notes = [str(body) for body in invoice.message_ids.mapped("body")]
        self.assertIn("Définancée par Factor Bank SA : litige client", " ".join(notes))
        for text in (action.name, *notes):
            for fragment in ENGLISH:
                self.assertNotIn(fragment, text)
