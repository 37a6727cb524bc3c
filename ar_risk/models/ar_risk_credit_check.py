from odoo import _, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class ArRiskCreditCheck(models.AbstractModel):
    """The credit check of documents that grant credit (invoices at posting,
    orders at confirmation): the customer's policy, hold and proceedings,
    forced by a credit manager with a reason kept in the chatter.

    A document model inherits it and defines ``_ar_risk_customer``,
    ``_ar_risk_amount``, ``_ar_risk_counted_in`` and ``_ar_risk_texts``.
    """

    _name = "ar.risk.credit.check"
    _description = "Credit Limit Check"

    def _ar_risk_customer(self):
        """The commercial partner whose credit the document uses."""
        raise NotImplementedError

    def _ar_risk_amount(self):
        """The credit the documents ``self`` grant, in company currency."""
        raise NotImplementedError

    def _ar_risk_counted_in(self):
        """The exposure component that already counts the documents, or False."""
        return False

    def _ar_risk_texts(self):
        """Translated texts: ``this`` (the documents, in a breakdown),
        ``only_manager``, ``hint``, and ``forced``: a function of the user's
        name and the reason."""
        raise NotImplementedError

    def _ar_risk_check_credit(self):
        """Check each customer's credit once for all the documents ``self``.
        No context key switches it off: only a credit manager may force it,
        with ``ar_risk_force_reason``."""
        if not self:
            return
        texts = self._ar_risk_texts()
        force_reason = self.env.context.get("ar_risk_force_reason")
        if force_reason and not self.env.user.has_group(
            "ar_risk.ar_risk_group_manager"
        ):
            raise UserError(texts["only_manager"])
        errors = []
        for company, company_docs in self.grouped("company_id").items():
            by_partner = company_docs.grouped(lambda d: d._ar_risk_customer())
            partners = self.env["res.partner"].concat(*by_partner)
            partners = partners.with_company(company).sudo()
            # a constant number of queries for all the customers of the company
            components = partners._ar_exposure_components(partners.ids, company)
            cover = self.env["ar.risk.guarantee"]._active_cover_by_partner(
                partners.ids, company
            )
            in_proceedings = partners._ar_partners_in_proceedings()
            for partner in partners:
                docs = by_partner[partner]
                error = docs._ar_risk_check_partner(
                    partner,
                    company,
                    docs._ar_risk_breakdown(components[partner.id]),
                    cover.get(partner.id, 0.0),
                    force_reason,
                    partner.id in in_proceedings,
                )
                if error:
                    errors.append(error)
        if errors:
            errors.append(texts["hint"])
            raise UserError("\n\n".join(errors))

    def _ar_risk_breakdown(self, components):
        """[(label, amount)] of the exposure with the documents ``self``,
        their own amount apart, non-zero components only."""
        amounts = dict(components)
        own = self._ar_risk_amount()
        counted_in = self._ar_risk_counted_in()
        if counted_in:
            amounts[counted_in] -= own
        labels = self.env["res.partner"]._ar_exposure_component_labels()
        breakdown = [
            (labels[key], amount)
            for key, amount in amounts.items()
            if abs(amount) >= 0.005
        ]
        return [*breakdown, (self._ar_risk_texts()["this"], own)]

    def _ar_risk_check_partner(
        self, partner, company, breakdown, cover, force_reason, in_proceedings
    ):
        """Apply the customer's policy; return the blocking message, if any."""
        policy = partner.ar_credit_policy or company.ar_credit_policy
        blocked = partner.ar_credit_hold or in_proceedings
        limit = partner.credit_limit
        exposure = sum(amount for _label, amount in breakdown)
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
            message = (
                _(
                    "%(partner)s exceeds its credit limit by %(excess)s (exposure "
                    "%(exposure)s, limit %(limit)s, guarantees %(cover)s).",
                    partner=partner.display_name,
                    excess=format_amount(self.env, excess, currency),
                    exposure=format_amount(self.env, exposure, currency),
                    limit=format_amount(self.env, limit, currency),
                    cover=format_amount(self.env, cover, currency),
                )
                + "\n"
                + self._ar_risk_explain(exposure, breakdown, currency)
            )
        if (blocked or policy == "block") and not force_reason:
            return message
        self._ar_risk_log(partner, company, message, force_reason, blocked)
        return None

    def _ar_risk_explain(self, exposure, breakdown, currency):
        """«Exposure 11,000.00 = 9,000.00 draft invoices + 2,000.00 this invoice»."""
        terms = ""
        for label, amount in breakdown:
            sign = (
                ("− " if amount < 0 else "+ ") if terms else ("−" if amount < 0 else "")
            )
            terms += f"{sign}{format_amount(self.env, abs(amount), currency)} {label} "
        terms = terms.strip()
        return _(
            "Exposure %(exposure)s = %(terms)s",
            exposure=format_amount(self.env, exposure, currency),
            terms=terms,
        )

    def _ar_risk_log(self, partner, company, message, force_reason, blocked):
        """Keep a passed check's trace: chatter of the documents and the
        customer, an activity for the credit manager when warned, the watch list."""
        if force_reason:
            note = self._ar_risk_texts()["forced"](self.env.user.name, force_reason)
            body = f"{message}\n{note}"
        else:
            body = _("Credit warning: %s", message)
        for doc in self:
            doc.message_post(body=body)
        partner.message_post(body=body)
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
