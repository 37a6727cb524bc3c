from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .ar_collection_promise import reconciled_since


def allocate_payments(instalments, paid, today, grace_days):
    """Spread what was paid over the instalments in date order.

    ``instalments``: [(date, amount)]; returns [(paid_on_it, state)] with state
    paid / pending / missed (due date + grace passed, not fully paid).
    """
    result = []
    remaining = paid
    for date, amount in instalments:
        covered = min(amount, max(remaining, 0.0))
        remaining -= covered
        if covered >= amount - 0.005:
            state = "paid"
        elif today > date + timedelta(days=grace_days):
            state = "missed"
        else:
            state = "pending"
        result.append((covered, state))
    return result


class ArCollectionPaymentPlan(models.Model):
    """Instalments agreed with a customer for some of its invoices. While the
    instalments are respected, those invoices are not dunned."""

    _name = "ar.collection.payment.plan"
    _description = "Payment Plan"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        required=True, default=lambda self: _("Payment plan"), tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('parent_id', '=', False)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        "ar_collection_payment_plan_move_rel",
        "plan_id",
        "move_id",
        string="Invoices",
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted')]",
    )
    amount_total = fields.Monetary(
        string="Amount of the plan", required=True, tracking=True
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many("ar.collection.payment.plan.line", "plan_id", copy=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("done", "Completed"),
            ("broken", "Missed instalment"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    amount_paid = fields.Monetary(readonly=True)
    follow_up_action_id = fields.Many2one("ar.collection.action", readonly=True)

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount_total > 0)",
            "A payment plan needs an amount.",
        ),
    ]

    @api.constrains("line_ids", "amount_total", "state")
    def _check_instalments(self):
        for plan in self.filtered(lambda p: p.state != "draft"):
            total = sum(plan.line_ids.mapped("amount"))
            if float_compare(
                total, plan.amount_total, precision_rounding=plan.currency_id.rounding
            ):
                raise ValidationError(
                    _(
                        "The instalments of %(plan)s add up to %(total)s, not to the plan's "
                        "%(amount)s.",
                        plan=plan.name,
                        total=plan.currency_id.format(total),
                        amount=plan.currency_id.format(plan.amount_total),
                    )
                )

    def action_confirm(self):
        self.write({"state": "active"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def _paid_since_start(self):
        return reconciled_since(
            self, "ar_collection_payment_plan_move_rel", "plan_id", "date_start"
        )

    @api.model
    def _cron_evaluate(self, today=None, company=None):
        """Allocate payments to instalments; without ``today``, each plan is
        judged on its company's today."""
        domain = [("state", "=", "active")]
        if company:
            domain.append(("company_id", "=", company.id))
        plans = self.search(domain)
        paid = plans._paid_since_start()
        for plan in plans:
            day = today or plan.company_id._ar_today()
            lines = plan.line_ids.sorted("date")
            allocation = allocate_payments(
                [(line.date, line.amount) for line in lines],
                paid.get(plan.id, 0.0),
                day,
                plan.company_id.ar_promise_grace_days,
            )
            for line, (covered, state) in zip(lines, allocation, strict=True):
                line.write({"amount_paid": covered, "state": state})
            vals = {"amount_paid": paid.get(plan.id, 0.0)}
            if all(state == "paid" for _covered, state in allocation):
                vals["state"] = "done"
            elif any(state == "missed" for _covered, state in allocation):
                vals["state"] = "broken"
                vals["follow_up_action_id"] = (
                    self.env["ar.collection.action"]
                    .create(
                        {
                            "name": _(
                                "Missed instalment: call %s", plan.partner_id.name
                            ),
                            "partner_id": plan.partner_id.id,
                            "company_id": plan.company_id.id,
                            "move_ids": [fields.Command.set(plan.move_ids.ids)],
                            "action_type": "call",
                            "origin": "payment_plan",
                            "priority": "1",
                            "date_planned": day,
                            "user_id": plan.partner_id._ar_get_collector().id or False,
                        }
                    )
                    .id
                )
            plan.write(vals)


class ArCollectionPaymentPlanLine(models.Model):
    _name = "ar.collection.payment.plan.line"
    _description = "Payment Plan Instalment"
    _order = "date, id"

    plan_id = fields.Many2one(
        "ar.collection.payment.plan", required=True, index=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="plan_id.currency_id")
    date = fields.Date(required=True)
    amount = fields.Monetary(required=True)
    amount_paid = fields.Monetary(readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("paid", "Paid"), ("missed", "Missed")],
        default="pending",
        required=True,
        readonly=True,
    )

    _sql_constraints = [
        (
            "amount_positive",
            "CHECK(amount > 0)",
            "An instalment needs an amount above zero.",
        ),
    ]
