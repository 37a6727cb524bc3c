from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

DEFAULT_BUCKETS = [(None, 0), (1, 30), (31, 60), (61, 90), (91, 120), (121, None)]


def bucket_index(days_overdue, buckets):
    """Index of the bucket holding a number of days overdue.

    ``buckets``: [(days_from, days_to)], None meaning open-ended; the first
    bucket usually is "not due" (up to 0 days).
    """
    for index, (low, high) in enumerate(buckets):
        if (low is None or days_overdue >= low) and (
            high is None or days_overdue <= high
        ):
            return index
    return len(buckets) - 1


class ArAgingBucket(models.Model):
    """A column of the aged balance, in days past the due date."""

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
    def _get_buckets(self, company):
        """[(label, days_from, days_to)] of a company, defaults if none set."""
        buckets = self.search([("company_id", "=", company.id)])
        if buckets:
            return [
                (
                    b.name,
                    None if b.open_start else b.days_from,
                    None if b.open_end else b.days_to,
                )
                for b in buckets
            ]
        labels = [_("Not due"), "1-30", "31-60", "61-90", "91-120", _("> 120")]
        return [
            (label, low, high)
            for label, (low, high) in zip(labels, DEFAULT_BUCKETS, strict=True)
        ]
