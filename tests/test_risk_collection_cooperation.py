"""ar_risk and ar_collection installed together cooperate through hooks."""

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestRiskCollectionCooperation(AccountTestInvoicingCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.ar_credit_policy = "none"
        cls.scenario = cls.env["ar.dunning.scenario"].create(
            {
                "name": "Standard",
                "is_default": True,
                "level_ids": [
                    Command.create(
                        {"name": "First", "offset_days": 10, "channel": "call"}
                    )
                ],
            }
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {"name": "Sain SARL", "is_company": True},
                {"name": "En RJ SAS", "is_company": True},
            ]
        )
        for customer in cls.customers:
            invoice = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": "2026-09-01",
                    "invoice_date_due": "2026-10-01",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "x",
                                "quantity": 1,
                                "price_unit": 500.0,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()

    def test_customer_in_proceedings_is_not_dunned(self):
        healthy, insolvent = self.customers
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": insolvent.id,
                "proceeding_type": "redressement",
                "judgment_date": "2026-11-02",
                "publication_date": "2026-11-10",
            }
        )
        run = self.env["ar.dunning.run"]._run_for_company(
            self.company, date=fields.Date.to_date("2026-11-23")
        )
        self.assertEqual(run.action_ids.partner_id, healthy)
        # its invoices wait for the claim declaration instead
        invoice = self.env["account.move"].search([("partner_id", "=", insolvent.id)])
        self.assertTrue(invoice.ar_claim_to_declare)
