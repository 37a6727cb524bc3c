"""The read-only entry points (aged balance, statement, indicators, exposure)
go to the database replica: Odoo routes them there, they write nothing (a
read-only transaction refuses any write) and they give the same figures."""

import json

from odoo.tests import new_test_user, tagged
from odoo.tools import json_default

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArCollectionCommon

# Odoo logs this when a read-only request wrote, then replays it on the primary
RETRIED = "retrying with a read/write cursor"


def as_json(value):
    """What a JSON-RPC client receives for ``value``."""
    return json.loads(json.dumps(value, default=json_default))


@tagged("post_install", "-at_install")
class TestReadonlyRpc(ArCollectionCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="ar_replica_manager",
            groups="base.group_user,account.group_account_invoice,"
            "ar_risk.ar_risk_group_user,ar_collection.ar_collection_group_manager",
        )
        cls._invoice(1200.0, due="2026-09-15")
        cls._invoice(300.0, due="2026-11-10", date="2026-10-10")
        partial = cls._invoice(500.0, due="2026-10-01")
        cls._pay(partial, 200.0, "2026-10-20")
        env = cls.env(user=cls.manager)
        cls.aged = env["ar.aged.balance"].create({"date_at": "2026-11-30"})
        cls.statement = env["ar.customer.statement"].create(
            {"date_at": "2026-11-30", "partner_ids": cls.customer.ids}
        )

    def _on_readonly_cursor(self, call):
        """``call(env)`` as the manager on a read-only transaction, as on a
        replica: any write raises ReadOnlySqlTransaction."""
        with self.registry.cursor(readonly=True) as cr:
            cr.execute("SHOW transaction_read_only")
            self.assertEqual(cr.fetchone()[0], "on")
            env = self.env(cr=cr, user=self.manager, context={"lang": "en_US"})
            return as_json(call(env))

    def _over_rpc(self, model, method, *args):
        """The call through JSON-RPC, which must not be replayed on the primary."""
        with self.assertNoLogs("odoo.http", "WARNING"):
            result, error = self._rpc(self.manager, model, method, *args)
        self.assertIsNone(error)
        return result

    def test_routed_to_replica(self):
        """Odoo's call_kw sends a method to the replica when it is marked."""
        for model, method in (
            ("ar.aged.balance", "get_summary"),
            ("ar.aged.balance", "get_xlsx"),
            ("ar.customer.statement", "get_statements"),
            ("ar.collection.kpi", "get_indicators"),
            ("res.partner", "web_read"),
        ):
            with self.subTest(method=method):
                func = getattr(type(self.env[model]), method)
                self.assertTrue(getattr(func, "_readonly", False))

    def test_aged_balance_summary(self):
        summary = self._on_readonly_cursor(
            lambda env: env["ar.aged.balance"].browse(self.aged.id).get_summary()
        )
        self.assertEqual(summary["total"], 1800.0)
        self.assertEqual(
            summary,
            self._over_rpc("ar.aged.balance", "get_summary", self.aged.ids),
        )
        self.assertEqual(
            summary, as_json(self.aged.with_context(lang="en_US").get_summary())
        )

    def test_aged_balance_xlsx(self):
        data = self._on_readonly_cursor(
            lambda env: env["ar.aged.balance"].browse(self.aged.id).get_xlsx()
        )
        self.assertTrue(data.startswith("UEsDB"))  # a zip: "PK\x03\x04"
        self.assertTrue(self._over_rpc("ar.aged.balance", "get_xlsx", self.aged.ids))

    def test_aged_balance_pdf_route(self):
        """Odoo's report route is read-only: the report renders there."""
        self.authenticate(self.manager.login, self.manager.login)
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(
                f"/report/html/ar_collection.report_aged_balance/{self.aged.id}"
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Menuiserie Lef", response.text)

    def test_statement(self):
        statements = self._on_readonly_cursor(
            lambda env: (
                env["ar.customer.statement"].browse(self.statement.id).get_statements()
            )
        )
        self.assertEqual(statements[0]["partner"], self.customer.id)
        self.assertEqual(statements[0]["total"], 1800.0)
        self.assertEqual(len(statements[0]["lines"]), 3)
        self.assertEqual(
            statements,
            self._over_rpc(
                "ar.customer.statement", "get_statements", self.statement.ids
            ),
        )

    def test_indicators(self):
        figures = self._on_readonly_cursor(
            lambda env: env["ar.collection.kpi"].get_indicators("2026-11-30", 3)
        )
        self.assertEqual(figures["receivable"], 1800.0)
        self.assertEqual(figures["overdue"], 1800.0)
        self.assertEqual(
            figures,
            self._over_rpc("ar.collection.kpi", "get_indicators", "2026-11-30", 3),
        )

    def test_indicators_need_the_dialog_rights(self):
        collector = new_test_user(
            self.env,
            login="ar_replica_collector",
            groups="base.group_user,ar_collection.ar_collection_group_user",
        )
        _result, error = self._rpc(
            collector, "ar.collection.kpi", "get_indicators", "2026-11-30", 3
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")

    def test_exposure_on_credit_tab(self):
        """The customer form reads the exposure with web_read (read-only)."""
        spec = {"ar_exposure": {}, "ar_available_credit": {}, "ar_overdue_amount": {}}
        values = self._on_readonly_cursor(
            lambda env: env["res.partner"].browse(self.customer.id).web_read(spec)
        )
        self.assertEqual(values[0]["ar_exposure"], 1800.0)
        self.assertEqual(
            values, self._over_rpc("res.partner", "web_read", self.customer.ids, spec)
        )
