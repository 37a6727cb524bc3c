from odoo import Command, models


class ResGroups(models.Model):
    _inherit = "res.groups"

    def _ar_detach_from_account_administrator(self):
        """Undo the 18.0.1.0.0 implication ``account.group_account_manager`` ⇒
        these groups: the accounting administrator stops implying them and
        Odoo's default user template, which got them through it, loses them
        with what they imply, unless its other groups still imply it. Existing
        users keep every group they have: rights are never removed silently.
        """
        administrator = self.env.ref("account.group_account_manager")
        administrator.write({"implied_ids": [Command.unlink(g.id) for g in self]})
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if not template:
            return
        kept = template.groups_id - self - self.trans_implied_ids
        kept |= kept.trans_implied_ids
        template.write({"groups_id": [Command.set(kept.ids)]})
