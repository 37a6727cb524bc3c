from odoo import _, fields, http
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.http import request
from odoo.tools import float_compare

from odoo.addons.payment.controllers.portal import PaymentPortal

from .access import statement_company, statement_partner, statement_url
from .portal import render_statement


class ArStatementPayment(PaymentPortal):
    """Online payment of the statement's invoices: the ones picked, else the
    whole overdue amount, through the company's payment providers. The
    amount is always the invoices' open amount, recomputed here."""

    def _ar_moves_to_pay(self, partner, move_ids, company):
        """The customer's payable invoices of ``company`` among ``move_ids``
        (all its overdue ones there when empty), and their open amount;
        anything else asked for is refused."""
        portal = request.env["ar.collection.portal"]
        statement = portal._ar_statement(
            partner, company, fields.Date.context_today(partner)
        )
        if move_ids:
            moves = portal._ar_payable_moves(statement, set(move_ids))
            if len(moves) != len(set(move_ids)):
                raise ValidationError(_("Some of these invoices cannot be paid here."))
        else:
            overdue = {
                line["move_id"] for line in statement["invoices"] if line["days"] > 0
            }
            moves = portal._ar_payable_moves(statement, overdue)
        if not moves or len(moves.currency_id) != 1:
            raise ValidationError(_("There is nothing to pay online here."))
        return moves, sum(moves.mapped("amount_residual"))

    @http.route(
        "/ar/statement/<int:partner_id>/pay",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def ar_statement_pay(self, partner_id, token=None, company_id=None, **post):
        partner = statement_partner(partner_id, token)
        company = statement_company(partner, company_id)
        ids = [
            int(value)
            for value in request.httprequest.form.getlist("move_ids")
            if value.isdigit()
        ]
        try:
            moves, amount = self._ar_moves_to_pay(partner, ids, company)
        except ValidationError as error:
            return render_statement(partner, token, error=error.args[0])
        currency = moves.currency_id
        providers = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id, partner.id, amount, currency_id=currency.id
            )
        )
        move_path = "-".join(str(move_id) for move_id in moves.ids)
        values = {
            "page_name": "ar_statement",
            "partner": partner,
            "moves": moves,
            "amount": amount,
            "currency": currency,
            "partner_id": partner.id,
            "providers_sudo": providers,
            "payment_methods_sudo": request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers.ids, partner.id, currency_id=currency.id
            ),
            "tokens_sudo": request.env["payment.token"]
            .sudo()
            ._get_available_tokens(providers.ids, partner.id),
            "show_tokenize_input_mapping": self._compute_show_tokenize_input_mapping(
                providers
            ),
            "transaction_route": f"/ar/statement/{partner.id}/transaction/{move_path}",
            "landing_route": statement_url(partner, token),
            "access_token": token,
            "back_url": statement_url(partner, token),
        }
        return request.render("ar_collection.portal_account_statement_pay", values)

    @http.route(
        "/ar/statement/<int:partner_id>/transaction/<string:move_path>",
        type="json",
        auth="public",
    )
    def ar_statement_transaction(
        self, partner_id, move_path, access_token=None, **kwargs
    ):
        partner = statement_partner(partner_id, access_token)
        ids = [int(value) for value in move_path.split("-") if value.isdigit()]
        # the section's company is the invoices' own (one company only)
        invoices = request.env["account.move"].sudo().browse(ids).exists()
        if len(invoices.company_id) != 1:
            raise ValidationError(_("Some of these invoices cannot be paid here."))
        company = statement_company(partner, invoices.company_id.id)
        moves, amount = self._ar_moves_to_pay(partner, ids, company)
        self._validate_transaction_kwargs(kwargs)
        asked = self._cast_as_float(kwargs.get("amount"))
        if asked is None or float_compare(
            asked, amount, precision_rounding=moves.currency_id.rounding
        ):
            raise ValidationError(
                _("The amount to pay has changed: please reload the page.")
            )
        kwargs.update(
            amount=amount,
            currency_id=moves.currency_id.id,
            partner_id=partner.id,
            landing_route=statement_url(partner, access_token),
        )
        tx = self._create_transaction(
            custom_create_values={
                "invoice_ids": [Command.set(moves.ids)],
                "ar_portal_payment": True,
            },
            **kwargs,
        )
        return tx._get_processing_values()
