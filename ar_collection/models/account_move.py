from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class AccountMove(models.Model):
    _inherit = "account.move"

    ar_collection_action_ids = fields.Many2many(
        "ar.collection.action",
        "ar_collection_action_move_rel",
        "move_id",
        "action_id",
        string="Collection actions",
        copy=False,
    )
    ar_dunning_excluded = fields.Boolean(
        string="Excluded from dunning",
        copy=False,
        tracking=True,
        help="The dunning run leaves this invoice alone.",
    )
    ar_dunning_level_id = fields.Many2one(
        "ar.dunning.level",
        string="Last dunning level",
        compute="_compute_ar_dunning_level_id",
        search="_search_ar_dunning_level_id",
        help="The level of the invoice's latest dunning line.",
    )
    ar_dunning_line_ids = fields.One2many(
        "ar.dunning.line", "move_id", string="Dunning history", readonly=True
    )

    # read from the dunning lines, never stored: the run would otherwise
    # rewrite thousands of invoices, each update going through every index of
    # account_move (half of a first run's SQL time)
    _AR_LATEST_LINES = """
        SELECT DISTINCT ON (move_id) move_id, level_id
          FROM ar_dunning_line
         WHERE %s
      ORDER BY move_id, id DESC
    """

    @api.depends("ar_dunning_line_ids")
    def _compute_ar_dunning_level_id(self):
        levels = {}
        if self.ids:
            self.env["ar.dunning.line"].flush_model(["move_id", "level_id"])
            rows = self.env.execute_query(
                SQL(self._AR_LATEST_LINES, SQL("move_id = ANY(%s)", self.ids))
            )
            levels = dict(rows)
        for move in self:
            move.ar_dunning_level_id = levels.get(move.id, False)

    def _search_ar_dunning_level_id(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on the last dunning level."))
        values = value if isinstance(value, (list, tuple)) else [value]
        ids = [v for v in values if v]
        latest = SQL(self._AR_LATEST_LINES, SQL("TRUE"))
        clauses = []
        if ids:
            clauses.append(
                SQL(
                    "id IN (SELECT move_id FROM (%s) l WHERE level_id = ANY(%s))",
                    latest,
                    ids,
                )
            )
        if len(ids) < len(values):  # False: never dunned
            clauses.append(SQL("id NOT IN (SELECT move_id FROM ar_dunning_line)"))
        positive = SQL(" OR ").join(clauses) if clauses else SQL("FALSE")
        if operator in ("!=", "not in"):
            positive = SQL("NOT (%s)", positive)
        return [("id", "in", SQL("(SELECT id FROM account_move WHERE %s)", positive))]

    def _ar_dunning_skip_domains(self):
        """Domains on account.move of the invoices the dunning run skips: the
        manual exclusion, the invoices to declare in a collective proceeding
        (only those dated before the judgment) and the invoices paused by a
        dispute, a promise or a plan. Addons depending on this one extend the list (ar_factoring: the
        invoices the factor dunns itself)."""
        return [
            [("ar_dunning_excluded", "=", True)],
            [("ar_claim_to_declare", "=", True)],
            *self._ar_agenda_pause_domains(),
        ]

    def _ar_agenda_pause_domains(self):
        """Invoices under an open dispute, an open promise or a respected plan."""
        ids = (
            self.env["ar.collection.dispute"]._ar_paused_moves()
            | self.env["ar.collection.promise"]._ar_paused_moves()
            | self.env["ar.collection.payment.plan"]._ar_paused_moves()
        ).ids
        return [[("id", "in", ids)]] if ids else []

    def _ar_check_reminded(self, what):
        reason = self.env.context.get("ar_reset_reason")
        reminded = self.filtered("ar_dunning_line_ids")
        if reminded and not reason:
            raise UserError(
                _(
                    "%(invoices)s already received reminders: give a reason to %(what)s "
                    "(button Reset with a reason).",
                    invoices=", ".join(reminded.mapped("name")),
                    what=what,
                )
            )
        for move in reminded:
            move.message_post(
                body=_("%(what)s after reminders: %(reason)s", what=what, reason=reason)
            )

    def button_draft(self):
        self._ar_check_reminded(_("reset to draft"))
        return super().button_draft()

    def button_cancel(self):
        self._ar_check_reminded(_("cancel"))
        return super().button_cancel()

    def action_ar_reset_with_reason(self):
        return {
            "type": "ir.actions.act_window",
            "name": _("Reset a reminded invoice"),
            "res_model": "ar.dunning.reset",
            "view_mode": "form",
            "target": "new",
            "context": {"default_move_ids": self.ids},
        }
