import logging
import time
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from .ar_dunning_level import level_due

_logger = logging.getLogger(__name__)


class ArDunningRun(models.Model):
    """One execution of the dunning engine for a company, kept as history."""

    _name = "ar.dunning.run"
    _description = "Dunning Run"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="running",
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    line_ids = fields.One2many("ar.dunning.line", "run_id", readonly=True)
    action_ids = fields.One2many(
        "ar.collection.action", "dunning_run_id", readonly=True
    )
    line_count = fields.Integer(compute="_compute_counts")
    action_count = fields.Integer(compute="_compute_counts")
    summary = fields.Text(readonly=True, help="Invoices per level reached by this run.")
    error_log = fields.Text(readonly=True)
    scheduled = fields.Boolean(readonly=True, help="Started by the daily job.")
    last_partner_id = fields.Integer(
        readonly=True,
        help="Technical: the customers up to this id are done (a split or "
        "interrupted run resumes after it).",
    )

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = _("Dunning run of %s", run.date)

    def _compute_counts(self):
        for run in self:
            run.line_count = len(run.line_ids)
            run.action_count = len(run.action_ids)

    def _ar_process(self, batch_size=500, autocommit=False, deadline=None):
        """Work on the customers this run has not done yet, in batches, until
        all are done or ``deadline`` (``time.monotonic()``) has passed; the
        customers done and those left.

        Resumable: the customers are taken in id order and the last one done
        is written with its batch, in the same transaction."""
        self.ensure_one()
        company = self.company_id
        scenarios = self.env["ar.dunning.scenario"].search(
            [("company_id", "=", company.id)], order="priority, id"
        )
        if not scenarios:
            self._ar_finish(_("No dunning scenario."))
            return 0, 0
        excluded = self._excluded()
        partner_ids = [
            pid
            for pid in self._candidate_partners(company, excluded)
            if pid > self.last_partner_id
        ]
        done = 0
        while done < len(partner_ids):
            if deadline is not None and done and time.monotonic() > deadline:
                return done, len(partner_ids) - done
            chunk = partner_ids[done : done + batch_size]
            try:
                with self.env.cr.savepoint():
                    by_partner = defaultdict(list)
                    for row in self._candidates(company, self.date, excluded, chunk):
                        by_partner[row["partner_id"]].append(row)
                    self._process_partners(chunk, by_partner, scenarios, self.date)
            except Exception as exc:
                _logger.exception("Dunning batch failed")
                self.error_log = "\n".join(filter(None, [self.error_log, str(exc)]))
            self.last_partner_id = chunk[-1]
            done += len(chunk)
            if autocommit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            # memory stays flat: a batch's invoices and actions are not
            # needed by the next one
            self.env.flush_all()
            self.env.invalidate_all()
        self._ar_finish()
        return done, 0

    def _ar_finish(self, summary=None):
        """Close the run: its summary (``summary``, else from the lines it
        made)."""
        self.ensure_one()
        counts = self.env["ar.dunning.line"]._read_group(
            [("run_id", "=", self.id)], ["level_id"], ["__count"]
        )
        self.write(
            {
                "state": "failed" if self.error_log else "done",
                "summary": summary
                or "\n".join(
                    f"{level.scenario_id.name} / {level.name}: {count}"
                    for level, count in counts
                )
                or _("Nothing new to send."),
            }
        )

    def _excluded(self):
        """Ids of the invoices the run skips and of the customers it never
        reminds (their risk file says so), fetched once per run.

        As superuser: what the run skips is the company's rule, not the rights
        of whoever launches it (a collection manager without factoring rights
        still skips the invoices the factor dunns); the ids only narrow the
        run's own query, bound to its company."""
        skip = self.env["account.move"]._ar_dunning_skip_domains()
        blocked = self.env["res.partner"]._ar_dunning_blocked_domains()
        return (
            self.env["account.move"].sudo().search(expression.OR(skip)).ids,
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search(expression.OR(blocked))
            .ids,
        )

    def _candidate_query(self, company, excluded):
        """The invoices the run may remind: the suite's open customer invoices
        (``account.move._ar_open_invoice_domain``) with a due date and
        something left to pay, less the excluded ones."""
        skip_ids, blocked_ids = excluded
        Move = self.env["account.move"]
        # sudo: the run weighs every open invoice of the company it runs for,
        # whoever starts it; the domain scopes it to that company
        return Move.sudo()._search(
            Move._ar_open_invoice_domain(company)
            + [
                ("amount_residual_signed", ">", 0),
                ("invoice_date_due", "!=", False),
                ("id", "not in", skip_ids),
                ("commercial_partner_id", "not in", blocked_ids),
            ]
        )

    def _candidate_partners(self, company, excluded):
        """Customers with open invoices not excluded, in one query."""
        query = self._candidate_query(company, excluded)
        partner = SQL.identifier(query.table, "commercial_partner_id")
        rows = self.env.execute_query(
            SQL("%s ORDER BY 1", query.select(SQL("DISTINCT %s", partner)))
        )
        return [row[0] for row in rows]

    def _candidates(self, company, date, excluded, partner_ids):
        """Open invoices of these customers not excluded, with days late: one
        query for the batch."""
        query = self._candidate_query(company, excluded)
        table = query.table
        query.add_where(
            SQL(
                "%s = ANY(%s)",
                SQL.identifier(table, "commercial_partner_id"),
                partner_ids,
            )
        )
        rows = self.env.execute_query(
            query.select(
                SQL.identifier(table, "id"),
                SQL.identifier(table, "commercial_partner_id"),
                SQL.identifier(table, "amount_residual_signed"),
                SQL("%s - %s", date, SQL.identifier(table, "invoice_date_due")),
            )
        )
        return [
            {"move_id": mid, "partner_id": pid, "residual": residual, "days_late": late}
            for mid, pid, residual, late in rows
        ]

    def _reached(self, move_ids):
        """The levels these invoices already reached, as ``level_due`` reads
        them ({move id: [(offset, minimum, level id)]}), and the invoices
        under a formal notice not cancelled: one query, as the daily run
        reads them for every open invoice (at 1M lines, through the ORM,
        most of a run that had nothing new to send)."""
        self.env["ar.dunning.line"].flush_model()
        self.env["ar.dunning.level"].flush_model(
            ["offset_days", "min_amount", "letter_style", "channel"]
        )
        self.env["ar.collection.action"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.move_id, level.offset_days, level.min_amount, level.id,
                       level.letter_style = 'formal_notice'
                       AND level.channel != 'litigation'
                       AND action.state IS DISTINCT FROM 'cancelled'
                  FROM ar_dunning_line line
                  JOIN ar_dunning_level level ON level.id = line.level_id
                  LEFT JOIN ar_collection_action action ON action.id = line.action_id
                 WHERE line.move_id = ANY(%s)
                """,
                move_ids,
            )
        )
        reached = defaultdict(list)
        noticed = set()
        for move_id, offset, min_amount, level_id, notice in rows:
            reached[move_id].append((offset, float(min_amount or 0.0), level_id))
            if notice:
                noticed.add(move_id)
        return reached, noticed

    def _process_partners(self, partner_ids, by_partner, scenarios, date):
        self.ensure_one()
        partners = self.env["res.partner"].browse(partner_ids)
        move_ids = [row["move_id"] for pid in partner_ids for row in by_partner[pid]]
        reached, noticed = self._reached(move_ids)
        rules = {s: [lvl._ar_rule() for lvl in s.level_ids] for s in scenarios}
        # after a formal notice, litigation is due at its receipt + the notice
        # period (ar_collection_action_formal_notice), never by its offset
        after_notice = {
            s: [lvl._ar_rule() for lvl in s.level_ids if lvl.channel != "litigation"]
            for s in scenarios
        }
        offsets = {
            level_id: offset
            for levels in rules.values()
            for offset, _min_amount, level_id in levels
        }
        choose = scenarios._ar_chooser()
        Level = self.env["ar.dunning.level"]
        groups = []
        for partner in partners:
            rows = by_partner[partner.id]
            scenario = choose(
                partner, sum(r["residual"] for r in rows if r["days_late"] > 0)
            )
            if not scenario:
                continue
            reached_now = {}
            for row in rows:
                level_id = level_due(
                    (after_notice if row["move_id"] in noticed else rules)[scenario],
                    row["days_late"],
                    row["residual"],
                    reached[row["move_id"]],
                )
                if level_id:
                    reached_now[row["move_id"]] = level_id
            if not reached_now:
                continue
            top = Level.browse(max(set(reached_now.values()), key=offsets.get))
            listed = [
                row
                for row in rows
                if row["days_late"] > 0 or row["move_id"] in reached_now
            ]
            groups.append((partner, top, listed, reached_now))
        if groups:
            self._create_actions(groups, date)

    def _create_actions(self, groups, date):
        """One action per customer, at the highest level its invoices reached,
        carrying every overdue invoice of the customer the run handles; one
        dunning line per invoice at the level that invoice reached.

        ``groups``: (partner, level, rows listed, {move id: level id reached}).
        A few batched statements for a whole batch of customers (one create
        each cost 12 ms an action)."""
        # in one INSERT: no "created" message, no run's user as follower and
        # no "You have been assigned" notice for each of thousands of actions:
        # the action itself is the trace and the agenda the notice. Their
        # responsibles follow them all the same (_ar_follow_responsibles).
        Action = self.env["ar.collection.action"]
        # the agenda's subjects are stored once: in the company's language,
        # not in that of the scheduled job (none) or of whoever starts the run
        env = self.with_context(
            lang=self.company_id.partner_id.lang or self.env.lang
        ).env
        vals_list = Action._ar_assign_responsibles(
            [
                {
                    "name": env._(
                        "%(level)s — %(customer)s",
                        level=level.with_env(env).name,
                        customer=partner.name,
                    ),
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "action_type": level._action_type(),
                    "origin": "dunning",
                    "date_planned": date,
                    "user_id": level._responsible_user(partner).id,
                    "state": "planned" if level.automatic else "to_review",
                    "dunning_level_id": level.id,
                    "dunning_run_id": self.id,
                    # not received yet: given, it is not computed after the
                    # insert and written back
                    "date_notice_end": False,
                }
                for partner, level, rows, _reached in groups
            ]
        )
        actions = Action._ar_insert_actions(vals_list)
        # the invoices of each action in one statement: the ORM's many2many
        # write and company check cost a third of the actions' create; the
        # invoices come from the run's own query, bound to its company
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO ar_collection_action_move_rel (action_id, move_id)
                SELECT * FROM unnest(%s::int[], %s::int[])
                """,
                [
                    action.id
                    for action, (_p, _l, rows, _r) in zip(actions, groups, strict=True)
                    for _row in rows
                ],
                [row["move_id"] for _p, _l, rows, _r in groups for row in rows],
            )
        )
        actions.invalidate_recordset(["move_ids"])
        self.env["account.move"].invalidate_model(["ar_collection_action_ids"])
        actions._ar_follow_responsibles()
        lines = [
            {
                "run_id": self.id,
                "move_id": row["move_id"],
                "level_id": reached[row["move_id"]],
                "action_id": action.id,
                "amount_residual": row["residual"],
                "days_late": row["days_late"],
            }
            for action, (_partner, _level, rows, reached) in zip(
                actions, groups, strict=True
            )
            for row in rows
            if row["move_id"] in reached
        ]
        self.env["ar.dunning.line"]._insert_rows(lines)
        # the invoices' last level is read from these lines
        self.env["account.move"].invalidate_model(["ar_dunning_level_id"])
        actions.filtered(lambda a: a.dunning_level_id.automatic).with_env(
            env
        )._ar_dunning_send()
        return actions
