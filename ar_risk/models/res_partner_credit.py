from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .input_checks import check_amounts

# what only a credit manager decides, on create as on write
CREDIT_TERMS = (
    "credit_limit",
    "use_partner_credit_limit",
    "ar_credit_policy",
    "ar_credit_hold",
)


class ResPartner(models.Model):
    """The customer's credit: limit, policy, hold, exposure, available credit."""

    _inherit = "res.partner"

    credit_limit = fields.Float(tracking=True)
    ar_credit_policy = fields.Selection(
        [("none", "No check"), ("warn", "Warn"), ("block", "Block")],
        string="Credit policy",
        company_dependent=True,
        tracking=True,
        help="What posting an invoice over the limit does for this customer. "
        "Empty: the company's default policy.",
    )
    ar_credit_hold = fields.Boolean(
        string="Credit on hold",
        company_dependent=True,
        tracking=True,
        help="No new credit for this customer, whatever its limit.",
    )
    ar_exposure = fields.Monetary(
        string="Exposure",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="The sum of the components below, in company currency.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_exposure_not_due = fields.Monetary(
        string="Open invoices not yet due",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_exposure_overdue = fields.Monetary(
        string="Overdue invoices",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_exposure_draft = fields.Monetary(
        string="Draft invoices",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="Draft customer invoices less draft credit notes.",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_exposure_unapplied = fields.Monetary(
        string="Unapplied payments and credits",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="Payments and credit notes not yet matched with an invoice (negative).",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_guarantee_cover = fields.Monetary(
        string="Guarantee cover",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_available_credit = fields.Monetary(
        string="Available credit",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="Credit limit + active guarantees (not credit insurance) − exposure. "
        "A customer without a "
        "limit shows «No limit».",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_has_credit_limit = fields.Boolean(
        string="Has a credit limit",
        compute="_compute_ar_credit",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_over_limit = fields.Boolean(
        string="Over limit",
        compute="_compute_ar_credit",
        search="_search_ar_over_limit",
        groups="ar_risk.ar_risk_group_user",
    )
    ar_company_currency_id = fields.Many2one(
        "res.currency", compute="_compute_ar_company_currency_id"
    )
    ar_guarantee_ids = fields.One2many(
        "ar.risk.guarantee",
        "partner_id",
        string="Guarantees",
        groups="ar_risk.ar_risk_group_user",
    )

    def _compute_ar_company_currency_id(self):
        self.ar_company_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_ar_credit(self):
        company = self.env.company
        partners = self.mapped("commercial_partner_id")
        ids = [pid for pid in partners.ids if pid]
        components = self._ar_exposure_components(ids, company)
        cover = self.env["ar.risk.guarantee"]._active_cover_by_partner(ids, company)
        for partner in self:
            commercial = partner.commercial_partner_id.id
            amounts = components[commercial]
            for key, amount in amounts.items():
                partner[f"ar_exposure_{key}"] = amount
            partner.ar_exposure = sum(amounts.values())
            partner.ar_guarantee_cover = cover.get(commercial, 0.0)
            limit = partner.commercial_partner_id.sudo().credit_limit
            partner.ar_available_credit = (
                limit + partner.ar_guarantee_cover - partner.ar_exposure
            )
            partner.ar_has_credit_limit = bool(limit)
            partner.ar_over_limit = bool(limit) and partner.ar_available_credit < 0

    def _search_ar_over_limit(self, operator, value):
        def over_limit():
            limited = self.sudo().search(
                [("credit_limit", ">", 0), ("parent_id", "=", False)]
            )
            return limited.filtered("ar_over_limit").ids

        return self._ar_search_flag(
            operator,
            value,
            over_limit,
            _("Unsupported search on the over-limit flag."),
        )

    @api.constrains("credit_limit")
    def _check_ar_credit_limit(self):
        limits = [{"credit_limit": partner.credit_limit} for partner in self.sudo()]
        check_amounts(self, limits, ["credit_limit"], allow_zero=True)

    @api.model_create_multi
    def create(self, vals_list):
        # a new customer (form, RPC or import) gets credit terms from a credit
        # manager only; the form's empty defaults are no decision
        for vals in vals_list:
            self._ar_check_credit_terms({k: v for k, v in vals.items() if v})
        return super().create(vals_list)

    def write(self, vals):
        partners = self
        if self._ar_check_credit_terms(vals):
            # credit decisions are always tracked, whatever the caller's context
            partners = self.with_context(tracking_disable=False, mail_notrack=False)
        return super(ResPartner, partners).write(vals)

    def _ar_check_credit_terms(self, vals):
        """Refuse credit terms in ``vals`` from anyone but a credit manager;
        whether ``vals`` holds any."""
        guarded = set(CREDIT_TERMS) & set(vals)
        if (
            guarded
            and not self.env.su
            and not self.env.user.has_group("ar_risk.ar_risk_group_manager")
        ):
            raise AccessError(
                _(
                    "Only a credit manager can change a customer's credit limit or policy."
                )
            )
        return bool(guarded)
