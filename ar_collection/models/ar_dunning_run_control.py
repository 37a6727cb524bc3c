import threading
import time
from contextlib import contextmanager

from psycopg2.extensions import TRANSACTION_STATUS_INERROR

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# first key of the PostgreSQL advisory lock of a company's run (the second is
# the company's id): any number the suite alone uses
RUN_LOCK_KEY = 4_180_613


class ArDunningRun(models.Model):
    """Who starts a run, and how: the daily job in resumable slices, a
    manager's button, integrators through RPC; one run of a company at once."""

    _inherit = "ar.dunning.run"

    @api.model
    @contextmanager
    def _ar_company_lock(self, company, session=False):
        """Yield whether this transaction got the company's run lock: a
        PostgreSQL advisory lock, so two workers or two machines never run the
        same company at once. ``session``: kept across commits (a run that
        commits its batches), released on leaving, or when the process dies."""
        cr = self.env.cr
        kind = "pg_try_advisory_lock" if session else "pg_try_advisory_xact_lock"
        cr.execute(SQL(f"SELECT {kind}(%s, %s)", RUN_LOCK_KEY, company.id))
        locked = cr.fetchone()[0]
        try:
            yield locked
        finally:
            if locked and session:
                if cr._cnx.get_transaction_status() == TRANSACTION_STATUS_INERROR:
                    cr.rollback()
                cr.execute(
                    SQL("SELECT pg_advisory_unlock(%s, %s)", RUN_LOCK_KEY, company.id)
                )

    @api.model
    def _run_for_company(self, company, date=None, batch_size=500, autocommit=False):
        """A whole run for ``company`` on ``date``; safe to re-run and to
        interrupt. Refused while another run of the company works.

        With ``autocommit``, each customer batch is committed once its lines
        exist: a crash loses at most the batch in progress, and the unique
        line per invoice and level keeps a re-run from acting twice.
        """
        date = date or fields.Date.context_today(self)
        with self._ar_company_lock(company, session=autocommit) as locked:
            if not locked:
                raise UserError(
                    _("A dunning run of %s is already working.", company.name)
                )
            run = self.create({"company_id": company.id, "date": date})
            run._ar_process(batch_size, autocommit)
        return run

    @api.model
    def _cron_run(self, today=None):
        """Scheduled step: each company's run of the day, on its today (or on
        ``today``, which tests pin). Works for ``ar_collection.
        dunning_cron_seconds`` seconds, then reports what is left
        (``ir.cron._notify_progress``) so that any cron worker continues."""
        testing = getattr(threading.current_thread(), "testing", False)
        deadline = time.monotonic() + self._ar_setting("dunning_cron_seconds", 60)
        done = remaining = 0
        for company, day in self.env["res.company"]._ar_companies_today(today):
            if done and time.monotonic() > deadline:
                remaining += 1
                continue
            did, left = (
                self.sudo()
                .with_company(company)
                ._ar_cron_step(company, day, deadline, autocommit=not testing)
            )
            done += did
            remaining += left
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _ar_cron_step(self, company, day, deadline, autocommit=True):
        """The company's scheduled run, worked on until ``deadline``: the
        customers done and those left. Nothing when another worker holds the
        company's lock (it reports its own progress)."""
        with self._ar_company_lock(company, session=autocommit) as locked:
            run = locked and self._ar_run_of_the_day(company, day)
            if not run:
                return 0, 0
            return run._ar_process(
                self._ar_setting("dunning_batch_size", 500), autocommit, deadline
            )

    @api.model
    def _ar_setting(self, key, default):
        """A whole number set in ``ar_collection.<key>`` (system parameter)."""
        value = self.env["ir.config_parameter"].sudo().get_param(f"ar_collection.{key}")
        try:
            return max(int(value), 0) if value else default
        except ValueError:
            return default

    @api.model
    def _ar_run_of_the_day(self, company, day):
        """The scheduled run to work on: one left running (split, or its
        worker died), else a new one unless ``day`` already had its run."""
        domain = [("company_id", "=", company.id), ("scheduled", "=", True)]
        running = self.search(domain + [("state", "=", "running")], limit=1)
        if running or self.search_count(domain + [("date", "=", day)], limit=1):
            return running
        return self.create({"company_id": company.id, "date": day, "scheduled": True})

    def _ar_check_manager(self):
        """Starting a run by hand or through RPC is for credit and collection
        managers, whatever the client shows."""
        user = self.env.user
        if not (
            user.has_group("ar_collection.ar_collection_group_manager")
            or user.has_group("ar_risk.ar_risk_group_manager")
        ):
            raise AccessError(
                _("Only a credit or collection manager can start a dunning run.")
            )

    def action_run_now(self):
        self._ar_check_manager()
        run = self._ar_run_as_manager(self.env.company, None)
        return {
            "type": "ir.actions.act_window",
            "res_model": "ar.dunning.run",
            "res_id": run.id,
            "view_mode": "form",
        }

    @api.model
    def action_run_at(self, date, company_id=None):
        """Public entry point: the run of ``company_id`` (default: the
        current company) as on ``date`` (``YYYY-MM-DD``), so that integrators
        replay a scenario at chosen dates. Returns the run's id, state, counts
        and summary."""
        self._ar_check_manager()
        try:
            day = fields.Date.to_date(date)
        except (TypeError, ValueError):
            day = None
        if not day:
            raise UserError(_("The run's date must be given as YYYY-MM-DD."))
        company = self.env["res.company"].browse(company_id or self.env.company.id)
        if company not in self.env.user.company_ids:
            raise AccessError(_("You have no access to this company."))
        run = self._ar_run_as_manager(company, day).sudo()
        return {
            "id": run.id,
            "date": fields.Date.to_string(run.date),
            "state": run.state,
            "line_count": run.line_count,
            "action_count": run.action_count,
            "summary": run.summary,
        }

    @api.model
    def _ar_run_as_manager(self, company, day):
        """The run, as a step of the company (its exclusions and rights are
        the company's), in the manager's name."""
        run = self.sudo().with_company(company)._run_for_company(company, date=day)
        run.user_id = self.env.user
        return run.with_env(self.env)
