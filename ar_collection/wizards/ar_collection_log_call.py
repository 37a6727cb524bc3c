from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.ar_collection_action import ACTION_TYPES, CALL_OUTCOMES
from ..models.ar_collection_action_reason import NONPAYMENT_REASONS
from ..models.ar_collection_dispute import REASON_CODES, REASON_GIVEN
from ..models.ar_collection_promise import PAYMENT_MEANS


class ArCollectionLogCall(models.TransientModel):
    """Log a call in one dialog: its outcome, and what comes next."""

    _name = "ar.collection.log.call"
    _description = "Log a Collection Call"

    action_id = fields.Many2one("ar.collection.action", string="Planned action")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many("account.move", string="Invoices")
    outcome = fields.Selection(CALL_OUTCOMES, required=True, default="reached")
    note = fields.Html(string="What was said")
    reason = fields.Selection(
        NONPAYMENT_REASONS,
        string="Reason given",
        help="Recorded and counted in the reasons trend; the follow-up goes on "
        "unless a dispute is opened.",
    )
    # promise
    promise_amount = fields.Monetary(string="Amount promised")
    promise_date = fields.Date(string="Promised for")
    promise_means = fields.Selection(PAYMENT_MEANS, string="Means")
    # dispute
    dispute_reason = fields.Selection(REASON_CODES, string="Disputed")
    dispute_amount = fields.Monetary(string="Amount disputed")
    dispute_user_id = fields.Many2one("res.users", string="Route to")
    dispute_deadline = fields.Date(string="Answer expected by")
    # campaign call: the period, and the follow-up
    closed_in_period = fields.Boolean(
        string="Closed in the period",
        help="The customer is closed when its invoices fall due.",
    )
    bill_requested = fields.Boolean(string="Bill of exchange requested")
    offer_discount = fields.Boolean(
        string="Offer an early-payment discount",
        help="Opens the offer on the invoices discussed once the call is logged.",
    )
    # next step
    next_action_type = fields.Selection(ACTION_TYPES, string="Next action")
    next_date = fields.Date(string="On")
    next_user_id = fields.Many2one("res.users", string="By")

    @api.model
    def default_get(self, fields_list):
        vals = super().default_get(fields_list)
        action = self.env["ar.collection.action"].browse(
            vals.get("action_id") or self.env.context.get("default_action_id")
        )
        if action:
            vals.update(
                partner_id=action.partner_id.id,
                company_id=action.company_id.id,
                move_ids=[fields.Command.set(action.move_ids.ids)],
            )
        return vals

    @api.onchange("outcome")
    def _onchange_outcome(self):
        today = fields.Date.context_today(self)
        if self.outcome == "no_answer":
            self.next_action_type, self.next_date = "call", today + timedelta(days=2)
        elif self.outcome == "promise":
            # the invoices discussed, else everything the customer owes
            self.promise_amount = sum(
                self.move_ids.mapped("amount_residual_signed")
            ) or (self.partner_id.commercial_partner_id.credit)

    def action_confirm(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        Action = self.env["ar.collection.action"]
        # a call logged without a planned action was made by the current user
        action = self.action_id or Action._ar_create_actions(
            [
                {
                    "name": _("Call %s", self.partner_id.name),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set(self.move_ids.ids)],
                    "action_type": "call",
                    "user_id": self.env.user.id,
                }
            ]
        )
        action.write(
            {
                "outcome": self.outcome,
                "state": "done",
                "date_done": today,
                "note": self.note or action.note,
                "reason": self.reason
                or (self.outcome == "dispute" and REASON_GIVEN.get(self.dispute_reason))
                or action.reason,
                "ar_closed_in_period": self.closed_in_period,
                "ar_bill_requested": self.bill_requested,
            }
        )
        if self.outcome == "promise":
            if not self.promise_date or self.promise_amount <= 0:
                raise UserError(_("A promise needs an amount and a date."))
            promise = self.env["ar.collection.promise"].create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set(self.move_ids.ids)],
                    "amount": self.promise_amount,
                    "date_promised": self.promise_date,
                    "payment_means": self.promise_means,
                    "action_id": action.id,
                }
            )
            # check the promise the day after it falls due
            self.next_action_type = self.next_action_type or "call"
            self.next_date = self.next_date or promise.date_promised + timedelta(days=1)
        if self.outcome == "dispute":
            if not self.dispute_reason:
                raise UserError(_("A dispute needs a reason."))
            self.env["ar.collection.dispute"].create(
                {
                    "name": _(
                        "Dispute raised on the phone by %s", self.partner_id.name
                    ),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set(self.move_ids.ids)],
                    "reason_code": self.dispute_reason,
                    "amount_disputed": self.dispute_amount,
                    "assigned_user_id": self.dispute_user_id.id,
                    "date_deadline": self.dispute_deadline,
                }
            )
        if self.next_action_type:
            Action._ar_create_actions(
                [
                    {
                        "name": _("Follow-up: %s", action.name),
                        "partner_id": self.partner_id.id,
                        "company_id": self.company_id.id,
                        "move_ids": [fields.Command.set(self.move_ids.ids)],
                        "action_type": self.next_action_type,
                        "date_planned": self.next_date or today,
                        "user_id": (self.next_user_id or action.user_id).id,
                        "origin": "promise" if self.outcome == "promise" else "manual",
                    }
                ]
            )
        if self.offer_discount:
            return action.action_offer_discount()
        return {"type": "ir.actions.act_window_close"}
