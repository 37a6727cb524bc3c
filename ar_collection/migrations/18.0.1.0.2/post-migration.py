from odoo import SUPERUSER_ID, _, api, fields

# the former dispute reasons that are no dispute: the reason given instead
FORMER_REASONS = {"cash_problem": "cash_difficulties", "payment_terms": "payment_terms"}


def migrate(cr, version):
    """A cash problem or a payment-term habit is no longer a dispute (it
    paused the dunning): each such dispute gives a done action carrying the
    reason, dated as the dispute, and is closed as "not a dispute". Nothing is
    deleted; the dispute says what it was."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    Dispute = env["ar.collection.dispute"].with_context(active_test=False)
    cr.execute(
        "SELECT id, reason_code FROM ar_collection_dispute WHERE reason_code = ANY(%s)",
        [list(FORMER_REASONS)],
    )
    for dispute_id, code in cr.fetchall():
        dispute = Dispute.browse(dispute_id)
        action = env["ar.collection.action"]._ar_create_actions(
            [
                {
                    "name": dispute.name,
                    "partner_id": dispute.partner_id.id,
                    "company_id": dispute.company_id.id,
                    "move_ids": [fields.Command.set(dispute.move_ids.ids)],
                    "action_type": "note",
                    "state": "done",
                    "date_planned": dispute.date_opened,
                    "date_done": dispute.date_opened,
                    "user_id": dispute.user_id.id,
                    "reason": FORMER_REASONS[code],
                    "note": dispute.answer,
                }
            ]
        )
        was_open = dispute.state == "open"
        dispute.write(
            {
                "reason_code": "other",
                "state": "resolved" if was_open else dispute.state,
                "resolution": "not_dispute" if was_open else dispute.resolution,
                "date_resolved": dispute.date_resolved or fields.Date.today(),
            }
        )
        dispute.activity_unlink(["mail.mail_activity_data_todo"])
        dispute.message_post(
            body=_(
                "Recorded as a dispute for the reason %(code)s, which no longer "
                "pauses the dunning: the reason is on the action %(action)s.",
                code=code,
                action=action.display_name,
            )
        )
