from freezegun import freeze_time

from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionAction(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls.env["ar.collection.action"].create(
            {
                "name": "Call about invoice",
                "partner_id": cls.customer.id,
                "date_planned": "2026-11-02",
            }
        )
        cls.seller = new_test_user(cls.env, login="ar_seller_rule")
        cls.manager = new_test_user(cls.env, login="ar_credit_manager_rule")

    def test_history_never_deleted(self):
        with self.assertRaises(AccessError):
            self.action.unlink()
        with self.assertRaisesRegex(UserError, "instead of deleting"):
            self.action.sudo().with_context(lang="en_US").unlink()
        self.action.action_cancel()
        self.assertEqual(self.action.state, "cancelled")
        self.action.action_archive()
        self.assertTrue(self.action.exists())

    @freeze_time("2026-11-23")
    def test_overdue_filter(self):
        self.assertTrue(self.action.is_overdue)
        found = self.env["ar.collection.action"].search(
            [("is_overdue", "=", True), ("id", "=", self.action.id)]
        )
        self.assertEqual(found, self.action)
        self.action.action_done()
        self.assertFalse(self.action.is_overdue)
        self.assertEqual(str(self.action.date_done), "2026-11-23")

    def _responsible(self, env=None, **vals):
        Action = (env or self.env)["ar.collection.action"]
        action = Action._ar_create_actions(
            [{"name": "Call", "partner_id": self.customer.id, **vals}]
        )
        return action.user_id

    def test_responsible_rule(self):
        """Collector, else salesperson, else credit manager, else the user
        creating it unless it is the system user of a scheduled job."""
        self.customer.user_id = self.seller
        self.company.ar_credit_manager_id = self.manager
        self.assertEqual(self._responsible(), self.collector)
        self.customer.ar_collector_id = False
        self.assertEqual(self._responsible(), self.seller)
        self.customer.user_id = False
        self.assertEqual(self._responsible(), self.manager)
        self.company.ar_credit_manager_id = False
        self.assertEqual(self._responsible(), self.env.user)
        system = self.env(user=SUPERUSER_ID)
        self.assertFalse(self._responsible(env=system), "waits unassigned")

    def test_responsible_chosen_wins(self):
        self.assertEqual(self._responsible(user_id=self.seller.id), self.seller)

    def test_collector_of_the_action_company(self):
        other = self.env["res.company"].create({"name": "Filiale Sud"})
        self.customer.with_company(other).ar_collector_id = self.seller
        sudo = self.env(su=True)  # the user does not belong to the subsidiary
        self.assertEqual(self._responsible(env=sudo, company_id=other.id), self.seller)
        self.assertEqual(self._responsible(), self.collector)
