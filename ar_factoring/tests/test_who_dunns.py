import base64

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import html2plaintext

from odoo.addons.ar_collection.tests.test_dunning_letter import pdf_text

from .common import ArFactoringCommon

COMPANY_IBAN = "FR1420041010050500013M02606"
PAYEE_EN = (
    "These invoices were assigned to our factor, who receives their payment by "
    "subrogation: to discharge your debt, pay them to the factor only."
)
PAYEE_FR = (
    "Ces factures ont été cédées à notre factor, qui en reçoit le paiement par "
    "subrogation : pour vous libérer de votre dette, réglez-les uniquement au "
    "factor."
)


@tagged("post_install", "-at_install")
class TestWhoDunns(ArFactoringCommon):
    """The contract's "who dunns" decides what the dunning run does with an
    assigned invoice, 20 days late."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.customer.lang = "en_US"
        cls.collector = cls.env["res.users"].create(
            {"name": "Claire Recouvrement", "login": "claire_hf"}
        )
        cls.customer.ar_collector_id = cls.collector
        cls.scenario = cls.env["ar.dunning.scenario"].create(
            {
                "name": "Standard",
                "is_default": True,
                "level_ids": [
                    Command.create(
                        {
                            "name": "First reminder",
                            "offset_days": 10,
                            "channel": "letter",
                            "letter_style": "reminder",
                            "automatic": False,
                        }
                    )
                ],
            }
        )
        cls.contract.factor_bank_id = cls.env["res.partner.bank"].create(
            {"acc_number": "FR7630001007941234567890185", "partner_id": cls.factor.id}
        )
        cls.invoice = cls._invoice(1000.0, invoice_date_due="2026-10-31")
        cls._batch(cls.invoice)

    def _run(self, day):
        run = (
            self.env["ar.dunning.run"]
            .with_context(lang="fr_FR")
            ._run_for_company(self.company, date=fields.Date.to_date(day))
        )
        return run.action_ids.filtered(lambda a: self.invoice in a.move_ids)

    def test_company_dunns(self):
        self.contract.dunning_by = "company"
        action = self._run("2026-11-20")
        self.assertRecordValues(
            action,
            [
                {
                    "origin": "dunning",
                    "dunning_level_id": self.scenario.level_ids.id,
                    "state": "to_review",
                }
            ],
        )
        self.assertFalse(action._ar_letter_data()["factor_payees"])

    def test_factor_dunns(self):
        # the run names its actions in the company's language
        self.env["res.lang"]._activate_lang("fr_FR")
        self.contract.company_id.partner_id.lang = "fr_FR"
        self.contract.write({"dunning_by": "factor", "factor_check_days": 15})
        self.assertFalse(self._run("2026-11-14"))  # 14 days late: not yet
        action = self._run("2026-11-15")
        self.assertRecordValues(
            action,
            [
                {
                    "origin": "factoring",
                    "dunning_level_id": False,
                    "action_type": "call",
                    "user_id": self.collector.id,
                    "date_planned": fields.Date.to_date("2026-11-15"),
                }
            ],
        )
        self.assertEqual(
            action.name,
            f"{self.invoice.name} : 15 jours de retard, relancé par Factor Bank SA : "
            "vérifier auprès du factor",
        )
        self.assertEqual(self.invoice.ar_factor_check_action_id, action)
        self.assertFalse(self.invoice.ar_dunning_line_ids)
        # once per invoice: the next runs leave it to the collector
        self.assertFalse(self._run("2026-11-16"))

    def test_both_dun(self):
        """The letter (its PDF read back) names the factor as payee with its
        IBAN, in the contract's payee wording, in the customer's language."""
        self.contract.dunning_by = "both"
        action = self._run("2026-11-20")
        self.assertEqual(action.dunning_level_id, self.scenario.level_ids)
        self.assertEqual(
            action._ar_letter_data()["factor_payees"],
            [
                {
                    "factor": "Factor Bank SA",
                    "iban": "FR76 3000 1007 9412 3456 7890 185",
                    "invoices": self.invoice.name,
                    "wording": PAYEE_EN,
                    "clause": self.contract.with_context(lang="en_US").clause,
                    "payee": f"Invoices {self.invoice.name}: payee Factor Bank SA, "
                    "IBAN FR76 3000 1007 9412 3456 7890 185.",
                }
            ],
        )
        text = " ".join(
            pdf_text(base64.b64decode(action._ar_render_letter().datas)).split()
        )
        payee = text[text.index("Payment to the factor") :]
        self.assertTrue(payee.startswith(f"Payment to the factor {PAYEE_EN}"), payee)
        self.assertIn(
            f"Invoices {self.invoice.name}: payee Factor Bank SA, "
            "IBAN FR76 3000 1007 9412 3456 7890 185.",
            payee,
        )
        self.assertIn("subrogation", payee)

    def test_both_dun_french_edited_wording(self):
        """The wording is the contract's, edited per language: a French
        customer reads the French one."""
        self.contract.dunning_by = "both"
        self.customer.lang = "fr_FR"
        self.assertEqual(self.contract.with_context(lang="fr_FR").payee_text, PAYEE_FR)
        self.contract.with_context(
            lang="fr_FR"
        ).payee_text = "Ces factures sont à régler à Factor Bank SA, notre affactureur."
        self.assertEqual(self.contract.with_context(lang="en_US").payee_text, PAYEE_EN)
        action = self._run("2026-11-20")
        text = " ".join(
            pdf_text(base64.b64decode(action._ar_render_letter().datas)).split()
        )
        self.assertIn(
            "Paiement au factor Ces factures sont à régler à Factor Bank SA, notre "
            f"affactureur. Factures {self.invoice.name} : bénéficiaire Factor Bank SA, "
            "IBAN FR76 3000 1007 9412 3456 7890 185.",
            text,
        )

    def test_both_dun_email(self):
        """The reminder email says it too, above the letter attached."""
        self.contract.dunning_by = "both"
        self.customer.email = "compta@martin.example"
        self.contact.email = "jeanne@martin.example"
        self.scenario.level_ids.write({"channel": "email", "automatic": True})
        action = self._run("2026-11-20")
        self.assertEqual(action.state, "done")
        # to the customer only: the collector follows the action (for the
        # replies) and gets no copy of the reminder
        mail = self.env["mail.mail"].search(
            [("model", "=", "ar.collection.action"), ("res_id", "=", action.id)]
        )
        self.assertEqual(mail.recipient_ids, self.contact)
        self.assertIn(action.user_id.partner_id, action.message_follower_ids.partner_id)
        self.assertEqual(action.user_id.notification_type, "email")
        # the customer's reply reaches the collector
        action.message_post(
            body="We pay on Friday.",
            author_id=self.contact.id,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(
            self.env["mail.mail"].search(
                [
                    ("model", "=", "ar.collection.action"),
                    ("res_id", "=", action.id),
                    ("recipient_ids", "in", action.user_id.partner_id.ids),
                ]
            )
        )
        body = " ".join(html2plaintext(mail.body_html).split())
        self.assertIn(
            f"{PAYEE_EN} Invoices {self.invoice.name}: payee Factor Bank SA, "
            "IBAN FR76 3000 1007 9412 3456 7890 185.",
            body,
        )
        # a customer whose company dunns alone reads no such paragraph
        self.contract.dunning_by = "company"
        self.assertEqual(action._ar_payment_notes(), [])

    def test_both_dun_mixed_letter(self):
        """A letter with an invoice the factor holds and one it does not: the
        factor is payee of its invoice only, the company's account stays for
        the other."""
        self.contract.dunning_by = "both"
        self.env["res.partner.bank"].create(
            {"acc_number": COMPANY_IBAN, "partner_id": self.company.partner_id.id}
        )
        self.contract.state = "closed"  # posted while not factored
        own = self._invoice(200.0, invoice_date_due="2026-10-31")
        self.contract.state = "active"
        self.assertFalse(own.ar_factor_state)
        action = self._run("2026-11-20")
        self.assertEqual(action.move_ids, self.invoice | own)
        text = " ".join(
            pdf_text(base64.b64decode(action._ar_render_letter().datas)).split()
        )
        self.assertIn(
            f"Invoices {self.invoice.name}: payee Factor Bank SA, "
            "IBAN FR76 3000 1007 9412 3456 7890 185.",
            text,
        )
        self.assertIn(
            "Please pay by transfer to IBAN FR14 2004 1010 0505 0001 3M02 606", text
        )
