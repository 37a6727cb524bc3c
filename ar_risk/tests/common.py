from odoo import Command, fields

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class ArRiskCommon(AccountTestInvoicingCommon):
    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Boulangerie Martin SARL",
                "is_company": True,
                "country_id": cls.env.ref("base.fr").id,
                "credit_limit": 10000.0,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Jeanne Martin", "parent_id": cls.customer.id, "type": "invoice"}
        )

    @classmethod
    def _invoice(cls, amount, partner=None, move_type="out_invoice", post=True, **kw):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": (partner or cls.customer).id,
                "invoice_date": kw.pop(
                    "invoice_date", fields.Date.to_date("2026-10-01")
                ),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Prestation",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [],
                        }
                    )
                ],
                **kw,
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, amount, date="2026-10-15"):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": date})
            ._create_payments()
        )
