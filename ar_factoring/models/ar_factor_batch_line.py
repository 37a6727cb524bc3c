from odoo import api, fields, models


class ArFactorBatchLine(models.Model):
    _name = "ar.factor.batch.line"
    _description = "Factoring Batch Document"

    batch_id = fields.Many2one(
        "ar.factor.batch", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="batch_id.company_id", store=True)
    currency_id = fields.Many2one(related="batch_id.currency_id")
    move_id = fields.Many2one(
        "account.move",
        required=True,
        index=True,
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')), ('state', '=', 'posted')]",
    )
    active_batch = fields.Boolean(
        compute="_compute_active_batch",
        store=True,
        help="Technical: the line counts in the uniqueness of an invoice's assignment.",
    )
    receivable_line_id = fields.Many2one(
        "account.move.line", compute="_compute_amount", store=True
    )
    amount = fields.Monetary(compute="_compute_amount", store=True)
    amount_not_guaranteed = fields.Monetary(
        compute="_compute_amount_not_guaranteed",
        store=True,
        help="The part of the customer's outstanding with the factor, this "
        "document included, above its approved amount; frozen when the batch "
        "is booked.",
    )
    assignment_line_ids = fields.One2many(
        "account.move.line",
        "ar_factor_batch_line_id",
        string="Assignment journal items",
        readonly=True,
        help="The items of the batch entry that transferred this document to the "
        "factor: definancing takes them back.",
    )

    @api.depends("batch_id.state")
    def _compute_active_batch(self):
        for line in self:
            line.active_batch = line.batch_id.state != "cancelled"

    @api.depends("move_id", "batch_id.contract_id")
    def _compute_amount(self):
        for line in self:
            receivable = line.move_id.line_ids.filtered(
                lambda aml: aml.account_id.account_type == "asset_receivable"
            )[:1]
            line.receivable_line_id = receivable
            amount = receivable.balance if receivable else 0.0
            if line.move_id.state == "posted" and line.batch_id.state == "draft":
                amount = receivable.amount_residual
            line.amount = amount

    @api.depends("amount", "batch_id.line_ids.amount", "batch_id.contract_id")
    def _compute_amount_not_guaranteed(self):
        for batch in self.batch_id:
            lines = batch.line_ids
            if batch.state != "draft" or not batch.contract_id:
                # booked: what was guaranteed at the assignment stays as it was
                for line in lines & self:
                    line.amount_not_guaranteed = line.amount_not_guaranteed
                continue
            contract = batch.contract_id
            running = contract._outstanding_by_partner()
            for line in lines:
                partner = line.move_id.commercial_partner_id
                approved = contract._approval_for(partner).amount
                running[partner] = running.get(partner, 0.0) + line.amount
                if line in self:
                    line.amount_not_guaranteed = (
                        min(max(running[partner] - approved, 0.0), line.amount)
                        if line.amount > 0
                        else 0.0
                    )
        (self - self.batch_id.line_ids).amount_not_guaranteed = 0.0

    def init(self):
        # an invoice belongs to one live batch only (cancelled batches free it)
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS ar_factor_batch_line_move_active_uniq "
            "ON ar_factor_batch_line (move_id) WHERE active_batch"
        )
