import math

from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .access import (
    statement_companies,
    statement_company,
    statement_move,
    statement_partner,
    statement_url,
)


def render_statement(partner, token, **values):
    """The statement page of ``partner``, one section per company that
    invoices it (own totals, currency, forms), its routes carrying
    ``token``."""
    portal = request.env["ar.collection.portal"]
    today = fields.Date.context_today(partner)
    sections = []
    for company in statement_companies(partner):
        statement = portal._ar_statement(partner, company, today)
        sections.append(
            {
                "company": company,
                "statement": statement,
                "payable_ids": set(portal._ar_payable_moves(statement).ids),
                "promises": partner.ar_promise_ids.sudo().filtered(
                    lambda p, c=company: p.company_id == c
                ),
                "disputes": partner.ar_dispute_ids.sudo().filtered(
                    lambda d, c=company: d.company_id == c
                ),
                # the first section keeps the plain ids of the form fields
                "suffix": f"_{company.id}" if sections else "",
            }
        )
    return request.render(
        "ar_collection.portal_account_statement",
        {
            "page_name": "ar_statement",
            "partner": partner,
            "sections": sections,
            "reason_codes": request.env["ar.collection.dispute"]
            ._fields["reason_code"]
            ._description_selection(request.env),
            "payment_means": request.env["ar.collection.promise"]
            ._fields["payment_means"]
            ._description_selection(request.env),
            "token": token,
            "url": lambda suffix="", company=None: statement_url(
                partner, token, suffix, company
            ),
            "today": today,
            **values,
        },
    )


class ArStatementPortal(CustomerPortal):
    """The customer's statement page: what it owes, its promises and
    problems; it promises, raises a problem, downloads its documents."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "ar_statement_count" in counters:
            values["ar_statement_count"] = 1
        return values

    @http.route("/my/account-statement", type="http", auth="user", website=True)
    def ar_my_statement(self, **kw):
        partner = statement_partner(request.env.user.commercial_partner_id.id)
        return render_statement(partner, None, done=kw.get("done"))

    @http.route(
        "/ar/statement/<int:partner_id>", type="http", auth="public", website=True
    )
    def ar_statement(self, partner_id, token=None, done=None, **kw):
        partner = statement_partner(partner_id, token)
        return render_statement(partner, token, done=done)

    @http.route(
        "/ar/statement/<int:partner_id>/pdf", type="http", auth="public", website=True
    )
    def ar_statement_pdf(self, partner_id, token=None, company_id=None, **kw):
        partner = statement_partner(partner_id, token)
        company = statement_company(partner, company_id)
        report = request.env.ref("ar_collection.ar_customer_statement_report").sudo()
        pdf, _type = report.with_context(lang=partner.lang)._render_qweb_pdf(
            report,
            partner.ids,
            data={
                "date_at": fields.Date.context_today(partner),
                "company_id": company.id,
            },
        )
        filename = _("Statement %s.pdf", partner.name)
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", http.content_disposition(filename)),
            ],
        )

    @http.route(
        "/ar/statement/<int:partner_id>/invoice/<int:move_id>/pdf",
        type="http",
        auth="public",
        website=True,
    )
    def ar_statement_invoice_pdf(self, partner_id, move_id, token=None, **kw):
        partner = statement_partner(partner_id, token)
        move = statement_move(partner, move_id)
        return self._show_report(
            model=move,
            report_type="pdf",
            report_ref="account.account_invoices",
            download=True,
        )

    @http.route(
        "/ar/statement/<int:partner_id>/promise",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def ar_statement_promise(self, partner_id, token=None, company_id=None, **post):
        partner = statement_partner(partner_id, token)
        company = statement_company(partner, company_id)
        portal = request.env["ar.collection.portal"]
        statement = portal._ar_statement(
            partner, company, fields.Date.context_today(partner)
        )
        try:
            portal._ar_promise(
                partner,
                company,
                statement,
                self._ar_ids(request.httprequest.form.getlist("move_ids")),
                self._ar_date(post.get("date_promised")),
                post.get("payment_means"),
                self._ar_amount(post.get("amount")),
            )
        except UserError as error:
            return render_statement(partner, token, error=error.args[0])
        return request.redirect(
            statement_url(partner, token) + self._ar_done(token, "promise")
        )

    @http.route(
        "/ar/statement/<int:partner_id>/dispute",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def ar_statement_dispute(self, partner_id, token=None, move_id=None, **post):
        partner = statement_partner(partner_id, token)
        move_ids = self._ar_ids([move_id])
        move = statement_move(partner, move_ids[0] if move_ids else 0)
        files = [
            (upload.filename, upload.read())
            for upload in request.httprequest.files.getlist("attachments")
            if upload.filename
        ]
        try:
            request.env["ar.collection.portal"]._ar_dispute(
                partner,
                move.company_id,
                move,
                post.get("reason_code"),
                post.get("message"),
                files,
            )
        except UserError as error:
            return render_statement(partner, token, error=error.args[0])
        return request.redirect(
            statement_url(partner, token) + self._ar_done(token, "dispute")
        )

    @staticmethod
    def _ar_done(token, what):
        return f"{'&' if token else '?'}done={what}"

    @staticmethod
    def _ar_ids(values):
        return [int(value) for value in values if value and str(value).isdigit()]

    @staticmethod
    def _ar_date(value):
        try:
            return fields.Date.to_date(value) if value else None
        except ValueError:
            return None

    @staticmethod
    def _ar_amount(value):
        try:
            amount = float(value) if value else 0.0
        except ValueError:
            return 0.0
        return round(amount, 2) if math.isfinite(amount) else 0.0
