from odoo import Command, fields
from odoo.tests import new_test_user
from odoo.tools import config

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.ar_risk.tests.common import SuiteManagersMixin


class ArCollectionCommon(SuiteManagersMixin, AccountTestInvoicingCommon):
    """A French company with a standard dunning scenario and one customer."""

    ar_manager_groups = (
        "ar_risk.ar_risk_group_manager",
        "ar_collection.ar_collection_group_manager",
    )

    @classmethod
    @AccountTestInvoicingCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.env["res.lang"]._activate_lang("en_US")
        # runs name their actions in the company's language: English here,
        # whatever the database's demo chose (French tests set their own)
        cls.company.partner_id.lang = "en_US"
        # wkhtmltopdf fetches the report's assets from the test HTTP server
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:%s" % config["http_port"]
        )
        cls.company.write(
            {
                "ar_apply_late_charges": True,
                "ar_late_interest_rate": 10.0,
                "ar_recovery_indemnity": 40.0,
            }
        )
        # H2 2026 is not shipped (no published source yet): a test fixture
        cls.env["ar.late.payment.rate"].create(
            {"date_from": "2026-07-01", "ecb_rate": 2.15, "legal_rate": 2.62}
        )
        cls.company.ar_credit_policy = "none"
        cls.collector = cls.env["res.users"].create(
            {
                "name": "Claire Recouvrement",
                "login": "claire_ar",
                "email": "claire@example.com",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Menuiserie Lefèvre SARL",
                "is_company": True,
                "email": "compta@lefevre.example",
                "street": "4 rue des Tanneurs",
                "zip": "38000",
                "city": "Grenoble",
                "country_id": cls.env.ref("base.fr").id,
                "lang": "en_US",
                "ar_collector_id": cls.collector.id,
            }
        )
        cls.scenario = cls.env["ar.dunning.scenario"].create(
            {
                "name": "Standard SME",
                "priority": 20,
                "is_default": True,
                "level_ids": [
                    Command.create(
                        {
                            "name": "Courtesy",
                            "offset_days": -5,
                            "channel": "email",
                            "letter_style": "preventive",
                        }
                    ),
                    Command.create(
                        {
                            "name": "First reminder",
                            "offset_days": 10,
                            "channel": "email",
                            "letter_style": "reminder",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Firm reminder",
                            "offset_days": 25,
                            "channel": "letter",
                            "letter_style": "firm",
                        }
                    ),
                    Command.create(
                        {
                            "name": "Formal notice",
                            "offset_days": 45,
                            "channel": "formal_notice",
                            "letter_style": "formal_notice",
                            "automatic": False,
                            "show_charges": True,
                        }
                    ),
                ],
            }
        )
        cls.levels = {lvl.offset_days: lvl for lvl in cls.scenario.level_ids}

    @classmethod
    def _rpc_users(cls):
        """A collector and a collection manager of the company, who log in
        with their login as password (``RpcCase``)."""
        for attr, group in (
            ("rpc_collector", "ar_collection.ar_collection_group_user"),
            (
                "rpc_manager",
                "ar_collection.ar_collection_group_manager,base.group_partner_manager",
            ),
        ):
            user = new_test_user(
                cls.env, login=f"ar_{attr}", groups=group, company_id=cls.company.id
            )
            setattr(cls, attr, user)

    @classmethod
    def _invoice(
        cls,
        amount,
        due=None,
        partner=None,
        date="2026-09-01",
        post=True,
        move_type="out_invoice",
        taxes=None,
    ):
        """The one invoice builder of the addon's tests: one line of
        ``amount`` (untaxed unless ``taxes``), due on ``due``; a credit note
        with ``move_type="out_refund"``."""
        vals = {
            "move_type": move_type,
            "partner_id": (partner or cls.customer).id,
            "invoice_date": date,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Travaux",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.set(taxes.ids if taxes else [])],
                    }
                )
            ],
        }
        if due:
            vals["invoice_date_due"] = due
        move = cls.env["account.move"].create(vals)
        if post:
            move.action_post()
        return move

    @classmethod
    def _pay(cls, invoice, amount, date):
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": date})
            ._create_payments()
        )

    def _run(self, date="2026-11-23", **kw):
        return (
            self.env["ar.dunning.run"]
            .with_context(lang="en_US")
            ._run_for_company(self.company, date=fields.Date.to_date(date), **kw)
        )
