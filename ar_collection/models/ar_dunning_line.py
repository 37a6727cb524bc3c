import json

from odoo import api, fields, models
from odoo.tools import SQL


class ArDunningLine(models.Model):
    """An invoice reached a level: exists once per invoice and level."""

    _name = "ar.dunning.line"
    _description = "Dunning Line"
    _order = "id desc"
    # made only by runs and never changed: who and when are the run's (its
    # user and date); no create_uid and write_uid checked against res_users
    # for each of a run's thousands of lines
    _log_access = False

    run_id = fields.Many2one(
        "ar.dunning.run", required=True, index=True, ondelete="restrict"
    )
    date = fields.Date(related="run_id.date", string="Reached on")
    # no index of its own: the unique (move_id, level_id) index serves it
    move_id = fields.Many2one("account.move", required=True, ondelete="cascade")
    level_id = fields.Many2one(
        "ar.dunning.level", required=True, index=True, ondelete="restrict"
    )
    action_id = fields.Many2one("ar.collection.action", index=True, ondelete="restrict")
    # the invoice's, never stored twice: each stored many2one costs the run
    # a foreign key check and an index entry per line (a tenth of its time)
    partner_id = fields.Many2one(
        related="move_id.commercial_partner_id", string="Customer"
    )
    company_id = fields.Many2one(related="move_id.company_id")
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

    # the columns _insert_rows fills, with their SQL array types
    _INSERT_COLUMNS = (
        ("run_id", "int"),
        ("move_id", "int"),
        ("level_id", "int"),
        ("action_id", "int"),
        ("amount_residual", "numeric"),
        ("days_late", "int"),
    )

    @api.model
    def _insert_rows(self, rows):
        """Insert many lines in one statement, as the dunning run makes
        thousands: the access right and the unique constraint of create(),
        without its per-record work (a quarter of the run's time).

        ``rows``: dicts with a value for each of ``_INSERT_COLUMNS``.
        """
        self.check_access("create")
        if not rows:
            return
        columns = [name for name, _type in self._INSERT_COLUMNS]
        # one JSON parameter: encoded in C, where one array per column went
        # through psycopg2's adaptation value by value
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO ar_dunning_line (%s)
                SELECT %s FROM jsonb_to_recordset(%s::jsonb) AS r(%s)
                """,
                SQL(", ").join(SQL.identifier(name) for name in columns),
                SQL(", ").join(SQL.identifier("r", name) for name in columns),
                json.dumps([{name: row[name] for name in columns} for row in rows]),
                SQL(", ").join(
                    SQL(f"%s {sql_type}", SQL.identifier(name))
                    for name, sql_type in self._INSERT_COLUMNS
                ),
            )
        )
        self.invalidate_model()
        self.env["ar.dunning.run"].invalidate_model(["line_ids"])
        self.env["account.move"].invalidate_model(["ar_dunning_line_ids"])
