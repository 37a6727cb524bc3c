"""The access matrix of the whole suite (``access_matrix.py``), checked role by
role, a few real operations through JSON-RPC, and the company walls."""

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.ar_collection.tests.common import ArCollectionCommon
from odoo.addons.ar_risk.tests.rpc import RpcCase

from .access_matrix import MATRIX, ROLES, markdown_table, readme_block
from .common import ArFactoringCommon

OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}
HISTORY = (
    "ar.dunning.run",
    "ar.dunning.line",
    "ar.collection.action",
    "ar.collection.promise",
    "ar.collection.dispute",
)


@tagged("post_install", "-at_install")
class TestAccessMatrix(ArCollectionCommon, RpcCase):
    ar_manager_groups = ArFactoringCommon.ar_manager_groups

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: cls._user(f"ar_matrix_{role}", groups)
            for role, (_title, groups) in ROLES.items()
        }
        cls.invoice = cls._invoice(1200.0, due="2026-10-01")
        cls.dunning_run = cls.env["ar.dunning.run"]._run_for_company(
            cls.company, date=fields.Date.to_date("2026-11-23")
        )
        cls.records = cls._company_records()
        cls.other_company = cls.setup_other_company(name="Filiale Nord")["company"]
        cls.other_user = cls._user(
            "ar_matrix_other_company",
            ROLES["administrator"][1],
            company=cls.other_company,
        )

    @classmethod
    def _user(cls, login, groups, company=None):
        """A user of ``company`` (default: the main one); ``groups`` None: made
        from Odoo's default user template, as the Users screen does."""
        company = company or cls.company
        if groups is None:
            return cls.env["res.users"].create(
                {
                    "name": login,
                    "login": login,
                    "password": login,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                }
            )
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    @classmethod
    def _company_records(cls):
        """One record at least of each model bound to a company, in the main
        company: {model: records}."""
        env, partner = cls.env, cls.customer
        company = {"company_id": cls.company.id}
        contract = env["ar.factor.contract"].create(
            {"name": "Contrat A", "factor_id": partner.id}
        )
        batch = env["ar.factor.batch"].create({"contract_id": contract.id})
        statement = env["ar.factor.statement"].create(
            {"name": "Relevé A", "contract_id": contract.id}
        )
        plan = env["ar.collection.payment.plan"].create(
            {
                "partner_id": partner.id,
                "amount_total": 1200.0,
                "date_start": "2026-11-23",
                "line_ids": [Command.create({"date": "2026-12-01", "amount": 1200.0})],
            }
        )
        kpi = env["ar.collection.kpi"].create(company)
        bankrupt = env["res.partner"].create(
            {"name": "Faillite SA", "is_company": True}
        )
        bill = env["ar.collection.bill"].create(
            {
                "partner_id": partner.id,
                "move_ids": [Command.set(cls.invoice.ids)],
                "amount": 100.0,
                "date_maturity": "2099-06-30",
            }
        )
        offer = env["ar.collection.discount.offer"].create(
            {
                "partner_id": partner.id,
                "move_ids": [Command.set(cls.invoice.ids)],
                "date_deadline": "2099-07-31",
            }
        )
        bank = env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        records = {
            "ar.collection.bill": bill,
            "ar.collection.bill.remittance": env[
                "ar.collection.bill.remittance"
            ].create({"journal_id": bank.id}),
            "ar.collection.bill.record": env["ar.collection.bill.record"].create(
                {
                    "partner_id": partner.id,
                    "amount": 50.0,
                    "date_maturity": "2099-06-30",
                    **company,
                }
            ),
            "ar.collection.discount.offer": offer,
            "ar.collection.discount.payment": env[
                "ar.collection.discount.payment"
            ].create({"offer_id": offer.id, "journal_id": bank.id}),
            "ar.collection.campaign.run": env["ar.collection.campaign.run"].create(
                {
                    "name": "Campagne d'août",
                    "date_planned": "2099-07-01",
                    "date_from": "2099-08-01",
                    "date_to": "2099-08-31",
                }
            ),
            "ar.risk.bodacc.announcement": env["ar.risk.bodacc.announcement"].create(
                {
                    "name": "A-MATRIX-1",
                    "published": "2026-10-12",
                    "event": "redressement",
                }
            ),
        }
        if "ar.risk.deposit.rule" in env:  # ar_risk_sale, with sale
            records["ar.risk.deposit.rule"] = env["ar.risk.deposit.rule"].create(
                {"grade": "e", "percent": 30.0}
            )
        policy = env["ar.risk.insurance.policy"].create({"name": "POL-A"})
        return records | {
            "ar.risk.guarantee": env["ar.risk.guarantee"].create(
                {"name": "G-A", "guarantee_type": "deposit", "partner_id": partner.id}
            ),
            "ar.risk.proceeding": env["ar.risk.proceeding"].create(
                {
                    "partner_id": bankrupt.id,
                    "proceeding_type": "sauvegarde",
                    "judgment_date": "2026-10-10",
                }
            ),
            "ar.risk.watch": env["ar.risk.watch"].create({"partner_id": partner.id}),
            "ar.risk.insurance.policy": policy,
            "ar.risk.insurance.decision": env["ar.risk.insurance.decision"].create(
                {"policy_id": policy.id, "partner_id": partner.id}
            ),
            "ar.risk.insurance.claim": env["ar.risk.insurance.claim"].create(
                {"policy_id": policy.id, "partner_id": partner.id}
            ),
            "ar.dunning.scenario": cls.scenario,
            "ar.dunning.level": cls.scenario.level_ids,
            "ar.dunning.run": cls.dunning_run,
            "ar.dunning.line": cls.dunning_run.line_ids,
            "ar.collection.action": cls.dunning_run.action_ids,
            "ar.collection.promise": env["ar.collection.promise"].create(
                {
                    "partner_id": partner.id,
                    "amount": 600.0,
                    "date_promised": "2026-12-15",
                }
            ),
            "ar.collection.dispute": env["ar.collection.dispute"].create(
                {
                    "name": "Porte mal posée",
                    "partner_id": partner.id,
                    "reason_code": "work_dispute",
                    "assigned_user_id": cls.users["administrator"].id,
                }
            ),
            "ar.collection.payment.plan": plan,
            "ar.collection.payment.plan.line": plan.line_ids,
            "ar.aging.bucket": env["ar.aging.bucket"].create(
                {"name": "Not due", "open_start": True, "days_to": 0}
            ),
            "ar.aged.balance.line": env["ar.aged.balance.line"].search(
                [("company_id", "=", cls.company.id)]
            ),
            "ar.aged.balance": env["ar.aged.balance"].create(company),
            "ar.customer.statement": env["ar.customer.statement"].create(
                {"partner_ids": [Command.set(partner.ids)], **company}
            ),
            "ar.collection.kpi": kpi,
            "ar.late.charges.invoice": env["ar.late.charges.invoice"].create(
                {"action_id": cls.dunning_run.action_ids[:1].id}
            ),
            "ar.collection.kpi.line": env["ar.collection.kpi.line"].create(
                {"kpi_id": kpi.id, "kind": "dso"}
            ),
            "ar.collection.log.call": env["ar.collection.log.call"].create(
                {"partner_id": partner.id, **company}
            ),
            "ar.collection.campaign": env["ar.collection.campaign"].create(
                {"date_from": "2026-12-01", "date_to": "2026-12-31", **company}
            ),
            "ar.factor.contract": contract,
            "ar.factor.approval": env["ar.factor.approval"].create(
                {"contract_id": contract.id, "partner_id": partner.id, "amount": 9.0}
            ),
            "ar.factor.batch": batch,
            "ar.factor.batch.line": env["ar.factor.batch.line"].create(
                {"batch_id": batch.id, "move_id": cls.invoice.id}
            ),
            "ar.factor.statement": statement,
            "ar.factor.statement.line": env["ar.factor.statement.line"].create(
                {"statement_id": statement.id, "kind": "fee", "amount": 12.0}
            ),
        }

    # the matrix

    def test_matrix_lists_every_model_of_the_suite(self):
        suite = {
            name
            for name, model in self.env.registry.items()
            if name.startswith("ar.") and not model._abstract
        }
        # a linking addon's models, when it is installed
        self.assertEqual({m for m in MATRIX if m in self.env}, suite)

    def test_access_rights_follow_the_matrix(self):
        """Every role, model and operation; all differences reported at once."""
        differences = []
        for index, role in enumerate(ROLES):
            user = self.users[role]
            for model, cells in MATRIX.items():
                if model not in self.env:
                    continue
                allowed = self.env[model].with_user(user).browse()
                for letter, operation in OPERATIONS.items():
                    expected = letter in cells[index]
                    if allowed.has_access(operation) != expected:
                        differences.append(
                            f"{role} {operation} {model}: expected "
                            f"{'allowed' if expected else 'refused'}"
                        )
        self.assertEqual(differences, [])

    def test_readme_prints_the_matrix(self):
        with file_open("ar_factoring/readme/CONFIGURE.md") as readme:
            text = readme.read()
        self.assertIn(
            readme_block(),
            text,
            "Paste this table between the markers of ar_factoring/readme/"
            "CONFIGURE.md (python3 ar_factoring/tests/access_matrix.py):\n"
            + markdown_table(),
        )

    # groups

    def test_a_new_user_is_no_manager(self):
        new_user = self.users["new_user"]
        self.assertTrue(new_user.has_group("account.group_account_manager"))
        self.assertTrue(new_user.has_group("ar_risk.ar_risk_group_user"))
        for manager in (
            "ar_risk.ar_risk_group_manager",
            "ar_collection.ar_collection_group_user",
            "ar_collection.ar_collection_group_manager",
            "ar_factoring.ar_factoring_group_user",
            "ar_factoring.ar_factoring_group_manager",
        ):
            self.assertFalse(new_user.has_group(manager), manager)

    # record rules

    def test_disputes_outside_collection_only_when_routed(self):
        dispute = self.records["ar.collection.dispute"]
        for role in ("internal", "billing", "credit_manager"):
            self.assertFalse(
                dispute.with_user(self.users[role]).has_access("read"), role
            )
        dispute.assigned_user_id = self.users["internal"]
        self.assertTrue(dispute.with_user(self.users["internal"]).has_access("write"))
        self.assertTrue(dispute.with_user(self.users["collector"]).has_access("read"))

    def test_other_company_sees_none_of_the_records(self):
        bound = {
            m for m in MATRIX if m in self.env and "company_id" in self.env[m]._fields
        }
        self.assertLessEqual(bound, set(self.records))
        for model, records in self.records.items():
            with self.subTest(model=model):
                domain = [("id", "in", records.ids)]
                mine = self.env[model].with_user(self.users["administrator"])
                self.assertEqual(mine.search(domain), records)
                theirs = self.env[model].with_user(self.other_user)
                self.assertFalse(theirs.search(domain))
                with self.assertRaises(AccessError):
                    records.with_user(self.other_user).check_access("read")

    # through JSON-RPC, as an outside client

    def test_portal_reads_nothing(self):
        for model in ("ar.risk.guarantee", "ar.dunning.line"):
            result, error = self._rpc(
                self.users["portal"], model, "search_read", [], ["display_name"]
            )
            self.assertIsNone(result, model)
            self.assertEqual(error[0], "odoo.exceptions.AccessError", model)
        # promises and disputes: only its own company's (none here), never
        # another customer's
        self.assertTrue(self.env["ar.collection.dispute"].search_count([]))
        for model in ("ar.collection.promise", "ar.collection.dispute"):
            result, error = self._rpc(
                self.users["portal"], model, "search_read", [], ["display_name"]
            )
            self.assertFalse(error, model)
            self.assertEqual(result, [], model)

    def test_user_without_ar_rights_reads_no_credit_file(self):
        result, error = self._rpc(
            self.users["internal"],
            "ar.risk.guarantee",
            "read",
            self.records["ar.risk.guarantee"].ids,
            ["amount"],
        )
        self.assertIsNone(result)
        self.assertEqual(error[0], "odoo.exceptions.AccessError")

    def test_credit_figures_on_the_customer_need_ar_rights(self):
        fields = ["ar_exposure", "ar_available_credit", "ar_risk_grade"]
        result, error = self._rpc(
            self.users["internal"], "res.partner", "read", self.customer.ids, fields
        )
        self.assertIsNone(result)
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        result, error = self._rpc(
            self.users["billing"], "res.partner", "read", self.customer.ids, fields
        )
        self.assertIsNone(error)
        self.assertEqual(result[0]["ar_exposure"], 1200.0)
        # the customer's form and search view still open, without the figures
        views, error = self._rpc(
            self.users["internal"],
            "res.partner",
            "get_views",
            [[False, "form"], [False, "search"]],
        )
        self.assertIsNone(error)
        form = views["views"]["form"]["arch"]
        search = views["views"]["search"]["arch"]
        self.assertNotIn("ar_exposure", form)
        self.assertNotIn("ar_over_limit", search)
        self.assertIn("ar_siren_duplicate_ids", form)

    def test_collector_cannot_change_a_credit_limit(self):
        collector = self._user(
            "ar_matrix_collector_contacts",
            "ar_collection.ar_collection_group_user,base.group_partner_manager",
        )
        _result, error = self._rpc(
            collector, "res.partner", "write", self.customer.ids, {"credit_limit": 1e6}
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.assertEqual(self.customer.credit_limit, 0.0)
        _result, error = self._rpc(
            collector, "res.partner", "write", self.customer.ids, {"phone": "0476"}
        )
        self.assertIsNone(error)
        self.assertEqual(self.customer.phone, "0476")

    def test_history_is_never_deleted_even_by_the_administrator(self):
        for model in HISTORY:
            records = self.records[model]
            _result, error = self._rpc(
                self.users["administrator"], model, "unlink", records.ids
            )
            self.assertEqual(error[0], "odoo.exceptions.AccessError", model)
            self.assertEqual(records.exists(), records, model)

    def test_collection_manager_runs_the_dunning_without_factoring_rights(self):
        action, error = self._rpc(
            self.users["collection_manager"], "ar.dunning.run", "action_run_now", []
        )
        self.assertIsNone(error)
        run = self.env["ar.dunning.run"].browse(action["res_id"])
        self.assertRecordValues(run, [{"state": "done", "error_log": False}])

    def test_billing_opens_a_reminded_invoice(self):
        result, error = self._rpc(
            self.users["billing"],
            "account.move",
            "web_read",
            self.invoice.ids,
            specification={"state": {}, "ar_dunning_line_ids": {}},
        )
        self.assertIsNone(error)
        self.assertEqual(
            result[0]["ar_dunning_line_ids"], self.invoice.ar_dunning_line_ids.ids
        )
        self.assertTrue(result[0]["ar_dunning_line_ids"])

    def test_accountant_exports_the_aged_balance(self):
        accountant = self.users["accountant"]
        wizard_id, error = self._rpc(
            accountant, "ar.aged.balance", "create", {"date_at": "2026-11-30"}
        )
        self.assertIsNone(error)
        action, error = self._rpc(
            accountant, "ar.aged.balance", "action_export_xlsx", [wizard_id]
        )
        self.assertIsNone(error)
        self.assertIn("/xlsx_file/aged_balance_2026-11-30.xlsx", action["url"])

    def test_other_company_user_cannot_enter_the_company(self):
        _result, error = self._rpc(
            self.other_user,
            "ar.collection.action",
            "search_read",
            [],
            ["name"],
            context={"allowed_company_ids": self.company.ids},
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        result, error = self._rpc(
            self.other_user, "ar.collection.action", "search_read", [], ["name"]
        )
        self.assertIsNone(error)
        self.assertEqual(result, [])
