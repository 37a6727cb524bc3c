"""The dunning run under faults, with real Odoo processes on the test
database: two workers at once, a worker killed mid-run. A row lock held by
the test stops a run in a known batch, so each case is deterministic."""

from odoo.sql_db import db_connect
from odoo.tests import BaseCase, get_db_name, tagged

from .processes import output, query, shell, wait_until

SETUP = """
company = env["res.company"].create({"name": "Faults %(tag)s", "country_id": env.ref("base.fr").id,
    "currency_id": env.ref("base.EUR").id})
env["account.chart.template"].try_loading("fr", company=company, install_demo=False)
company.ar_apply_late_charges = False
env["ar.dunning.scenario"].create({"name": "Faults", "company_id": company.id, "is_default": True,
    "level_ids": [odoo.Command.create({"name": "Call", "offset_days": 10, "channel": "call"}),
                  odoo.Command.create({"name": "Email", "offset_days": 45, "channel": "email"})]})
env["ir.config_parameter"].set_param("ar_collection.dunning_batch_size", "5")
result(company.id)
"""

LEDGER = """
company = env["res.company"].browse(%(company)s)
env = env(context=dict(env.context, allowed_company_ids=company.ids))
partners = env["res.partner"].create([{"name": "%(prefix)s %%02d" %% i, "is_company": True,
    "company_id": company.id, "email": %(email)r and "%(prefix)s%%02d@example.com" %% i,
    "street": "1 rue Haute", "city": "Lyon"} for i in range(%(count)s)])
moves = env["account.move"].create([{"move_type": "out_invoice", "partner_id": p.id,
    "company_id": company.id, "invoice_date": "2026-09-01", "invoice_date_due": "%(due)s",
    "invoice_line_ids": [odoo.Command.create({"name": "Travaux", "price_unit": 100.0})]}
    for p in partners.sorted("id")])
moves.action_post()
result(moves.ids)
"""

STEP = """
import time
company = env["res.company"].browse(%(company)s)
Run = env["ar.dunning.run"].sudo().with_company(company)
result(list(Run._ar_cron_step(company, odoo.fields.Date.to_date("%(day)s"), time.monotonic() + 600)))
"""

BOUNCES = """
company = env["res.company"].browse(%(company)s)
Action = env["ar.collection.action"].sudo().with_company(company)
result(len(Action._ar_handle_bounces(company, odoo.fields.Date.to_date("%(day)s"))))
"""

MANUAL = """
company = env["res.company"].browse(%(company)s)
try:
    env["ar.dunning.run"].with_company(company)._run_for_company(company, autocommit=True)
    result("ran")
except odoo.exceptions.UserError as error:
    result(error.args[0])
"""


