from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    """Collective proceedings and the watch list of the customer."""

    _inherit = "res.partner"

    ar_proceeding_ids = fields.One2many(
        "ar.risk.proceeding",
        "partner_id",
        string="Collective proceedings",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_watch_ids = fields.One2many(
        "ar.risk.watch",
        "partner_id",
        string="Watch list",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_in_proceedings = fields.Boolean(
        string="Under collective proceedings",
        compute="_compute_ar_in_proceedings",
        search="_search_ar_in_proceedings",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_on_watch_list = fields.Boolean(
        string="On watch list",
        compute="_compute_ar_on_watch_list",
        search="_search_ar_on_watch_list",
        groups="ar_risk.ar_risk_group_user",
    )

    @api.depends("ar_proceeding_ids.state", "ar_proceeding_ids.company_id")
    @api.depends_context("company")
    def _compute_ar_in_proceedings(self):
        open_partners = self._ar_partners_in_proceedings()
        for partner in self:
            partner.ar_in_proceedings = (
                partner.commercial_partner_id.id in open_partners
            )

    def _search_ar_in_proceedings(self, operator, value):
        return self._ar_search_flag(
            operator,
            value,
            self._ar_partners_in_proceedings,
            _("Unsupported search on collective proceedings."),
        )

    def _ar_partners_in_proceedings(self):
        groups = (
            self.env["ar.risk.proceeding"]
            .sudo()
            ._read_group(
                [
                    ("state", "=", "open"),
                    ("preventive", "=", False),
                    ("company_id", "in", self.env.companies.ids),
                ],
                ["partner_id"],
            )
        )
        return {partner.id for (partner,) in groups}

    @api.depends("ar_watch_ids.active")
    @api.depends_context("company")
    def _compute_ar_on_watch_list(self):
        watched = self._ar_watched_partners()
        for partner in self:
            partner.ar_on_watch_list = partner.commercial_partner_id.id in watched

    def _search_ar_on_watch_list(self, operator, value):
        return self._ar_search_flag(
            operator,
            value,
            self._ar_watched_partners,
            _("Unsupported search on the watch list."),
        )

    def _ar_watched_partners(self):
        groups = (
            self.env["ar.risk.watch"]
            .sudo()
            ._read_group([("company_id", "in", self.env.companies.ids)], ["partner_id"])
        )
        return {partner.id for (partner,) in groups}

    @api.model
    def _ar_search_flag(self, operator, value, flagged, error):
        """The domain of ``flag = value`` for a flag of the commercial entity
        (over limit, in proceedings, watched): ``flagged()`` returns the ids of
        the commercial partners that have it, ``error`` refuses other searches."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(error)
        positive = (operator == "=") == value
        return [
            ("commercial_partner_id", "in" if positive else "not in", list(flagged()))
        ]

    @api.model
    def _ar_update_overdue_watch(self, company, today, watch_model):
        """Watch the customers overdue beyond the company's threshold; end the
        entries of those who are no longer."""
        threshold = today - relativedelta(days=company.ar_watch_overdue_days)
        Move = self.env["account.move"].sudo()
        groups = Move._read_group(
            [
                *Move._ar_open_invoice_domain(company),
                ("invoice_date_due", "<", threshold),
            ],
            ["commercial_partner_id"],
        )
        late = self.browse([partner.id for (partner,) in groups])
        for partner in late:
            watch_model._ensure(partner, company, "overdue")
        stale = watch_model.search(
            [
                ("company_id", "=", company.id),
                ("reason", "=", "overdue"),
                ("partner_id", "not in", late.ids),
            ]
        )
        stale.action_end()

    def action_ar_watch(self):
        for partner in self:
            self.env["ar.risk.watch"]._ensure(
                partner.commercial_partner_id, self.env.company, "manual"
            )
