from odoo import _, models


class ResPartner(models.Model):
    """Internal escalation: the customer's salesperson hears when its
    collection hardens (formal notice, credit hold, collective proceedings)."""

    _inherit = "res.partner"

    def write(self, vals):
        held = self.browse()
        if vals.get("ar_credit_hold"):
            held = self.filtered(lambda p: not p.ar_credit_hold)
        res = super().write(vals)
        held._ar_escalate("credit_hold")
        return res

    def _ar_escalate(self, event):
        """An activity and a message for each customer's salesperson, once:
        not again while the same warning is still open in their to-do."""
        labels = {
            "formal_notice": _("Formal notice sent"),
            "credit_hold": _("Credit put on hold"),
            "proceedings": _("Collective proceedings opened"),
        }
        todo = self.env.ref("mail.mail_activity_data_todo")
        # sudo: the run or the credit manager warns a salesperson, whoever
        # may write on the customer's activities
        for partner in self.sudo().commercial_partner_id.filtered("user_id"):
            summary = _(
                "%(event)s: %(partner)s", event=labels[event], partner=partner.name
            )
            if partner.activity_ids.filtered(
                lambda a, s=summary, p=partner: (
                    a.summary == s and a.user_id == p.user_id
                )
            ):
                continue
            partner.activity_schedule(
                activity_type_id=todo.id,
                summary=summary,
                user_id=partner.user_id.id,
            )
            partner.message_post(
                body=_(
                    "%(event)s: %(partner)s. Its salesperson %(user)s is told.",
                    event=labels[event],
                    partner=partner.name,
                    user=partner.user_id.name,
                ),
                partner_ids=partner.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
