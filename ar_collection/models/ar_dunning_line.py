from odoo import fields, models


class ArDunningLine(models.Model):
    """An invoice reached a level: exists once per invoice and level."""

    _name = "ar.dunning.line"
    _description = "Dunning Line"
    _order = "id desc"

    run_id = fields.Many2one(
        "ar.dunning.run", required=True, index=True, ondelete="restrict"
    )
    move_id = fields.Many2one(
        "account.move", required=True, index=True, ondelete="cascade"
    )
    level_id = fields.Many2one(
        "ar.dunning.level", required=True, index=True, ondelete="restrict"
    )
    action_id = fields.Many2one("ar.collection.action", index=True, ondelete="restrict")
    partner_id = fields.Many2one("res.partner", required=True, index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_residual = fields.Monetary(help="Residual when the level was reached.")
    days_late = fields.Integer()

    _sql_constraints = [
        (
            "move_level_unique",
            "UNIQUE(move_id, level_id)",
            "An invoice reaches each dunning level once.",
        ),
    ]
