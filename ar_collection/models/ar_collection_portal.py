import os

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

from .ar_collection_dispute import REASON_CODES
from .ar_collection_promise import PAYMENT_MEANS

# what a customer may attach to a problem it raises: documents and pictures,
# recognised by their content, never a program
PORTAL_FILE_TYPES = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
}
PORTAL_FILE_MAX_SIZE = 5 * 1024 * 1024
PORTAL_FILE_MAX_COUNT = 5


def check_portal_file(name, data):
    """The reason a customer's file is refused, or None: too large, or not a
    document or picture by its name and by its content."""
    if len(data) > PORTAL_FILE_MAX_SIZE:
        return "size"
    mimetype = guess_mimetype(data, default="")
    extension = os.path.splitext(name or "")[1].lower()
    if extension not in PORTAL_FILE_TYPES.get(mimetype, ()):
        return "type"
    return None


class ArCollectionPortal(models.AbstractModel):
    """What the customer does on its statement page: each step becomes the
    usual record (promise, dispute, online payment), done by the customer,
    in the agenda and in the customer's history. Works as the system: the
    callers (the portal's controllers) have checked who the customer is."""

    _name = "ar.collection.portal"
    _description = "Customer Portal: Statement Page"

    @api.model
    def _ar_statement(self, partner, company, today):
        """The statement page's values: the customer statement's lines (with
        ar_factoring, the factor to pay), split into invoices and credits,
        with the total overdue and not yet due."""
        statement = (
            self.env["report.ar_collection.report_customer_statement"]
            .sudo()
            .with_context(lang=partner.lang)
            ._statement(partner, today, company)
        )
        lines = statement["lines"]
        statement["invoices"] = [
            line
            for line in lines
            if line["kind"] == "out_invoice" and line["amount"] > 0
        ]
        statement["credits"] = [line for line in lines if line["amount"] < 0]
        # paid online or registered on a journal without outstanding
        # receipts account (Odoo says "in payment", or "paid" without the
        # accountant app): still open in the books until the bank
        # statement, no longer to pay
        moves = (
            self.env["account.move"]
            .sudo()
            .browse([line["move_id"] for line in statement["invoices"]])
        )
        in_payment = set(
            moves.filtered(lambda m: m.payment_state in ("in_payment", "paid")).ids
        )
        for line in statement["invoices"]:
            line["in_payment"] = line["move_id"] in in_payment
        statement["total_not_due"] = statement["total"] - statement["total_overdue"]
        return statement

    @api.model
    def _ar_payable_moves(self, statement, move_ids=None):
        """The customer's invoices it may pay on the page (not those a factor
        holds: they are paid to the factor), among ``move_ids`` if given."""
        ids = [
            line["move_id"]
            for line in statement["invoices"]
            if not line.get("factor")
            and not line["in_payment"]
            and (move_ids is None or line["move_id"] in move_ids)
        ]
        return self.env["account.move"].sudo().browse(dict.fromkeys(ids))

    @api.model
    def _ar_log(self, partner, company, moves, outcome, name):
        """The agenda's trace of what the customer did: an action done today
        by the customer through the portal, assigned by the usual rule, and
        the same line in the customer's history."""
        # as the system, not the public user: nobody responsible falls back
        # to the agenda's unassigned queue, as for a scheduled job
        action = (
            self.env["ar.collection.action"]
            .with_user(SUPERUSER_ID)
            .with_company(company)
            ._ar_create_actions(
                [
                    {
                        "name": name,
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "move_ids": [fields.Command.set(moves.ids)],
                        "action_type": "note",
                        "origin": "portal",
                        "outcome": outcome,
                        "state": "done",
                        "date_done": fields.Date.context_today(self),
                    }
                ]
            )
        )
        partner.sudo().message_post(
            body=_("%s (done by the customer through the portal)", name),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )
        return action

    @api.model
    def _ar_promise(self, partner, company, statement, move_ids, date, means, amount):
        """A promise to pay ``moves`` (their open amount) by ``date``; with
        no invoice picked, ``amount`` (else the overdue total) on the oldest
        overdue invoices first. The collector is told."""
        today = fields.Date.context_today(self)
        if not date or date < today:
            raise UserError(_("Please choose a payment date from today on."))
        if means not in dict(PAYMENT_MEANS):
            raise UserError(_("Please choose how you will pay."))
        picked = statement["invoices"]
        if move_ids:
            picked = [line for line in picked if line["move_id"] in move_ids]
            amount = sum(line["amount"] for line in picked)
        elif not amount:
            amount = statement["total_overdue"]
        if amount <= 0 or amount > statement["total"] + 0.005:
            raise UserError(_("Please choose the invoices you will pay."))
        moves = (
            self.env["account.move"].browse(
                dict.fromkeys(line["move_id"] for line in picked)
            )
            if move_ids
            else self.env["account.move"]
        )
        label = dict(
            self.env["ar.collection.promise"]
            ._fields["payment_means"]
            ._description_selection(self.env)
        )[means]
        name = _(
            "Promise to pay %(amount)s on %(date)s (%(means)s)",
            amount=company.currency_id.format(amount),
            date=date,
            means=label,
        )
        action = self._ar_log(partner, company, moves, "promise", name)
        promise = (
            self.env["ar.collection.promise"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "move_ids": [fields.Command.set(moves.ids)],
                    "amount": amount,
                    "date_promised": date,
                    "payment_means": means,
                    "action_id": action.id,
                    "user_id": action.user_id.id,
                }
            )
        )
        action.move_ids = promise.move_ids
        if action.user_id:
            promise.message_post(
                body=_("%s, made by the customer on the portal.", name),
                author_id=partner.id,
                partner_ids=action.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return promise

    @api.model
    def _ar_dispute(self, partner, company, move, reason, message, files):
        """A problem the customer raises on ``move``: a dispute routed to
        whoever follows the customer (the usual rule), with the customer's
        message and ``files`` [(name, bytes)]."""
        if reason not in dict(REASON_CODES):
            raise UserError(_("Please choose what the problem is about."))
        if not (message or "").strip():
            raise UserError(_("Please describe the problem."))
        if len(files) > PORTAL_FILE_MAX_COUNT:
            raise UserError(_("Please attach at most %s files.", PORTAL_FILE_MAX_COUNT))
        for name, data in files:
            refused = check_portal_file(name, data)
            if refused == "size":
                raise UserError(_("The file %s is too large (5 MB at most).", name))
            if refused:
                raise UserError(
                    _("The file %s is refused: please send a PDF or a picture.", name)
                )
        label = dict(
            self.env["ar.collection.dispute"]
            ._fields["reason_code"]
            ._description_selection(self.env)
        )[reason]
        name = _(
            "Problem raised on %(invoice)s: %(reason)s", invoice=move.name, reason=label
        )
        action = self._ar_log(partner, company, move, "dispute", name)
        dispute = (
            self.env["ar.collection.dispute"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "name": name,
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "move_ids": [fields.Command.set(move.ids)],
                    "reason_code": reason,
                    "amount_disputed": move.amount_residual,
                    "assigned_user_id": action.user_id.id,
                    "user_id": action.user_id.id,
                }
            )
        )
        dispute.message_post(
            body=message,
            author_id=partner.id,
            attachments=files,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return dispute

    @api.model
    def _ar_paid_online(self, transactions):
        """The agenda's trace of the customer's online payments, once done."""
        for tx in transactions:
            moves = tx.invoice_ids
            partner = moves.commercial_partner_id[:1]
            if not partner:
                continue
            self._ar_log(
                partner,
                tx.company_id,
                moves,
                "paid",
                _(
                    "Paid online %(amount)s (%(reference)s) for %(invoices)s",
                    amount=tx.currency_id.format(tx.amount),
                    reference=tx.reference,
                    invoices=", ".join(moves.mapped("name")),
                ),
            )
