from odoo import api, fields, models
from odoo.tools import SQL


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

    @api.model
    def _insert_rows(self, rows):
        """Insert many lines in one statement, as the dunning run makes
        thousands: the access right and the unique constraint of create(),
        without its per-record work (a quarter of the run's time).

        ``rows``: dicts with the run, move, level, action, partner, company,
        amount_residual and days_late of each line.
        """
        self.check_access("create")
        if not rows:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO ar_dunning_line (run_id, move_id, level_id, action_id,
                    partner_id, company_id, amount_residual, days_late,
                    create_uid, create_date, write_uid, write_date)
                SELECT r.*, %(uid)s, now() AT TIME ZONE 'UTC',
                       %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(run)s::int[], %(move)s::int[], %(level)s::int[],
                              %(action)s::int[], %(partner)s::int[], %(company)s::int[],
                              %(residual)s::numeric[], %(late)s::int[]) AS r
                """,
                uid=self.env.uid,
                run=[row["run_id"] for row in rows],
                move=[row["move_id"] for row in rows],
                level=[row["level_id"] for row in rows],
                action=[row["action_id"] for row in rows],
                partner=[row["partner_id"] for row in rows],
                company=[row["company_id"] for row in rows],
                residual=[row["amount_residual"] for row in rows],
                late=[row["days_late"] for row in rows],
            )
        )
        self.invalidate_model()
        self.env["ar.dunning.run"].invalidate_model(["line_ids"])
        self.env["account.move"].invalidate_model(["ar_dunning_line_ids"])
