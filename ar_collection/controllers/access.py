from werkzeug.exceptions import Forbidden, NotFound

from odoo.http import request


def statement_partner(partner_id, token=None):
    """The customer whose statement is asked for, in sudo, once the request
    proved it may see it: a logged-in user of that customer, or its personal
    link's valid token. Anything else: 403, nothing disclosed. The request
    then speaks the customer's language."""
    partner = request.env["res.partner"].sudo().browse(partner_id).exists()
    if not partner or partner.commercial_partner_id != partner:
        raise Forbidden()
    user = request.env.user
    if token:
        company = statement_company(partner)
        allowed = partner._ar_portal_token_valid(token, company._ar_today())
    else:
        allowed = not user._is_public() and user.commercial_partner_id == partner
    if not allowed:
        raise Forbidden()
    if token and partner.lang:
        request.update_context(lang=partner.lang)
    return partner


def statement_company(partner):
    """The company whose receivables the page shows: the customer's own,
    else the one of its latest invoice, else the website's."""
    latest = (
        request.env["account.move"]
        .sudo()
        .search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            order="invoice_date desc, id desc",
            limit=1,
        )
    )
    return partner.company_id or latest.company_id or request.env.company


def statement_move(partner, move_id):
    """One of the customer's posted invoices or credit notes, in sudo; any
    other document: 404."""
    move = request.env["account.move"].sudo().browse(move_id).exists()
    if (
        not move
        or move.commercial_partner_id != partner
        or move.state != "posted"
        or move.move_type not in ("out_invoice", "out_refund")
    ):
        raise NotFound()
    return move


def statement_url(partner, token=None, suffix=""):
    """The statement page's address (or one of its routes): the token
    carried along when the customer came with its personal link."""
    url = f"/ar/statement/{partner.id}{suffix}"
    return f"{url}?token={token}" if token else url
