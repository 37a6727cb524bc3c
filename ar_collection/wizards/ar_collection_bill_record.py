from odoo import _, api, fields, models

from ..models.ar_collection_bill import BILL_KINDS


class ArCollectionBillRecord(models.TransientModel):
    """Record a bill the customer accepted, from an invoice, a promise or a
    call."""

    _name = "ar.collection.bill.record"
    _description = "Record a Bill of Exchange"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    company_id = fields.Many2one("res.company", required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        required=True,
        domain="[('commercial_partner_id', '=', partner_id), "
        "('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial'))]",
    )
    kind = fields.Selection(BILL_KINDS, required=True, default="lcr")
    amount = fields.Monetary(required=True)
    date_maturity = fields.Date(string="Maturity", required=True)
    partner_bank_id = fields.Many2one(
        "res.partner.bank",
        string="Drawee's bank account",
        domain="[('partner_id', '=', partner_id)]",
    )
    promise_id = fields.Many2one("ar.collection.promise")
    action_id = fields.Many2one("ar.collection.action")

    @api.model
    def _ar_open(self, partner, moves, company, promise=None, action=None):
        """The dialog, filled from the record it was opened on."""
        moves = moves.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.payment_state in ("not_paid", "partial")
            )
        )
        context = {
            "default_partner_id": partner.commercial_partner_id.id,
            "default_company_id": company.id,
            "default_move_ids": moves.ids,
            "default_amount": sum(moves.mapped("amount_residual_signed")),
            "default_partner_bank_id": partner.bank_ids[:1].id,
            "default_promise_id": promise.id if promise else False,
            "default_action_id": action.id if action else False,
        }
        if promise:
            context.update(
                default_amount=promise.amount,
                default_date_maturity=promise.date_promised,
            )
        return {
            "type": "ir.actions.act_window",
            "name": _("Record a bill"),
            "res_model": self._name,
            "view_mode": "form",
            "target": "new",
            "context": context,
        }

    def action_confirm(self):
        self.ensure_one()
        bill = self.env["ar.collection.bill"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "move_ids": [fields.Command.set(self.move_ids.ids)],
                "kind": self.kind,
                "amount": self.amount,
                "date_maturity": self.date_maturity,
                "partner_bank_id": self.partner_bank_id.id,
                "promise_id": self.promise_id.id,
                "action_id": self.action_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": bill._name,
            "res_id": bill.id,
            "view_mode": "form",
        }
