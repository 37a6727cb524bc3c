from odoo import Command, api, fields, models


class ArLateChargesInvoice(models.TransientModel):
    """Invoice the late-payment charges a letter claimed, waiving some of
    them with a reason."""

    _name = "ar.late.charges.invoice"
    _description = "Invoice Late-payment Charges"
    _check_company_auto = True

    action_id = fields.Many2one(
        "ar.collection.action", required=True, readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="action_id.company_id", store=True)
    currency_id = fields.Many2one(related="action_id.currency_id")
    line_ids = fields.One2many("ar.late.charges.invoice.line", "wizard_id")
    waiver_reason = fields.Text(
        string="Reason for the waiver",
        help="Required when any amount is waived; kept in the letter's history.",
    )
    amount_waived = fields.Monetary(compute="_compute_amounts")
    amount_invoiced = fields.Monetary(
        string="Amount to invoice", compute="_compute_amounts"
    )

    @api.depends("line_ids.amount_waived", "line_ids.amount_invoiced")
    def _compute_amounts(self):
        for wizard in self:
            wizard.amount_waived = sum(wizard.line_ids.mapped("amount_waived"))
            wizard.amount_invoiced = sum(wizard.line_ids.mapped("amount_invoiced"))

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        action = self.env["ar.collection.action"].browse(res.get("action_id"))
        if action and "line_ids" in fields_list:
            res["line_ids"] = [
                Command.create(
                    {
                        "move_id": line["move"].id,
                        "interest": line["interest"],
                        "indemnity": line["indemnity"],
                        "date_to": line["date_to"],
                    }
                )
                for line in action._ar_charges_to_settle()
            ]
        return res

    def action_confirm(self):
        self.ensure_one()
        charges = self.action_id._ar_settle_charges(
            [
                {
                    "move": line.move_id,
                    "interest": line.interest,
                    "indemnity": line.indemnity,
                    "interest_waived": line.interest_waived,
                    "indemnity_waived": line.indemnity_waived,
                    "date_to": line.date_to,
                }
                for line in self.line_ids
            ],
            self.waiver_reason,
        )
        if not charges:
            return {"type": "ir.actions.act_window_close"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": charges.id,
            "view_mode": "form",
        }