@tagged("post_install", "-at_install")
class TestRunFaults(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db = get_db_name()
        cls.company_id = shell(cls.db, SETUP % {"tag": id(cls)})

    @classmethod
    def tearDownClass(cls):
        # the scheduled steps of later tests leave this company alone
        shell(
            cls.db,
            f'env["res.company"].browse({cls.company_id}).active = False\n'
            'env["ir.config_parameter"].set_param("ar_collection.dunning_batch_size", False)\n'
            "result(True)",
        )
        super().tearDownClass()

    def _ledger(self, prefix, count, due="2026-10-01", email=False):
        """``count`` customers with one invoice of 100 each, due on ``due``:
        the invoices' ids, in the customers' order."""
        return shell(
            self.db,
            LEDGER
            % {
                "company": self.company_id,
                "prefix": prefix,
                "count": count,
                "due": due,
                "email": email,
            },
        )

    def _step(self, day, wait=True):
        return shell(
            self.db, STEP % {"company": self.company_id, "day": day}, wait=wait
        )

    def _hold(self, move_id):
        """Lock one invoice as another transaction would: the run stops in
        that invoice's batch, after committing the batches before it."""
        cr = db_connect(self.db).cursor()
        cr.execute("SELECT id FROM account_move WHERE id = %s FOR UPDATE", [move_id])
        return cr

    def _blocked_backend(self):
        return wait_until(
            lambda: query(
                self.db,
                "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                "AND wait_event_type = 'Lock'",
                [self.db],
            ),
            what="the run to reach the locked invoice",
        )[0][0]

    def _lines(self, move_ids):
        """(invoices with a line, most lines of one invoice and level,
        most dunning actions of one customer)."""
        return query(
            self.db,
            """
            SELECT (SELECT count(DISTINCT move_id) FROM ar_dunning_line
                     WHERE move_id = ANY(%(moves)s)),
                   (SELECT COALESCE(max(n), 0) FROM (
                        SELECT count(*) n FROM ar_dunning_line
                         WHERE move_id = ANY(%(moves)s) GROUP BY move_id, level_id) l),
                   (SELECT COALESCE(max(n), 0) FROM (
                        SELECT count(*) n FROM ar_collection_action a
                          JOIN account_move m ON m.commercial_partner_id = a.partner_id
                         WHERE m.id = ANY(%(moves)s) AND a.origin = 'dunning'
                         GROUP BY a.partner_id) a)
            """,
            {"moves": move_ids},
        )[0]

    def test_killed_run_resumes_without_loss_or_double(self):
        moves = self._ledger("Killed", 40)
        lock = self._hold(moves[27])
        runner = self._step("2026-11-01", wait=False)
        backend = self._blocked_backend()
        # batches of 5 customers: 0-24 committed, 25-29 in progress
        self.assertEqual(self._lines(moves), (25, 1, 1))
        runner.kill()
        runner.wait()
        lock.rollback()
        lock.close()
        wait_until(
            lambda: (
                not query(
                    self.db, "SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]
                )
            ),
            what="the killed run's transaction to end",
        )
        self.assertEqual(
            self._lines(moves), (25, 1, 1), "the batch in progress left nothing"
        )
        ((run_id, state),) = query(
            self.db,
            "SELECT id, state FROM ar_dunning_run WHERE company_id = %s AND date = %s",
            [self.company_id, "2026-11-01"],
        )
        self.assertEqual(state, "running")
        self.assertEqual(
            self._step("2026-11-01"), [15, 0], "resumed after the last batch done"
        )
        self.assertEqual(self._lines(moves), (40, 1, 1))
        self.assertEqual(
            query(self.db, "SELECT state FROM ar_dunning_run WHERE id = %s", [run_id]),
            [("done",)],
        )
        self.assertEqual(self._step("2026-11-02")[1], 0)
        self.assertEqual(self._lines(moves), (40, 1, 1))

    def test_two_runs_at_once_one_works(self):
        moves = self._ledger("Twin", 20)
        lock = self._hold(moves[7])
        first = self._step("2026-11-05", wait=False)
        try:
            self._blocked_backend()
            self.assertEqual(
                self._step("2026-11-05"), [0, 0], "the second worker skips"
            )
            # the test database is French
            self.assertRegex(
                shell(self.db, MANUAL % {"company": self.company_id}),
                "already working|déjà en cours",
            )
        finally:
            lock.rollback()
            lock.close()
        self.assertEqual(output(first)[1], 0)
        self.assertEqual(self._lines(moves), (20, 1, 1))
        self.assertEqual(
            query(
                self.db,
                "SELECT count(*) FROM ar_dunning_run WHERE company_id = %s AND date = %s",
                [self.company_id, "2026-11-05"],
            ),
            [(1,)],
        )

    def test_unreachable_mail_server_fallback_once(self):
        """No SMTP server (nothing listens on the configured one): the
        reminders fail once sent, each becomes one letter for the collector,
        whatever the number of runs and bounce checks after."""
        moves = self._ledger("Mail", 3, due="2026-09-20", email=True)
        self.assertEqual(self._step("2026-11-06")[1], 0)
        states = query(
            self.db,
            """
            SELECT m.state, n.notification_status FROM mail_mail m
              JOIN mail_notification n ON n.mail_mail_id = m.id
              JOIN mail_message msg ON msg.id = m.mail_message_id
              JOIN ar_collection_action a ON a.id = msg.res_id
                   AND msg.model = 'ar.collection.action'
              JOIN account_move mv ON mv.commercial_partner_id = a.partner_id
             WHERE mv.id = ANY(%s)
            """,
            [moves],
        )
        self.assertEqual(states, [("exception", "exception")] * 3)
        for day in ("2026-11-07", "2026-11-08"):
            shell(self.db, BOUNCES % {"company": self.company_id, "day": day})
            self._step(day)
        self.assertEqual(
            query(
                self.db,
                """
                SELECT a.action_type, count(*) FROM ar_collection_action a
                  JOIN account_move mv ON mv.commercial_partner_id = a.partner_id
                 WHERE mv.id = ANY(%s) GROUP BY 1 ORDER BY 1
                """,
                [moves],
            ),
            [("email", 3), ("letter", 3)],
        )
