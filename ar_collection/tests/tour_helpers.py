from datetime import timedelta

from odoo import fields


def add_decoy_calls(env, collector, customer_name):
    """Another customer's calls the day before and after the collector's
    today: the agenda's first group is never the tour's own, as at night when
    the company's today and the collector's differ."""
    today = fields.Date.context_today(env["res.partner"].with_user(collector))
    other = env["res.partner"].create({"name": customer_name})
    env["ar.collection.action"].create(
        [
            {
                "name": "Decoy call",
                "partner_id": other.id,
                "action_type": "call",
                "user_id": collector.id,
                "date_planned": today + timedelta(days=delta),
            }
            for delta in (-1, 1)
        ]
    )
