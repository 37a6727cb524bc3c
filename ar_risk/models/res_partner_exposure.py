from collections import defaultdict

from odoo import _, api, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """The customer's exposure, by component, in one set-based query.

    Components of ``ar_risk``: open invoices not yet due, overdue invoices,
    draft invoices (and credit notes), unapplied payments and credits.
    Linking addons add theirs by extending ``_ar_exposure_component_labels``
    and ``_ar_exposure_components`` (and ``_ar_exposure_line_bucket_sql`` to
    move open items into their own component); each component has a field
    ``ar_exposure_<key>`` on the partner and records to open
    (``_ar_exposure_component_records``).
    """

    _inherit = "res.partner"

    @api.model
    def _ar_exposure_component_labels(self):
        """Key and label of each component, in display order."""
        return {
            "not_due": _("open invoices not yet due"),
            "overdue": _("overdue invoices"),
            "draft": _("draft invoices"),
            "unapplied": _("unapplied payments and credits"),
        }

    @api.model
    def _ar_exposure_line_bucket_sql(self, today):
        """The component of an open receivable item ``aml`` (no other table
        is joined: an extension reads what it needs in a subquery)."""
        return SQL(
            """CASE WHEN aml.amount_residual < 0 THEN 'unapplied'
                    WHEN aml.date_maturity < %s THEN 'overdue'
                    ELSE 'not_due' END""",
            today,
        )

    @api.model
    def _ar_exposure_components(self, partner_ids, company):
        """{commercial partner id: {component: amount}} in the company currency.

        One query whatever the customers' history: the open residual of
        posted receivable items, by component, and the signed total of draft
        customer invoices and credit notes. ``partner_ids`` None means every
        customer of the company. Every key of the labels is present.
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
        receivable = self.env["account.move.line"]._ar_receivable_sql(company)
        # SQL: an aggregate over every open item of the customers; the caller
        # reads it for customers of ``company`` it may see
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id, x.component, SUM(x.amount)
                  FROM (
                        SELECT aml.partner_id, %(bucket)s AS component,
                               aml.amount_residual AS amount
                          FROM account_move_line aml
                          JOIN account_account acc ON acc.id = aml.account_id
                         WHERE %(receivable)s
                           AND aml.reconciled IS NOT TRUE
                     UNION ALL
                        SELECT m.partner_id, 'draft', m.amount_total_signed
                          FROM account_move m
                         WHERE m.company_id = %(company)s
                           AND m.state = 'draft'
                           AND m.move_type IN ('out_invoice', 'out_refund')
                       ) x
                  JOIN res_partner p ON p.id = x.partner_id
                 WHERE %(partner_filter)s
              GROUP BY p.commercial_partner_id, x.component
                """,
                bucket=self._ar_exposure_line_bucket_sql(company._ar_today()),
                receivable=receivable,
                company=company.id,
                partner_filter=partner_filter,
            )
        )
        keys = self._ar_exposure_component_labels()
        result = defaultdict(lambda: dict.fromkeys(keys, 0.0))
        for partner_id, component, amount in self.env.cr.fetchall():
            result[partner_id][component] += amount or 0.0
        return result

    @api.model
    def _ar_exposure_by_partner(self, partner_ids, company):
        """Exposure per commercial partner id: the sum of its components."""
        components = self._ar_exposure_components(partner_ids, company)
        return {
            partner_id: sum(amounts.values())
            for partner_id, amounts in components.items()
        }

    def _ar_exposure_component_records(self, component, company):
        """(model, domain) of the records making up ``component`` for the
        commercial partner ``self``."""
        self.ensure_one()
        if component == "draft":
            return "account.move", [
                ("company_id", "=", company.id),
                ("state", "=", "draft"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("commercial_partner_id", "=", self.id),
            ]
        today = company._ar_today()
        bucket = {
            "unapplied": [("amount_residual", "<", 0)],
            "overdue": [("amount_residual", ">", 0), ("date_maturity", "<", today)],
            "not_due": [
                ("amount_residual", ">", 0),
                "|",
                ("date_maturity", ">=", today),
                ("date_maturity", "=", False),
            ],
        }[component]
        return "account.move.line", [
            *self.env["account.move.line"]._ar_receivable_domain(company),
            ("reconciled", "=", False),
            ("partner_id.commercial_partner_id", "=", self.id),
            *bucket,
        ]

    def action_ar_exposure_component(self):
        """Open the records of the component named in the context."""
        self.ensure_one()
        component = self.env.context.get("ar_exposure_component")
        labels = self._ar_exposure_component_labels()
        if component not in labels:
            return False
        partner = self.commercial_partner_id
        model, domain = partner._ar_exposure_component_records(
            component, self.env.company
        )
        return {
            "type": "ir.actions.act_window",
            "name": _(
                "%(partner)s: %(component)s",
                partner=partner.display_name,
                component=labels[component],
            ),
            "res_model": model,
            "view_mode": "list,form",
            "domain": domain,
            "context": {"create": False},
        }
