from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class SuiteManagersMixin:
    """The tests' user, an accounting administrator, is also given by hand the
    suite's manager groups in ``ar_manager_groups``: no accounting group
    implies them."""

    ar_manager_groups = ("ar_risk.ar_risk_group_manager",)

    @classmethod
    def get_default_groups(cls):
        groups = super().get_default_groups()
        for xmlid in cls.ar_manager_groups:
            groups |= cls.env.ref(xmlid)
        return groups


class ArRiskCommon(SuiteManagersMixin, AccountTestInvoicingCommon):
    """A French company and a customer with a credit limit of 10,000 and a
    contact; the suite's invoice and payment builders."""

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
    def _ar_public_data_customers(cls):
        """The customers the SIRENE and BODACC samples name (tests/data), and
        no other SIREN (the demo data has some)."""
        Partner = cls.env["res.partner"]
        Partner.search([("ar_siren", "!=", False)]).write(
            {"ar_siren": False, "siret": False}
        )
        cls.customer.ar_siren = "732829320"
        cls.durand, cls.impossible, cls.tronque = Partner.create(
            [
                {"name": name, "is_company": True, "ar_siren": siren}
                for name, siren in (
                    ("Transports Durand SAS", "542051180"),
                    ("Date Impossible", "402120018"),
                    ("Tronqué SARL", "383474814"),
                )
            ]
        )

    @classmethod
    def _ar_users(cls):
        """A billing user and a credit manager of the company."""
        cls.billing_user = new_test_user(
            cls.env,
            login="ar_billing",
            groups="account.group_account_invoice,base.group_partner_manager",
            company_id=cls.company.id,
        )
        cls.credit_manager = new_test_user(
            cls.env,
            login="ar_credit_manager",
            groups="account.group_account_invoice,base.group_partner_manager,"
            "ar_risk.ar_risk_group_manager",
            company_id=cls.company.id,
        )

    @classmethod
    def _invoice(
        cls,
        amount,
        partner=None,
        move_type="out_invoice",
        post=True,
        company=None,
        **vals,
    ):
        """The suite's invoice builder: one line of ``amount`` without tax for
        ``partner`` (the customer by default); ``vals`` override the invoice's
        fields (dates, currency...)."""
        company = company or cls.company
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": (partner or cls.customer).id,
                    "company_id": company.id,
                    "invoice_date": fields.Date.to_date("2026-10-01"),
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
                    **vals,
                }
            )
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
