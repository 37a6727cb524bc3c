import base64

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..tools.insurer_csv import (
    RowError,
    parse_amount,
    parse_date,
    read_rows,
    siren_of,
    vat_of,
)


class ArRiskInsuranceImport(models.TransientModel):
    """Import a credit insurer's decisions per buyer from its CSV file, read
    with the policy's column mapping. A bad row is reported and skipped; a
    row equal to the buyer's current decision changes nothing, so importing
    the same file twice is harmless."""

    _name = "ar.risk.insurance.import"
    _description = "Import Credit Insurer Decisions"

    policy_id = fields.Many2one("ar.risk.insurance.policy", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")

    def action_import(self):
        self.ensure_one()
        policy = self.policy_id
        try:
            rows = read_rows(base64.b64decode(self.file), policy.csv_delimiter)
        except Exception as error:
            raise UserError(_("The file cannot be read as CSV: %s", error)) from error
        created, unchanged, errors = self.env["ar.risk.insurance.decision"], 0, []
        for line, row in rows:
            try:
                vals = self._ar_row_values(row)
            except RowError as error:
                errors.append(_("Line %(line)s: %(error)s", line=line, error=error))
                continue
            if self._ar_same_as_current(vals):
                unchanged += 1
                continue
            with self.env.cr.savepoint():
                created |= created.create(vals)
        summary = [
            _(
                "%(created)s decision(s) recorded, %(unchanged)s unchanged, "
                "%(errors)s line(s) skipped.",
                created=len(created),
                unchanged=unchanged,
                errors=len(errors),
            ),
            *errors,
        ]
        self.write({"result": "\n".join(summary), "state": "done"})
        if created:
            policy.message_post(body=summary[0])
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _ar_row_values(self, row):
        """The decision's values of one row; RowError says what is wrong."""
        policy = self.policy_id

        def cell(column):
            return row.get(column) or "" if column else ""

        partner = self._ar_buyer(cell(policy.csv_col_siren), cell(policy.csv_col_vat))
        values = {}
        for name, column, parse, arg in (
            (
                "amount_granted",
                policy.csv_col_granted,
                parse_amount,
                policy.csv_decimal,
            ),
            (
                "amount_requested",
                policy.csv_col_requested,
                parse_amount,
                policy.csv_decimal,
            ),
            (
                "decision_date",
                policy.csv_col_decision_date,
                parse_date,
                policy.csv_date_format,
            ),
            ("date_end", policy.csv_col_date_end, parse_date, policy.csv_date_format),
        ):
            try:
                values[name] = parse(cell(column), arg)
            except RowError as error:
                raise RowError(
                    _("unreadable %(column)s «%(value)s»", column=column, value=error)
                ) from error
        if values["amount_granted"] is None:
            raise RowError(_("no granted amount in «%s»", policy.csv_col_granted))
        if not values["decision_date"]:
            raise RowError(_("no decision date in «%s»", policy.csv_col_decision_date))
        if values["date_end"] and values["date_end"] < values["decision_date"]:
            raise RowError(_("the decision expires before it is taken"))
        return {
            "policy_id": policy.id,
            "partner_id": partner.id,
            "source": "import",
            "amount_requested": values["amount_requested"] or 0.0,
            "amount_granted": values["amount_granted"],
            "decision_date": values["decision_date"],
            "date_end": values["date_end"] or False,
        }

    def _ar_buyer(self, siren_cell, vat_cell):
        """The customer a row names: by SIREN, else by VAT number."""
        Partner = self.env["res.partner"].with_context(active_test=False)
        company = self.policy_id.company_id
        base = [("parent_id", "=", False), ("company_id", "in", (company.id, False))]
        siren, vat = siren_of(siren_cell), vat_of(vat_cell)
        if siren:
            partner = Partner.search([*base, ("ar_siren", "=", siren)], limit=1)
            if partner:
                return partner
        if vat:
            partner = Partner.search([*base, ("vat", "=ilike", vat)], limit=1)
            if partner:
                return partner
        raise RowError(
            _(
                "unknown buyer (SIREN «%(siren)s», VAT «%(vat)s»)",
                siren=siren_cell,
                vat=vat_cell,
            )
        )

    def _ar_same_as_current(self, vals):
        current = self.env["ar.risk.insurance.decision"].search(
            [
                ("policy_id", "=", vals["policy_id"]),
                ("partner_id", "=", vals["partner_id"]),
                ("state", "=", "current"),
            ],
            limit=1,
        )
        currency = self.policy_id.currency_id
        return bool(current) and (
            current.decision_date == vals["decision_date"]
            and (current.date_end or False) == vals["date_end"]
            and not currency.compare_amounts(
                current.amount_granted, vals["amount_granted"]
            )
            and not currency.compare_amounts(
                current.amount_requested, vals["amount_requested"]
            )
        )
