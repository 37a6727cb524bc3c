from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

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
    """The risk grade, recomputed nightly from payment behaviour."""

    _inherit = "res.partner"

    ar_risk_grade = fields.Selection(
        RISK_GRADES,
        string="Risk grade",
        company_dependent=True,
        readonly=True,
        help="Recomputed every night from payment behaviour; see the addon's readme.",
        groups="ar_risk.ar_risk_group_user",
    )

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
                     WHERE %(receivable)s
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
                receivable=self.env["account.move.line"]._ar_receivable_sql(company),
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
