from odoo import _, api, fields, models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "ar.risk.credit.check"]

    ar_claim_to_declare = fields.Boolean(
        string="Claim to declare",
        copy=False,
        tracking=True,
        help="The customer is under collective proceedings: declare this invoice "
        "to the court-appointed representative.",
    )

    ar_insurance_alert_date = fields.Date(
        string="Insurer alert raised on",
        copy=False,
        readonly=True,
        help="When the deadline to declare this unpaid invoice to the credit insurer "
        "was signalled (once).",
    )

    @api.model
    def _ar_open_invoice_domain(self, company):
        """Open customer invoices of ``company``: posted, not (fully) paid.
        The one definition the suite's domains use."""
        return [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]

    def write(self, vals):
        # every way to post goes through this write (Odoo's _post included;
        # Odoo refuses to create a move already posted): the check cannot be
        # skipped by posting another way
        if vals.get("state") == "posted":
            self.filtered(lambda m: m.state != "posted")._ar_risk_check_credit()
        return super().write(vals)

    def _ar_risk_check_credit(self):
        """Check the customers' credit for the customer invoices being posted
        (exposure already counts them as drafts)."""
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        return super(AccountMove, invoices)._ar_risk_check_credit()

    def _ar_risk_customer(self):
        return self.commercial_partner_id

    def _ar_risk_amount(self):
        return sum(self.mapped("amount_total_signed"))

    def _ar_risk_counted_in(self):
        return "draft"

    def _ar_risk_texts(self):
        return {
            "this": _("this invoice") if len(self) == 1 else _("these invoices"),
            "only_manager": _(
                "Only a credit manager can force posting over the limit."
            ),
            "hint": _(
                "A credit manager can post anyway with a reason (Force posting)."
            ),
            "forced": lambda who, why: self.env._(
                "Posted over the credit limit by %(user)s: %(reason)s",
                user=who,
                reason=why,
            ),
        }

    def action_ar_risk_force_post(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Force posting over the credit limit"),
            "res_model": "ar.risk.force.post",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }
