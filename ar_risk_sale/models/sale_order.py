from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class SaleOrder(models.Model):
    """The credit check and the deposit rule at order confirmation."""

    _name = "sale.order"
    _inherit = ["sale.order", "ar.risk.credit.check"]

    ar_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency"
    )
    ar_credit_limited = fields.Boolean(
        string="Customer with a credit limit", compute="_compute_ar_credit"
    )
    ar_available_credit = fields.Monetary(
        string="Available credit",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="The customer's credit limit + active guarantees − exposure, in this "
        "order's company.",
    )
    ar_credit_after_order = fields.Monetary(
        string="Available after this order",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
    )
    ar_deposit_percent = fields.Float(
        string="Deposit required (%)",
        compute="_compute_ar_deposit",
        help="Set by the company's deposit rules for the customer's risk grade or "
        "for a new customer.",
    )
    ar_deposit_amount = fields.Monetary(
        string="Deposit required", compute="_compute_ar_deposit"
    )
    ar_deposit_paid = fields.Monetary(
        string="Deposit paid",
        compute="_compute_ar_deposit",
        help="Down payment invoices of this order, posted and paid.",
    )
    ar_deposit_missing = fields.Boolean(
        string="Deposit missing", compute="_compute_ar_deposit"
    )

    @api.depends("partner_id", "company_id", "amount_total", "state")
    def _compute_ar_credit(self):
        for order in self:
            partner = order.partner_id.commercial_partner_id
            if order.state not in ("draft", "sent") or not partner:
                order.ar_credit_limited = False
                order.ar_available_credit = order.ar_credit_after_order = 0.0
                continue
            partner = partner.with_company(order.company_id).sudo()
            order.ar_credit_limited = bool(partner.credit_limit)
            order.ar_available_credit = partner.ar_available_credit
            order.ar_credit_after_order = (
                partner.ar_available_credit - order._ar_risk_amount()
            )

    @api.depends(
        "partner_id",
        "company_id",
        "amount_total",
        "state",
        "order_line.invoice_lines.move_id.payment_state",
    )
    def _compute_ar_deposit(self):
        for order in self:
            percent, required, paid = order._ar_deposit_status()
            order.ar_deposit_percent = percent
            order.ar_deposit_amount = required
            order.ar_deposit_paid = paid
            order.ar_deposit_missing = bool(percent) and (
                order.currency_id.compare_amounts(paid, required) < 0
            )

    def write(self, vals):
        # every confirmation writes the state (action_confirm included): the
        # check cannot be skipped by confirming another way
        if vals.get("state") == "sale":
            self.filtered(lambda o: o.state in ("draft", "sent"))._ar_risk_check_order()
        return super().write(vals)

    def action_ar_risk_force_confirm(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Force the confirmation"),
            "res_model": "ar.risk.force.post",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("ar_risk_sale.ar_risk_force_confirm_view_form").id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }

    def action_ar_deposit_invoice(self):
        """Odoo's down payment dialog, set to the deposit percentage."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_view_sale_advance_payment_inv"
        )
        action["context"] = {
            "active_model": "sale.order",
            "active_id": self.id,
            "active_ids": self.ids,
            "default_advance_payment_method": "percentage",
            "default_amount": self.ar_deposit_percent,
        }
        return action

    def _ar_deposit_status(self):
        """(percentage, amount required, amount paid) of the deposit, in the
        order's currency; nothing once the order is confirmed."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if self.state not in ("draft", "sent") or not partner:
            return 0.0, 0.0, 0.0
        percent = self.env["ar.risk.deposit.rule"]._percent_for(
            partner, self.company_id
        )
        required = self.currency_id.round(self.amount_total * percent / 100)
        paid = sum(
            self._ar_deposit_invoices()
            .filtered(lambda m: m.payment_state in ("paid", "in_payment"))
            .mapped("amount_total")
        )
        return percent, required, paid

    def _ar_deposit_invoices(self):
        """The posted down payment invoices of the order."""
        return (
            self.order_line.filtered("is_downpayment")
            .sudo()
            .invoice_lines.move_id.filtered(
                lambda m: m.move_type == "out_invoice" and m.state == "posted"
            )
        )

    def _ar_risk_check_order(self):
        """The credit check, then the deposit: each order whose deposit is not
        paid is refused, unless a credit manager forces it with a reason."""
        if not self:
            return
        self._ar_risk_check_credit()
        force_reason = self.env.context.get("ar_risk_force_reason")
        errors = []
        for order in self:
            percent, required, paid = order._ar_deposit_status()
            if not percent or order.currency_id.compare_amounts(paid, required) >= 0:
                continue
            message = _(
                "%(order)s: the customer owes a deposit of %(percent)s %% "
                "(%(required)s) before confirmation; paid so far: %(paid)s.",
                order=order.name,
                percent=percent,
                required=format_amount(self.env, required, order.currency_id),
                paid=format_amount(self.env, paid, order.currency_id),
            )
            if not force_reason:
                errors.append(message)
                continue
            order.message_post(
                body=_(
                    "%(message)s\nConfirmed without the deposit by %(user)s: %(reason)s",
                    message=message,
                    user=self.env.user.name,
                    reason=force_reason,
                )
            )
        if errors:
            errors.append(
                _(
                    "Create the deposit invoice (button «Deposit invoice») and confirm "
                    "once it is paid, or ask a credit manager to force the confirmation."
                )
            )
            raise UserError("\n\n".join(errors))

    def _ar_risk_customer(self):
        return self.partner_id.commercial_partner_id

    def _ar_risk_amount(self):
        """What the orders will invoice, taxes included, less the down
        payments already invoiced (counted with the invoices), in company
        currency."""
        total = 0.0
        for order in self:
            deposits = (
                order.order_line.filtered(
                    lambda line: line.is_downpayment and not line.display_type
                )
                .sudo()
                .invoice_lines.filtered(lambda aml: aml.move_id.state != "cancel")
            )
            invoiced = sum(
                -aml.price_total
                if aml.move_id.move_type == "out_refund"
                else aml.price_total
                for aml in deposits
            )
            total += (order.amount_total - invoiced) / (order.currency_rate or 1.0)
        return total

    def _ar_risk_texts(self):
        return {
            "this": _("this order") if len(self) == 1 else _("these orders"),
            "only_manager": _(
                "Only a credit manager can force the confirmation of an order."
            ),
            "hint": _(
                "A credit manager can confirm anyway with a reason (Force the "
                "confirmation)."
            ),
            "forced": lambda who, why: self.env._(
                "Confirmed over the credit limit by %(user)s: %(reason)s",
                user=who,
                reason=why,
            ),
        }
