import logging
import threading
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def level_due(levels, days_late, residual, done_offsets):
    """The level an invoice reaches today, or None.

    ``levels``: (offset_days, min_amount, level_id) sorted by offset;
    ``done_offsets``: offsets already reached by the invoice. The highest
    level whose offset has passed is due, unless it or a later one was
    already reached; levels skipped meanwhile are not sent late.
    """
    passed = [lvl for lvl in levels if lvl[0] <= days_late and residual >= lvl[1]]
    if not passed:
        return None
    offset, _min_amount, level_id = passed[-1]
    if any(done >= offset for done in done_offsets):
        return None
    return level_id


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

    @api.depends("date", "company_id")
    def _compute_name(self):
        for run in self:
            run.name = _("Dunning run of %s", run.date)

    def _compute_counts(self):
        for run in self:
            run.line_count = len(run.line_ids)
            run.action_count = len(run.action_ids)

    @api.model
    def _cron_run(self):
        testing = getattr(threading.current_thread(), "testing", False)
        for company in self.env["res.company"].search([]):
            self.with_company(company)._run_for_company(
                company, date=company._ar_today(), autocommit=not testing
            )

    def action_run_now(self):
        run = self._run_for_company(self.env.company)
        return {
            "type": "ir.actions.act_window",
            "res_model": "ar.dunning.run",
            "res_id": run.id,
            "view_mode": "form",
        }

    @api.model
    def _run_for_company(self, company, date=None, batch_size=500, autocommit=False):
        """Create the actions due today; safe to re-run and to interrupt.

        With ``autocommit`` (the scheduled run), each customer batch is
        committed once its lines exist:
        a crash loses at most the batch in progress, and the unique line per
        invoice and level keeps a re-run from acting twice.
        """
        date = date or fields.Date.context_today(self)
        run = self.create({"company_id": company.id, "date": date})
        self.env["ar.collection.action"]._ar_handle_bounces(company)
        # promises and plans first: whether they still pause their invoices
        self.env["ar.collection.promise"]._cron_evaluate(date, company)
        self.env["ar.collection.payment.plan"]._cron_evaluate(date, company)
        scenarios = self.env["ar.dunning.scenario"].search(
            [("company_id", "=", company.id)], order="priority, id"
        )
        if not scenarios:
            run.write({"state": "done", "summary": _("No dunning scenario.")})
            return run
        excluded = self._excluded()
        partner_ids = self._candidate_partners(company, excluded)
        counts = defaultdict(int)
        errors = []
        for start in range(0, len(partner_ids), batch_size):
            chunk = partner_ids[start : start + batch_size]
            try:
                with self.env.cr.savepoint():
                    by_partner = defaultdict(list)
                    for row in self._candidates(company, date, excluded, chunk):
                        by_partner[row["partner_id"]].append(row)
                    run._process_partners(chunk, by_partner, scenarios, date, counts)
            except Exception as exc:
                _logger.exception("Dunning batch failed")
                errors.append(str(exc))
            if autocommit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            # memory stays flat: a batch's invoices and actions are not
            # needed by the next one
            self.env.flush_all()
            self.env.invalidate_all()
        level_names = {
            level.id: f"{level.scenario_id.name} / {level.name}"
            for level in self.env["ar.dunning.level"].browse(list(counts))
        }
        run.write(
            {
                "state": "failed" if errors else "done",
                "summary": "\n".join(
                    f"{level_names[level_id]}: {count}"
                    for level_id, count in counts.items()
                )
                or _("Nothing new to send."),
                "error_log": "\n".join(errors) or False,
            }
        )
        return run

    def _excluded(self):
        """Ids of the invoices the run skips and of the customers it never
        reminds (hooks of this addon and of the others)."""
        Move = self.env["account.move"]
        skip = Move._ar_dunning_skip_domains()
        blocked = self.env["res.partner"]._ar_dunning_blocked_domains()
        skip_ids = Move.search(expression.OR(skip)).ids if skip else []
        blocked_ids = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(expression.OR(blocked))
            .ids
            if blocked
            else []
        )
        return skip_ids, blocked_ids

    def _open_invoices_where(self, company, excluded):
        skip_ids, blocked_ids = excluded
        return SQL(
            """
            m.company_id = %(company)s
            AND m.move_type = 'out_invoice'
            AND m.state = 'posted'
            AND m.payment_state IN ('not_paid', 'partial')
            AND m.amount_residual_signed > 0
            AND m.invoice_date_due IS NOT NULL
            AND NOT (m.id = ANY(%(skip)s))
            AND NOT (m.commercial_partner_id = ANY(%(blocked)s))
            """,
            company=company.id,
            skip=skip_ids,
            blocked=blocked_ids,
        )

    def _candidate_partners(self, company, excluded):
        """Customers with open invoices not excluded, in one query."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT m.commercial_partner_id FROM account_move m "
                "WHERE %s ORDER BY 1",
                self._open_invoices_where(company, excluded),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def _candidates(self, company, date, excluded, partner_ids):
        """Open invoices of these customers not excluded, with days late."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT m.id, m.commercial_partner_id, m.amount_residual_signed,
                       %s - m.invoice_date_due AS days_late
                  FROM account_move m
                 WHERE %s AND m.commercial_partner_id = ANY(%s)
                """,
                date,
                self._open_invoices_where(company, excluded),
                partner_ids,
            )
        )
        return [
            {"move_id": mid, "partner_id": pid, "residual": residual, "days_late": late}
            for mid, pid, residual, late in self.env.cr.fetchall()
        ]

    def _process_partners(self, partner_ids, by_partner, scenarios, date, counts):
        self.ensure_one()
        partners = self.env["res.partner"].browse(partner_ids)
        move_ids = [row["move_id"] for pid in partner_ids for row in by_partner[pid]]
        done = defaultdict(set)
        for line in self.env["ar.dunning.line"].search_read(
            [("move_id", "in", move_ids)], ["move_id", "level_id"]
        ):
            done[line["move_id"][0]].add(line["level_id"][0])
        levels_by_scenario = {
            scenario.id: [
                (lvl.offset_days, lvl.min_amount, lvl.id)
                for lvl in scenario.level_ids.sorted("offset_days")
            ]
            for scenario in scenarios
        }
        offset_of = {
            lvl[2]: lvl[0] for levels in levels_by_scenario.values() for lvl in levels
        }
        criteria = {scenario.id: scenario._criteria() for scenario in scenarios}
        default = scenarios.filtered("is_default")[:1]
        Level = self.env["ar.dunning.level"]
        groups = []
        for partner in partners:
            rows = by_partner[partner.id]
            scenario = partner._ar_dunning_scenario(
                scenarios,
                criteria,
                default,
                sum(r["residual"] for r in rows if r["days_late"] > 0),
            )
            if not scenario:
                continue
            by_level = defaultdict(list)
            for row in rows:
                level_id = level_due(
                    levels_by_scenario[scenario.id],
                    row["days_late"],
                    row["residual"],
                    [offset_of.get(lid, -(10**6)) for lid in done[row["move_id"]]],
                )
                if level_id:
                    by_level[level_id].append(row)
            for level_id, level_rows in by_level.items():
                groups.append((partner, Level.browse(level_id), level_rows))
                counts[level_id] += len(level_rows)
        if groups:
            self._create_actions(groups, date)

    def _create_actions(self, groups, date):
        """One action per customer and level reached, with its dunning lines
        and the invoices' level marker: a few batched statements for a whole
        batch of customers (one create each cost 12 ms an action)."""
        # no "created" message nor the run's user as follower on each of
        # thousands of actions: the action itself is the trace
        Action = self.env["ar.collection.action"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True
        )
        actions = Action.create(
            [
                {
                    "name": "%s — %s" % (level.name, partner.name),
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "move_ids": [fields.Command.set([row["move_id"] for row in rows])],
                    "action_type": level._action_type(),
                    "origin": "dunning",
                    "date_planned": date,
                    "user_id": level._responsible_user(partner).id or False,
                    "state": "planned" if level.automatic else "to_review",
                    "dunning_level_id": level.id,
                    "dunning_run_id": self.id,
                }
                for partner, level, rows in groups
            ]
        )
        self.env["ar.dunning.line"]._insert_rows(
            [
                {
                    "run_id": self.id,
                    "move_id": row["move_id"],
                    "level_id": level.id,
                    "action_id": action.id,
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "amount_residual": row["residual"],
                    "days_late": row["days_late"],
                }
                for action, (partner, level, rows) in zip(actions, groups, strict=True)
                for row in rows
            ]
        )
        # a technical marker: set in SQL, a write on posted invoices would run
        # the whole accounting machinery for each of them
        moves_by_level = defaultdict(list)
        for _partner, level, rows in groups:
            moves_by_level[level.id] += [row["move_id"] for row in rows]
        for level_id, move_ids in moves_by_level.items():
            self.env.cr.execute(
                SQL(
                    "UPDATE account_move SET ar_dunning_level_id = %s WHERE id = ANY(%s)",
                    level_id,
                    move_ids,
                )
            )
        self.env["account.move"].invalidate_model(["ar_dunning_level_id"])
        actions.filtered(lambda a: a.dunning_level_id.automatic)._ar_dunning_send()
        return actions
