from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

DEFAULT_BUCKETS = [(None, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, None)]


class ArAgingBucket(models.Model):
    """A column of the aged balance, in days past the due date.

    The one definition of ageing: ``_get_buckets`` labels the columns,
    ``_case_sql`` places a line in one of them; the aged balance, its
    analysis view and the indicators all age through these two."""

    _name = "ar.aging.bucket"
    _description = "Aged Balance Bucket"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    days_from = fields.Integer(help="Days overdue, included. Empty with 'open start'.")
    days_to = fields.Integer(help="Days overdue, included. Empty with 'open end'.")
    open_start = fields.Boolean(help="No lower bound (e.g. not due yet).")
    open_end = fields.Boolean(help="No upper bound (e.g. more than 120 days).")

    @api.constrains("days_from", "days_to", "open_start", "open_end")
    def _check_bounds(self):
        for bucket in self:
            if (
                not (bucket.open_start or bucket.open_end)
                and bucket.days_to < bucket.days_from
            ):
                raise ValidationError(
                    _("Bucket %s ends before it starts.", bucket.name)
                )

    @api.model
    def _default_buckets(self):
        """[(label, days_from, days_to)] used when a company has set none."""
        labels = [_("Not due"), "1-30", "31-60", "61-90", "91-120", _("> 120")]
        return [
            (label, low, high)
            for label, (low, high) in zip(labels, DEFAULT_BUCKETS, strict=True)
        ]

    @api.model
    def _get_buckets(self, company):
        """[(label, days_from, days_to)] of a company, None meaning open-ended."""
        buckets = self.search([("company_id", "=", company.id)])
        if not buckets:
            return self._default_buckets()
        return [
            (
                b.name,
                None if b.open_start else b.days_from,
                None if b.open_end else b.days_to,
            )
            for b in buckets
        ]

    @api.model
    def _case_sql(self, buckets, days):
        """SQL CASE giving the index in ``buckets`` of a line ``days`` overdue
        (an SQL expression); the first matching bucket wins, the last takes
        what none holds."""
        whens = []
        for index, (_label, low, high) in enumerate(buckets):
            conds = []
            if low is not None:
                conds.append(SQL("%s >= %s", days, low))
            if high is not None:
                conds.append(SQL("%s <= %s", days, high))
            whens.append(
                SQL("WHEN %s THEN %s", SQL(" AND ").join(conds) or SQL("TRUE"), index)
            )
        return SQL("CASE %s ELSE %s END", SQL(" ").join(whens), len(buckets) - 1)
