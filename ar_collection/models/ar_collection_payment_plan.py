from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare

from .input_checks import check_amounts


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
    _inherit = ["ar.collection.case.mixin"]
    _order = "id desc"
    _ar_pausing_states = ("active",)
    _ar_amount_fields = ("amount_total",)

    name = fields.Char(
        required=True, default=lambda self: _("Payment plan"), tracking=True
    )
    move_ids = fields.Many2many(
        relation="ar_collection_payment_plan_move_rel", column1="plan_id"
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

    @api.constrains("line_ids", "date_start")
    def _check_instalment_dates(self):
        for plan in self:
            if any(line.date < plan.date_start for line in plan.line_ids):
                raise ValidationError(
                    _(
                        "An instalment of %(plan)s falls before the plan starts "
                        "(%(date)s).",
                        plan=plan.name,
                        date=plan.date_start,
                    )
                )

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

    @api.model
    def _cron_evaluate(self, today=None):
        """Scheduled step: each company's active plans, on its today (or on
        ``today``, which tests pin)."""
        for company, day in self.env["res.company"]._ar_companies_today(today):
            self.sudo().with_company(company)._ar_evaluate(company, day)

    @api.model
    def _ar_evaluate(self, company, today):
        """Allocate the payments of ``company``'s active plans to their
        instalments; a missed instalment breaks the plan and schedules a call."""
        plans = self.search([("state", "=", "active"), ("company_id", "=", company.id)])
        paid = plans._ar_paid_since(company, "date_start")
        for plan in plans:
            lines = plan.line_ids.sorted("date")
            allocation = allocate_payments(
                [(line.date, line.amount) for line in lines],
                paid.get(plan.id, 0.0),
                today,
                company.ar_promise_grace_days,
            )
            for line, (covered, state) in zip(lines, allocation, strict=True):
                line.write({"amount_paid": covered, "state": state})
            vals = {"amount_paid": paid.get(plan.id, 0.0)}
            if all(state == "paid" for _covered, state in allocation):
                vals["state"] = "done"
            elif any(state == "missed" for _covered, state in allocation):
                vals["state"] = "broken"
                vals["follow_up_action_id"] = plan._ar_schedule_follow_up(
                    _("Missed instalment: call %s", plan.partner_id.name),
                    "payment_plan",
                    today,
                ).id
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

    @api.model_create_multi
    def create(self, vals_list):
        check_amounts(self, vals_list, ["amount"])
        return super().create(vals_list)

    def write(self, vals):
        check_amounts(self, [vals], ["amount"])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_manager_if_active(self):
        """The instalments agreed with the customer stay as agreed: once the
        plan is active, only a collection manager removes one."""
        if any(
            line.plan_id.state == "active" for line in self
        ) and not self.env.user.has_group("ar_collection.ar_collection_group_manager"):
            raise AccessError(
                _(
                    "Only a collection manager can delete an instalment of an "
                    "active payment plan."
                )
            )
