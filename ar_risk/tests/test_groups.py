from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestGroups(ArRiskCommon):
    def test_upgrade_detaches_the_credit_manager_from_the_administrator(self):
        manager = self.env.ref("ar_risk.ar_risk_group_manager")
        reader = self.env.ref("ar_risk.ar_risk_group_user")
        administrator = self.env.ref("account.group_account_manager")
        template = self.env.ref("base.default_user")
        old_admin = new_test_user(
            self.env, login="ar_old_admin", groups="account.group_account_manager"
        )
        # what 18.0.1.0.0 left: the accounting administrator implied it
        administrator.implied_ids = [Command.link(manager.id)]
        self.assertIn(manager, template.groups_id)
        self.assertTrue(old_admin.has_group("ar_risk.ar_risk_group_manager"))

        manager._ar_detach_from_account_administrator()

        self.assertNotIn(manager, administrator.implied_ids)
        self.assertNotIn(manager, template.groups_id)
        self.assertIn(reader, template.groups_id)  # billing implies it
        self.assertIn(administrator, template.groups_id)
        self.assertTrue(old_admin.has_group("ar_risk.ar_risk_group_manager"))
        newcomer = self.env["res.users"].create({"name": "Léa", "login": "ar_lea"})
        self.assertFalse(newcomer.has_group("ar_risk.ar_risk_group_manager"))
        self.assertTrue(newcomer.has_group("ar_risk.ar_risk_group_user"))
