from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ArCollectionAction(models.Model):
    """Formal notice (mise en demeure): its registered letter, its receipt and
    the litigation step due once the notice period has run."""

    _inherit = "ar.collection.action"

    amount_claimed = fields.Monetary(
        readonly=True,
        copy=False,
        help="Total asked by the letter (invoices less credits, plus charges), "
        "as printed and emailed.",
    )
    registered_letter_number = fields.Char(
        string="Registered letter number", copy=False, tracking=True
    )
    date_sent = fields.Date(string="Sent on", copy=False, tracking=True)
    date_acknowledged = fields.Date(
        string="Received on",
        copy=False,
        tracking=True,
        help="Date on the acknowledgement of receipt.",
    )
    date_notice_end = fields.Date(
        string="Notice period ends on",
        compute="_compute_date_notice_end",
        store=True,
        help="Receipt + the company's notice period: litigation is due then.",
    )
    next_action_id = fields.Many2one(
        "ar.collection.action", string="Next step", readonly=True, copy=False
    )

    @api.depends("date_acknowledged", "company_id.ar_notice_days")
    def _compute_date_notice_end(self):
        for action in self:
            action.date_notice_end = action.date_acknowledged and (
                action.date_acknowledged
                + timedelta(days=action.company_id.ar_notice_days)
            )

    @api.constrains("date_sent", "date_acknowledged")
    def _check_formal_notice_dates(self):
        for action in self:
            if (
                action.date_sent
                and action.date_acknowledged
                and action.date_acknowledged < action.date_sent
            ):
                raise ValidationError(
                    _("A letter cannot be received before it was sent.")
                )

    def _ar_created(self):
        res = super()._ar_created()
        self.filtered(
            lambda a: a.action_type == "formal_notice"
        ).partner_id._ar_escalate("formal_notice")
        return res

    def write(self, vals):
        res = super().write(vals)
        if "date_acknowledged" in vals:
            self.filtered("date_notice_end")._ar_plan_litigation()
        return res

    def _ar_plan_litigation(self):
        """The litigation handover falls due when the notice period ends."""
        for action in self:
            if action.next_action_id:
                action.next_action_id.date_planned = action.date_notice_end
                continue
            action.next_action_id = self.create(
                {
                    "name": _("Litigation handover: %s", action.partner_id.name),
                    "partner_id": action.partner_id.id,
                    "company_id": action.company_id.id,
                    "action_type": "litigation",
                    "origin": action.origin,
                    "date_planned": action.date_notice_end,
                    "user_id": action.user_id.id,
                    "move_ids": [fields.Command.set(action.move_ids.ids)],
                }
            )

    def _ar_hold_for_review(self, reason):
        """Put back in the review queue, with an activity for the credit
        manager saying why."""
        for action in self:
            action.write({"state": "to_review", "delivery_note": reason})
            action.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Letter not sent: check the late-payment rates"),
                note=reason,
                user_id=(
                    action.company_id.ar_credit_manager_id
                    or action.user_id
                    or self.env.user
                ).id,
            )
