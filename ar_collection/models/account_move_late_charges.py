from odoo import fields, models


class AccountMove(models.Model):
    """The link between a charges invoice and the invoices it charges for."""

    _inherit = "account.move"

    ar_charged_move_ids = fields.Many2many(
        "account.move",
        "ar_late_charges_move_rel",
        "charges_move_id",
        "move_id",
        string="Charges for",
        readonly=True,
        copy=False,
        help="The invoices paid late whose interest and indemnities this invoice "
        "charges.",
    )
    ar_charges_move_ids = fields.Many2many(
        "account.move",
        "ar_late_charges_move_rel",
        "move_id",
        "charges_move_id",
        string="Late-payment charges",
        readonly=True,
        copy=False,
        help="The invoices of the late-payment charges of this invoice.",
    )
    ar_charges_settled_to = fields.Date(
        string="Charges settled up to",
        readonly=True,
        copy=False,
        help="Interest up to this day was invoiced or waived: later letters claim "
        "it from the next day.",
    )
    ar_indemnity_settled = fields.Boolean(
        string="Indemnity settled",
        readonly=True,
        copy=False,
        help="The fixed recovery indemnity was invoiced or waived: later letters "
        "do not claim it again.",
    )
