from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import html2plaintext

from .common import ArFactoringCommon


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
            f"{self.invoice.name}: 15 jours de retard, relancé par Factor Bank SA : "
            "vérifier auprès du factor",
        )
        self.assertEqual(self.invoice.ar_factor_check_action_id, action)
        self.assertFalse(self.invoice.ar_dunning_line_ids)
        # once per invoice: the next runs leave it to the collector
        self.assertFalse(self._run("2026-11-16"))

    def test_both_dun(self):
        self.contract.dunning_by = "both"
        action = self._run("2026-11-20")
        self.assertEqual(action.dunning_level_id, self.scenario.level_ids)
        self.assertEqual(
            action._ar_letter_data()["factor_payees"],
            [
                {
                    "factor": "Factor Bank SA",
                    "iban": "FR76 3000 1007 9412 3456 7890 185",
                    "clause": self.contract.clause,
                    "invoices": self.invoice.name,
                }
            ],
        )
        report = self.env.ref("ar_collection.ar_collection_action_report_letter")
        html = report.with_context(lang="en_US")._render_qweb_html(report, action.ids)[
            0
        ]
        text = " ".join(html2plaintext(html.decode()).split())
        payee = text[text.index("Payment to the factor") :]
        self.assertIn(f"Invoices {self.invoice.name} were assigned to", payee)
        self.assertIn("Factor Bank SA", payee)
        self.assertIn(
            "pay them to the factor only, account FR76 3000 1007 9412 3456 7890 185",
            payee,
        )
        self.assertIn(self.contract.clause, payee)
