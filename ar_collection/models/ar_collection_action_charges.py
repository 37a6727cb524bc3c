from markupsafe import Markup

from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class ArCollectionAction(models.Model):
    """The late-payment charges a letter claimed: invoiced or waived, once."""

    _inherit = "ar.collection.action"

    charges_move_id = fields.Many2one(
        "account.move",
        string="Charges invoice",
        readonly=True,
        copy=False,
        tracking=True,
        help="The customer invoice of the interest and indemnities claimed.",
    )
    charges_waived = fields.Monetary(
        string="Charges waived",
        readonly=True,
        copy=False,
        tracking=True,
    )
    charges_waiver_reason = fields.Text(
        string="Reason for the waiver", readonly=True, copy=False, tracking=True
    )
    charges_settled = fields.Boolean(
        readonly=True,
        copy=False,
        help="The charges of this letter were invoiced or waived.",
    )

    def action_open_charges_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invoice the late-payment charges"),
            "res_model": "ar.late.charges.invoice",
            "view_mode": "form",
            "target": "new",
            "context": {"default_action_id": self.id},
        }

    def _ar_charges_to_settle(self):
        """The charges the letter claims, per invoice: dicts (move, interest,
        indemnity, date_to)."""
        self.ensure_one()
        if self.charges_settled:
            raise UserError(_("The charges of this letter are already settled."))
        lines = [
            {
                "move": inv["move"],
                "interest": inv["interest"],
                "indemnity": inv["indemnity"],
                "date_to": self.date_planned,
            }
            for inv in self._ar_letter_data()["invoices"]
            if inv["interest"] or inv["indemnity"]
        ]
        if not lines:
            raise UserError(_("This letter claims no late-payment charges."))
        return lines

    def _ar_settle_charges(self, lines, reason=False):
        """Invoice what is claimed less what is waived, without tax, on the
        company's income accounts; record the waiver and its reason.

        ``lines``: the dicts of ``_ar_charges_to_settle`` with the amounts
        waived (``interest_waived``, ``indemnity_waived``). Returns the charges
        invoice (empty when everything is waived)."""
        self.ensure_one()
        waived = sum(
            line["interest_waived"] + line["indemnity_waived"] for line in lines
        )
        if waived and not (reason or "").strip():
            raise UserError(_("Give the reason for waiving the charges."))
        interest_account, indemnity_account = self.company_id._ar_charges_accounts()
        invoice_lines = []
        for line in lines:
            interest = line["interest"] - line["interest_waived"]
            indemnity = line["indemnity"] - line["indemnity_waived"]
            if self.currency_id.compare_amounts(interest, 0) > 0:
                invoice_lines.append(
                    self._ar_charge_line(
                        _(
                            "Late-payment interest on %(invoice)s up to %(date)s "
                            "(article L441-10 of the Code de commerce)",
                            invoice=line["move"].name,
                            date=fields.Date.to_string(line["date_to"]),
                        ),
                        interest_account,
                        interest,
                    )
                )
            if self.currency_id.compare_amounts(indemnity, 0) > 0:
                invoice_lines.append(
                    self._ar_charge_line(
                        _(
                            "Fixed recovery indemnity on %s (article D441-5 of the "
                            "Code de commerce)",
                            line["move"].name,
                        ),
                        indemnity_account,
                        indemnity,
                    )
                )
        moves = self.env["account.move"].union(*(line["move"] for line in lines))
        charges = self.env["account.move"]
        if invoice_lines:
            today = fields.Date.context_today(self)
            charges = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "invoice_date": today,
                    "invoice_payment_term_id": False,
                    "invoice_date_due": today,
                    "invoice_origin": ", ".join(moves.mapped("name")),
                    "ar_charged_move_ids": [Command.set(moves.ids)],
                    "invoice_line_ids": invoice_lines,
                }
            )
            charges.action_post()
        for line in lines:
            vals = {"ar_charges_settled_to": line["date_to"]}
            if line["indemnity"]:
                vals["ar_indemnity_settled"] = True
            line["move"].write(vals)
        self.write(
            {
                "charges_move_id": charges.id,
                "charges_waived": waived,
                "charges_waiver_reason": reason if waived else False,
                "charges_settled": True,
            }
        )
        if waived:
            self._ar_post_waiver(lines, reason)
        return charges

    def _ar_charge_line(self, label, account, amount):
        return Command.create(
            {
                "name": label,
                "account_id": account.id,
                "quantity": 1,
                "price_unit": amount,
                "tax_ids": [Command.clear()],
            }
        )

    def _ar_post_waiver(self, lines, reason):
        """The waiver, invoice by invoice, in the action's history."""
        fmt = self.currency_id.format
        items = Markup("")
        for line in lines:
            if line["interest_waived"] or line["indemnity_waived"]:
                items += Markup("<li>%s</li>") % _(
                    "%(invoice)s: interest %(interest)s, indemnity %(indemnity)s",
                    invoice=line["move"].name,
                    interest=fmt(line["interest_waived"]),
                    indemnity=fmt(line["indemnity_waived"]),
                )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                _("Late-payment charges waived: %(reason)s", reason=reason),
                items,
            )
        )
