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


def statement_companies(partner):
    """The companies whose receivables the page shows, one section each:
    those with an open invoice or credit note of the customer (its own
    company only, when the customer belongs to one), the default company of
    ``statement_company`` first; that one alone when nothing is open."""
    domain = [
        ("commercial_partner_id", "=", partner.id),
        ("move_type", "in", ("out_invoice", "out_refund")),
        ("state", "=", "posted"),
        ("amount_residual", "!=", 0),
    ]
    if partner.company_id:
        domain.append(("company_id", "=", partner.company_id.id))
    groups = request.env["account.move"].sudo()._read_group(domain, ["company_id"])
    companies = request.env["res.company"].sudo().browse([c.id for (c,) in groups])
    main = statement_company(partner)
    # the default company first (its section is the one of a single-company
    # customer), then the others by name
    return companies.sorted(lambda c: (c != main, c.name.lower())) or main


def statement_company(partner, company_id=None):
    """The company of one of the page's sections: ``company_id`` when it is
    one of them (any other: 404), else the customer's own company, else the
    one of its latest invoice, else the website's."""
    if company_id:
        company = statement_companies(partner).filtered(
            lambda c: str(c.id) == str(company_id)
        )
        if not company:
            raise NotFound()
        return company
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


def statement_url(partner, token=None, suffix="", company=None):
    """The statement page's address (or one of its routes): the token
    carried along when the customer came with its personal link, and the
    section's company when one is given."""
    url = f"/ar/statement/{partner.id}{suffix}"
    query = [f"token={token}"] if token else []
    if company:
        query.append(f"company_id={company.id}")
    return f"{url}?{'&'.join(query)}" if query else url
