from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class AccountMove(models.Model):
    _inherit = "account.move"

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
        """Check the credit limit of each customer once for all the customer
        invoices being posted (exposure already counts them). No context key
        switches it off: only a credit manager may force it, with a reason."""
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        if not invoices:
            return
        force_reason = self.env.context.get("ar_risk_force_reason")
        if force_reason and not self.env.user.has_group(
            "ar_risk.ar_risk_group_manager"
        ):
            raise UserError(
                _("Only a credit manager can force posting over the limit.")
            )
        errors = []
        for company, company_moves in invoices.grouped("company_id").items():
            by_partner = company_moves.grouped("commercial_partner_id")
            partners = self.env["res.partner"].concat(*by_partner)
            partners = partners.with_company(company).sudo()
            # one query each for all the customers of the company
            exposure = partners._ar_exposure_by_partner(partners.ids, company)
            cover = self.env["ar.risk.guarantee"]._active_cover_by_partner(
                partners.ids, company
            )
            in_proceedings = partners._ar_partners_in_proceedings()
            for partner in partners:
                error = by_partner[partner]._ar_risk_check_partner(
                    partner,
                    company,
                    exposure.get(partner.id, 0.0),
                    cover.get(partner.id, 0.0),
                    force_reason,
                    partner.id in in_proceedings,
                )
                if error:
                    errors.append(error)
        if errors:
            errors.append(
                _("A credit manager can post anyway with a reason (Force posting).")
            )
            raise UserError("\n\n".join(errors))

    def _ar_risk_check_partner(
        self, partner, company, exposure, cover, force_reason, in_proceedings
    ):
        """Apply the customer's policy; return the blocking message, if any."""
        policy = partner.ar_credit_policy or company.ar_credit_policy
        blocked = partner.ar_credit_hold or in_proceedings
        limit = partner.credit_limit
        excess = exposure - limit - cover
        if not blocked and (policy == "none" or not limit or excess <= 0):
            return None
        currency = company.currency_id
        if blocked:
            message = _(
                "%(partner)s is on credit hold (credit on hold or collective "
                "proceedings): no new credit can be granted.",
                partner=partner.display_name,
            )
        else:
            message = _(
                "%(partner)s exceeds its credit limit by %(excess)s (exposure "
                "%(exposure)s, limit %(limit)s, guarantees %(cover)s).",
                partner=partner.display_name,
                excess=format_amount(self.env, excess, currency),
                exposure=format_amount(self.env, exposure, currency),
                limit=format_amount(self.env, limit, currency),
                cover=format_amount(self.env, cover, currency),
            )
        if (blocked or policy == "block") and not force_reason:
            return message
        if force_reason:
            note = _(
                "Posted over the credit limit by %(user)s: %(reason)s",
                user=self.env.user.name,
                reason=force_reason,
            )
        else:
            note = _("Credit warning: %s", message)
        for move in self:
            move.message_post(body=f"{message}\n{note}" if force_reason else note)
        partner.message_post(body=note if not force_reason else f"{message}\n{note}")
        if not force_reason:
            self[:1].activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Customer over its credit limit"),
                note=message,
                user_id=(company.ar_credit_manager_id or self.env.user).id,
            )
        self.env["ar.risk.watch"].sudo()._ensure(
            partner, company, "proceeding" if blocked else "limit"
        )
        return None

    def action_ar_risk_force_post(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Force posting over the credit limit"),
            "res_model": "ar.risk.force.post",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }
