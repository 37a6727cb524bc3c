from dateutil.relativedelta import relativedelta
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

LEGAL_FORMS = [
    ("sas", "SAS"),
    ("sasu", "SASU"),
    ("sarl", "SARL"),
    ("eurl", "EURL"),
    ("sa", "SA"),
    ("snc", "SNC"),
    ("sci", "SCI"),
    ("scop", "SCOP"),
    ("ei", "Sole trader (EI)"),
    ("association", "Association"),
    ("public", "Public body"),
    ("other", "Other"),
]

RISK_GRADES = [
    ("a", "A — excellent"),
    ("b", "B — good"),
    ("c", "C — watch"),
    ("d", "D — poor"),
    ("e", "E — critical"),
]


def risk_grade(avg_days_late, overdue_ratio, in_proceedings):
    """Internal grade from payment behaviour (documented in readme/USAGE.md).

    Points for lateness (weighted average days late over 12 months):
    <= 5: 0, <= 15: 1, <= 30: 2, <= 60: 3, more: 4. Points for the share of the
    exposure that is overdue: <= 10 %: 0, <= 25 %: 1, <= 50 %: 2, more: 3.
    Total 0: A, 1-2: B, 3-4: C, 5 or more: D; a customer under collective
    proceedings is E whatever its history.
    """
    if in_proceedings:
        return "e"
    late_points = next(
        (
            points
            for points, bound in enumerate((5, 15, 30, 60))
            if avg_days_late <= bound
        ),
        4,
    )
    ratio_points = next(
        (
            points
            for points, bound in enumerate((0.10, 0.25, 0.50))
            if overdue_ratio <= bound
        ),
        3,
    )
    total = late_points + ratio_points
    if total == 0:
        return "a"
    if total <= 2:
        return "b"
    if total <= 4:
        return "c"
    return "d"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # identity (SIRET is Odoo's company_registry, VAT is Odoo's vat)
    ar_siren = fields.Char(
        string="SIREN",
        size=9,
        compute="_compute_ar_siren",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="9-digit French company number; filled from the SIRET (Company ID).",
    )
    ar_rcs_city = fields.Char(string="RCS city", help="Registre du commerce, e.g. Lyon")
    ar_legal_form = fields.Selection(LEGAL_FORMS, string="Legal form")
    ar_creation_date = fields.Date(string="Company created on")
    ar_company_age = fields.Integer(
        string="Age (years)", compute="_compute_ar_company_age"
    )
    ar_siren_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Same SIREN",
        compute="_compute_ar_siren_duplicate_ids",
    )
    # credit
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
        help="Open receivable of posted entries + draft customer invoices − draft "
        "credit notes, in company currency.",
    )
    ar_guarantee_cover = fields.Monetary(
        string="Guarantee cover",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
    )
    ar_available_credit = fields.Monetary(
        string="Available credit",
        compute="_compute_ar_credit",
        currency_field="ar_company_currency_id",
        help="Credit limit + active guarantees − exposure.",
    )
    ar_over_limit = fields.Boolean(
        string="Over limit",
        compute="_compute_ar_credit",
        search="_search_ar_over_limit",
    )
    ar_company_currency_id = fields.Many2one(
        "res.currency", compute="_compute_ar_company_currency_id"
    )
    ar_guarantee_ids = fields.One2many(
        "ar.risk.guarantee", "partner_id", string="Guarantees"
    )
    ar_proceeding_ids = fields.One2many(
        "ar.risk.proceeding", "partner_id", string="Collective proceedings"
    )
    ar_watch_ids = fields.One2many("ar.risk.watch", "partner_id", string="Watch list")
    ar_in_proceedings = fields.Boolean(
        string="Under collective proceedings",
        compute="_compute_ar_in_proceedings",
        search="_search_ar_in_proceedings",
    )
    ar_on_watch_list = fields.Boolean(
        string="On watch list",
        compute="_compute_ar_on_watch_list",
        search="_search_ar_on_watch_list",
    )
    ar_risk_grade = fields.Selection(
        RISK_GRADES,
        string="Risk grade",
        company_dependent=True,
        readonly=True,
        help="Recomputed every night from payment behaviour; see the addon's readme.",
    )

    @api.depends("company_registry")
    def _compute_ar_siren(self):
        for partner in self:
            registry = (partner.company_registry or "").replace(" ", "")
            from_siret = registry[:9] if stdnum_siret.is_valid(registry) else False
            partner.ar_siren = partner.ar_siren or from_siret

    @api.depends("ar_creation_date")
    def _compute_ar_company_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.ar_company_age = (
                relativedelta(today, partner.ar_creation_date).years
                if partner.ar_creation_date
                else 0
            )

    @api.depends("ar_siren", "company_id")
    def _compute_ar_siren_duplicate_ids(self):
        sirens = [siren for siren in set(self.mapped("ar_siren")) if siren]
        groups = {}
        if sirens:
            for partner in self.search(
                [("ar_siren", "in", sirens), ("parent_id", "=", False)]
            ):
                groups.setdefault(partner.ar_siren, self.browse())
                groups[partner.ar_siren] |= partner
        for partner in self:
            same = groups.get(partner.ar_siren, self.browse()) - partner._origin
            partner.ar_siren_duplicate_ids = same.filtered(
                lambda p, c=partner.company_id: (
                    not c or not p.company_id or p.company_id == c
                )
            )

    def _compute_ar_company_currency_id(self):
        self.ar_company_currency_id = self.env.company.currency_id

    @api.depends_context("company")
    def _compute_ar_credit(self):
        company = self.env.company
        partners = self.mapped("commercial_partner_id")
        ids = [pid for pid in partners.ids if pid]
        exposure = self._ar_exposure_by_partner(ids, company)
        cover = self.env["ar.risk.guarantee"]._active_cover_by_partner(ids, company)
        for partner in self:
            commercial = partner.commercial_partner_id.id
            partner.ar_exposure = exposure.get(commercial, 0.0)
            partner.ar_guarantee_cover = cover.get(commercial, 0.0)
            limit = partner.commercial_partner_id.sudo().credit_limit
            partner.ar_available_credit = (
                limit + partner.ar_guarantee_cover - partner.ar_exposure
            )
            partner.ar_over_limit = bool(limit) and partner.ar_available_credit < 0

    def _search_ar_over_limit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on the over-limit flag."))
        limited = self.sudo().search(
            [("credit_limit", ">", 0), ("parent_id", "=", False)]
        )
        over = limited.filtered("ar_over_limit")
        positive = (operator == "=") == value
        return [("commercial_partner_id", "in" if positive else "not in", over.ids)]

    @api.depends("ar_proceeding_ids.state", "ar_proceeding_ids.company_id")
    @api.depends_context("company")
    def _compute_ar_in_proceedings(self):
        open_partners = self._ar_partners_in_proceedings()
        for partner in self:
            partner.ar_in_proceedings = (
                partner.commercial_partner_id.id in open_partners
            )

    def _search_ar_in_proceedings(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on collective proceedings."))
        ids = list(self._ar_partners_in_proceedings())
        positive = (operator == "=") == value
        return [("commercial_partner_id", "in" if positive else "not in", ids)]

    def _ar_partners_in_proceedings(self):
        groups = (
            self.env["ar.risk.proceeding"]
            .sudo()
            ._read_group(
                [("state", "=", "open"), ("company_id", "in", self.env.companies.ids)],
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
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on the watch list."))
        ids = list(self._ar_watched_partners())
        positive = (operator == "=") == value
        return [("commercial_partner_id", "in" if positive else "not in", ids)]

    def _ar_watched_partners(self):
        groups = (
            self.env["ar.risk.watch"]
            .sudo()
            ._read_group([("company_id", "in", self.env.companies.ids)], ["partner_id"])
        )
        return {partner.id for (partner,) in groups}

    @api.constrains("ar_siren", "company_registry", "country_id")
    def _check_ar_siren_siret(self):
        for partner in self:
            if partner.ar_siren and not stdnum_siren.is_valid(partner.ar_siren):
                raise ValidationError(
                    _(
                        "%(siren)s is not a valid SIREN (%(partner)s).",
                        siren=partner.ar_siren,
                        partner=partner.display_name,
                    )
                )
            registry = (partner.company_registry or "").replace(" ", "")
            french = partner.country_id.code == "FR" or not partner.country_id
            if registry and french and len(registry) == 14 and registry.isdigit():
                if not stdnum_siret.is_valid(registry):
                    raise ValidationError(
                        _(
                            "%(siret)s is not a valid SIRET (%(partner)s).",
                            siret=registry,
                            partner=partner.display_name,
                        )
                    )
                if partner.ar_siren and registry[:9] != partner.ar_siren:
                    raise ValidationError(
                        _(
                            "The SIRET %(siret)s does not belong to the SIREN %(siren)s.",
                            siret=registry,
                            siren=partner.ar_siren,
                        )
                    )

    @api.constrains("credit_limit")
    def _check_ar_credit_limit(self):
        for partner in self.sudo():
            if partner.credit_limit < 0:
                raise ValidationError(
                    _(
                        "The credit limit of %s cannot be negative.",
                        partner.display_name,
                    )
                )

    def write(self, vals):
        guarded = {"credit_limit", "ar_credit_policy", "ar_credit_hold"} & set(vals)
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
        return super().write(vals)

    @api.model
    def _ar_exposure_by_partner(self, partner_ids, company):
        """Exposure per commercial partner id, in the company currency.

        One query: open receivable residual of posted entries plus the signed
        total of draft customer invoices and credit notes. ``partner_ids``
        None means every customer of the company.
        """
        for model, fnames in (
            (
                "account.move.line",
                ["partner_id", "amount_residual", "parent_state", "reconciled"],
            ),
            (
                "account.move",
                ["partner_id", "state", "move_type", "amount_total_signed"],
            ),
            ("res.partner", ["commercial_partner_id"]),
        ):
            self.env[model].flush_model(fnames)
        partner_filter = (
            SQL("TRUE")
            if partner_ids is None
            else SQL("p.commercial_partner_id = ANY(%s)", list(partner_ids))
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, SUM(x.amount)
                  FROM (
                        SELECT aml.partner_id, aml.amount_residual AS amount
                          FROM account_move_line aml
                          JOIN account_account acc ON acc.id = aml.account_id
                         WHERE aml.company_id = %(company)s
                           AND aml.parent_state = 'posted'
                           AND acc.account_type = 'asset_receivable'
                           AND aml.reconciled IS NOT TRUE
                     UNION ALL
                        SELECT m.partner_id, m.amount_total_signed
                          FROM account_move m
                         WHERE m.company_id = %(company)s
                           AND m.state = 'draft'
                           AND m.move_type IN ('out_invoice', 'out_refund')
                       ) x
                  JOIN res_partner p ON p.id = x.partner_id
                 WHERE %(partner_filter)s
              GROUP BY p.commercial_partner_id
                """,
                company=company.id,
                partner_filter=partner_filter,
            )
        )
        return {
            partner_id: amount or 0.0 for partner_id, amount in self.env.cr.fetchall()
        }

    def _ar_dunning_blocked_domains(self):
        """ar_collection's hook: customers under collective proceedings are not
        dunned (claims go to the court-appointed representative instead)."""
        parent = getattr(super(), "_ar_dunning_blocked_domains", None)
        domains = parent() if parent else []
        return [*domains, [("ar_in_proceedings", "=", True)]]

    def _ar_payment_behaviour(self, company, today):
        """Weighted average days late (last 12 months) and overdue ratio per
        commercial partner id, in one query."""
        since = today - relativedelta(months=12)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH lines AS (
                    SELECT p.commercial_partner_id AS partner_id, aml.id, aml.balance,
                           aml.amount_residual, aml.date_maturity
                      FROM account_move_line aml
                      JOIN account_account acc ON acc.id = aml.account_id
                      JOIN res_partner p ON p.id = aml.partner_id
                     WHERE aml.company_id = %(company)s
                       AND aml.parent_state = 'posted'
                       AND acc.account_type = 'asset_receivable'
                       AND aml.balance > 0
                       AND p.commercial_partner_id = ANY(%(partners)s)
                ), paid AS (
                    SELECT l.partner_id, l.balance,
                           GREATEST(MAX(apr.max_date) - l.date_maturity, 0) AS late
                      FROM lines l
                      JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                     WHERE l.amount_residual = 0 AND l.date_maturity >= %(since)s
                  GROUP BY l.partner_id, l.id, l.balance, l.date_maturity
                )
                SELECT partner_id,
                       (SELECT SUM(late * balance) / NULLIF(SUM(balance), 0)
                          FROM paid WHERE paid.partner_id = lp.partner_id),
                       SUM(amount_residual) FILTER (WHERE date_maturity < %(today)s),
                       SUM(amount_residual)
                  FROM lines lp
              GROUP BY partner_id
                """,
                company=company.id,
                partners=self.ids,
                since=since,
                today=today,
            )
        )
        return {
            pid: (avg_late or 0.0, (overdue or 0.0) / open_ if open_ else 0.0)
            for pid, avg_late, overdue, open_ in self.env.cr.fetchall()
        }

    @api.model
    def _cron_ar_risk_update(self):
        """Nightly: risk grades and the overdue watch list, per company, on
        each company's today."""
        Watch = self.env["ar.risk.watch"].sudo()
        for company in self.env["res.company"].search([]):
            today = company._ar_today()
            partners = (
                self.with_company(company)
                .sudo()
                .search([("parent_id", "=", False), ("customer_rank", ">", 0)])
            )
            behaviour = partners._ar_payment_behaviour(company, today)
            in_proceedings = partners.with_company(
                company
            )._ar_partners_in_proceedings()
            for partner in partners:
                avg_late, ratio = behaviour.get(partner.id, (0.0, 0.0))
                grade = risk_grade(avg_late, ratio, partner.id in in_proceedings)
                if partner.ar_risk_grade != grade:
                    partner.ar_risk_grade = grade
            if company.ar_watch_overdue_days:
                self._ar_update_overdue_watch(company, today, Watch)

    @api.model
    def _ar_update_overdue_watch(self, company, today, watch_model):
        threshold = today - relativedelta(days=company.ar_watch_overdue_days)
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", threshold),
                ],
                ["commercial_partner_id"],
            )
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
