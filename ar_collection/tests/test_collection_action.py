from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestCollectionAction(AccountTestInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls.env["ar.collection.action"].create(
            {
                "name": "Call about invoice",
                "partner_id": cls.partner_a.id,
                "date_planned": "2026-11-02",
            }
        )

    def test_history_never_deleted(self):
        with self.assertRaises(AccessError):
            self.action.unlink()
        with self.assertRaisesRegex(UserError, "instead of deleting"):
            self.action.sudo().with_context(lang="en_US").unlink()
        self.action.action_cancel()
        self.assertEqual(self.action.state, "cancelled")
        self.action.action_archive()
        self.assertTrue(self.action.exists())

    def test_overdue_filter(self):
        self.assertTrue(self.action.is_overdue)
        found = self.env["ar.collection.action"].search(
            [("is_overdue", "=", True), ("id", "=", self.action.id)]
        )
        self.assertEqual(found, self.action)
        self.action.action_done()
        self.assertFalse(self.action.is_overdue)
        self.assertTrue(self.action.date_done)
