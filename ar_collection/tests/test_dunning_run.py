from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ar_collection.models.ar_dunning_level import level_due

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestDunningRun(ArCollectionCommon):
    def test_level_due_pure(self):
        courtesy, first, firm, notice = levels = [
            (-5, 0, 1),
            (10, 0, 2),
            (25, 0, 3),
            (45, 500, 4),
        ]
        self.assertIsNone(level_due(levels, -6, 100, []))
        self.assertEqual(level_due(levels, -5, 100, []), 1)
        # level 10 skipped meanwhile is not sent late
        self.assertEqual(level_due(levels, 30, 100, [courtesy]), 3)
        self.assertIsNone(level_due(levels, 30, 100, [firm]))
        self.assertIsNone(level_due(levels, 50, 100, [firm]), "below the minimum")
        self.assertEqual(level_due(levels, 50, 600, [first, firm]), 4)
        self.assertIsNone(level_due(levels, 50, 600, [notice]))
        # a level reached under another scenario counts by its offset
        self.assertIsNone(level_due(levels, 12, 100, [(15, 0, 99)]))
        self.assertEqual(level_due(levels, 26, 100, [(15, 0, 99)]), 3)

    def test_one_action_per_customer_at_highest_level(self):
        """Three invoices at three levels: one action at the highest, carrying
        the three; each invoice keeps its own line at its own level."""
        first = self._invoice(300.0, "2026-11-10")
        firm = self._invoice(400.0, "2026-10-25")
        notice = self._invoice(1000.0, "2026-10-01")
        run = self._run()
        self.assertRecordValues(
            run.action_ids,
            [
                {
                    "partner_id": self.customer.id,
                    "dunning_level_id": self.levels[45].id,
                    "action_type": "formal_notice",
                    "state": "to_review",
                    "move_ids": (first | firm | notice).ids,
                    "amount_residual": 1700.0,
                }
            ],
        )
        lines = {line.move_id: line for line in run.line_ids}
        self.assertEqual(len(run.line_ids), 3)
        for move, offset, days in ((first, 10, 13), (firm, 25, 29), (notice, 45, 53)):
            self.assertRecordValues(
                lines[move],
                [
                    {
                        "level_id": self.levels[offset].id,
                        "action_id": run.action_ids.id,
                        "days_late": days,
                    }
                ],
            )
            self.assertEqual(move.ar_dunning_level_id, self.levels[offset])
        self.assertIn("Standard SME / First reminder: 1", run.summary)
        # a re-run the same day and a week later: nothing new
        self.assertFalse(self._run().action_ids)
        self.assertFalse(self._run(date="2026-11-30").action_ids)
        # on 7 December the first invoice reaches the firm reminder: one new
        # action, listing every overdue invoice, one new line
        later = self._run(date="2026-12-07")
        self.assertRecordValues(
            later.action_ids,
            [
                {
                    "dunning_level_id": self.levels[25].id,
                    "move_ids": (first | firm | notice).ids,
                }
            ],
        )
        self.assertRecordValues(
            later.line_ids, [{"move_id": first.id, "level_id": self.levels[25].id}]
        )
        self.assertEqual(len(first.ar_dunning_line_ids), 2)
        # the last level is the latest line's, and searchable
        self.assertEqual(first.ar_dunning_level_id, self.levels[25])
        Move = self.env["account.move"]
        mine = [("id", "in", (first | firm | notice).ids)]
        self.assertEqual(
            Move.search(mine + [("ar_dunning_level_id", "=", self.levels[25].id)]),
            first | firm,
        )
        self.assertEqual(
            Move.search(mine + [("ar_dunning_level_id", "!=", self.levels[25].id)]),
            notice,
        )
        fresh = self._invoice(50.0, "2026-12-05")
        self.assertEqual(
            Move.search(
                [
                    ("id", "in", (fresh | notice).ids),
                    ("ar_dunning_level_id", "=", False),
                ]
            ),
            fresh,
        )

    def test_every_level_once(self):
        preventive = self._invoice(500.0, "2026-11-28")
        first = self._invoice(300.0, "2026-11-10")
        first_bis = self._invoice(200.0, "2026-11-12")
        second = self._invoice(400.0, "2026-10-25")
        notice = self._invoice(1000.0, "2026-10-01")
        self.assertEqual(str(first.invoice_date_due), "2026-11-10")
        run = self._run()
        self.assertEqual(run.state, "done")
        action = run.action_ids
        self.assertEqual(action.dunning_level_id, self.levels[45])
        # the preventive invoice reached its own level: listed too
        self.assertEqual(
            action.move_ids, preventive | first | first_bis | second | notice
        )
        self.assertEqual(
            {line.move_id: line.level_id.offset_days for line in run.line_ids},
            {preventive: -5, first: 10, first_bis: 10, second: 25, notice: 45},
        )
        self.assertEqual(notice.ar_dunning_level_id, self.levels[45])
        self.assertEqual(first_bis.ar_dunning_level_id, self.levels[10])
        # the same day again: nothing new
        rerun = self._run()
        self.assertFalse(rerun.line_ids)
        self.assertIn("Nothing new", rerun.summary)
        # a week later the preventive invoice is not yet 10 days late
        self.assertFalse(self._run(date="2026-11-30").line_ids)
        # the first-level invoices reach the firm reminder on 5 December
        later = self._run(date="2026-12-07")
        self.assertEqual(later.line_ids.move_id, first | first_bis)
        self.assertEqual(later.line_ids.level_id, self.levels[25])
        self.assertRecordValues(
            later.action_ids,
            [
                {
                    "action_type": "letter",
                    "state": "planned",
                    "user_id": self.collector.id,
                }
            ],
        )
        self.assertTrue(later.action_ids.letter_attachment_id)

    def test_skips_paid_excluded_and_credit_notes(self):
        paid = self._invoice(300.0, "2026-11-10")
        self._pay(paid, 300.0, "2026-11-20")
        excluded = self._invoice(300.0, "2026-11-10")
        excluded.ar_dunning_excluded = True
        partly = self._invoice(300.0, "2026-11-10")
        self._pay(partly, 100.0, "2026-11-20")
        run = self._run()
        self.assertEqual(run.line_ids.move_id, partly)
        self.assertAlmostEqual(run.line_ids.amount_residual, 200.0)

    def test_validate_review_queue_sends(self):
        self._invoice(1000.0, "2026-10-01")
        action = self._run().action_ids
        self.assertEqual(action.state, "to_review")
        self.assertFalse(action.letter_attachment_id)
        action.action_plan()
        self.assertEqual(action.state, "planned")
        self.assertTrue(action.letter_attachment_id)

    def test_batch_of_customers_keeps_each_action_to_its_own(self):
        """Actions and lines of a whole batch are created together: each
        line points at its customer's one action, at a level at least its own."""
        port = self.customer.copy({"name": "Boulangerie du Port"})
        mill = self.customer.copy({"name": "Moulin Girard"})
        own_first = self._invoice(300.0, "2026-11-10")
        own_firm = self._invoice(400.0, "2026-10-25")
        port_first = self._invoice(150.0, "2026-11-12", partner=port)
        port_first_bis = self._invoice(250.0, "2026-11-11", partner=port)
        mill_notice = self._invoice(900.0, "2026-10-01", partner=mill)
        run = self._run(batch_size=500)
        self.assertEqual(len(run.action_ids), 3)
        self.assertEqual(len(run.line_ids), 5)
        for line in run.line_ids:
            self.assertEqual(line.action_id.partner_id, line.partner_id)
            self.assertGreaterEqual(
                line.action_id.dunning_level_id.offset_days, line.level_id.offset_days
            )
            self.assertIn(line.move_id, line.action_id.move_ids)
            self.assertEqual(line.move_id.ar_dunning_level_id, line.level_id)
        by_key = {
            (a.partner_id, a.dunning_level_id.offset_days): a for a in run.action_ids
        }
        self.assertEqual(by_key[self.customer, 25].move_ids, own_first | own_firm)
        self.assertEqual(by_key[port, 10].move_ids, port_first | port_first_bis)
        self.assertEqual(by_key[mill, 45].move_ids, mill_notice)
        self.assertEqual(by_key[mill, 45].state, "to_review")
        mill_line = run.line_ids.filtered(lambda line: line.partner_id == mill)
        self.assertAlmostEqual(mill_line.amount_residual, 900.0)
        self.assertEqual(mill_line.days_late, 53)
        self.assertEqual(mill_line.run_id.user_id, self.env.user)
        self.assertEqual(mill_line.date, run.date)
        self.assertEqual(mill_line.company_id, self.env.company)
        self.assertEqual(mill_notice.ar_dunning_line_ids, mill_line)

    def test_interrupted_run_resumes_without_duplicates(self):
        other = self.customer.copy({"name": "Boulangerie du Port"})
        self._invoice(300.0, "2026-11-10")
        self._invoice(300.0, "2026-11-10", partner=other)
        broken = self.env["mail.template"].create(
            {
                "name": "Broken",
                "model_id": self.env.ref("ar_collection.model_ar_collection_action").id,
                "subject": "{{ object.no_such_field }}",
                "body_html": "<p>x</p>",
            }
        )
        self.levels[10].mail_template_id = broken
        with mute_logger("odoo.addons.ar_collection.models.ar_dunning_run"):
            run = self._run(batch_size=1)
        self.assertEqual(run.state, "failed")
        self.assertTrue(run.error_log)
        self.assertFalse(run.line_ids, "the failing batches left nothing half-done")
        self.levels[10].mail_template_id = False
        rerun = self._run(batch_size=1)
        self.assertEqual(rerun.state, "done")
        self.assertEqual(len(rerun.line_ids), 2)
        self.assertFalse(self._run().line_ids)

    def test_daily_job_split_in_slices(self):
        """With one customer a batch and no time budget, each call of the
        daily job does one batch and reports the rest: the cron calls it
        again (any worker) until the run of the day is done, once."""
        for name in ("Boulangerie du Port", "Moulin Girard"):
            self._invoice(
                300.0, "2026-10-01", partner=self.customer.copy({"name": name})
            )
        self._invoice(300.0, "2026-10-01")
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ar_collection.dunning_batch_size", "1")
        params.set_param("ar_collection.dunning_cron_seconds", "0")
        cron = self.env.ref("ar_collection.ar_dunning_run_cron")
        Run = self.env["ar.dunning.run"].sudo()
        mine = [("company_id", "=", self.company.id)]
        slices = []
        for _call in range(100):
            progress = self.env["ir.cron.progress"].sudo().create({"cron_id": cron.id})
            Run.with_context(ir_cron_progress_id=progress.id)._cron_run(
                fields.Date.to_date("2026-11-23")
            )
            slices.append((progress.done, progress.remaining))
            if not progress.remaining:
                break
        self.assertFalse(slices[-1][1], "the job ends")
        self.assertTrue(all(done <= 1 for done, _left in slices), slices)
        run = Run.search(mine)
        self.assertEqual(len(run), 1)
        self.assertRecordValues(run, [{"state": "done", "scheduled": True}])
        self.assertEqual(len(run.line_ids), 3)
        self.assertEqual(len(run.action_ids), 3)
        # the day had its run: a later call of the same day adds nothing
        Run._cron_run(fields.Date.to_date("2026-11-23"))
        self.assertEqual(Run.search(mine), run)

    def test_collector_follows_the_run_actions_without_a_notice_each(self):
        """The run's actions are followed by their responsible, so that the
        customer's replies reach them, but no "You have been assigned"
        message is sent for each of them."""
        self._invoice(300.0, "2026-11-10")
        action = self._run().action_ids
        self.assertEqual(action.user_id, self.collector)
        self.assertEqual(
            action.message_follower_ids.partner_id, self.collector.partner_id
        )
        self.assertFalse(
            self.env["mail.message"].search(
                [
                    ("model", "=", "ar.collection.action"),
                    ("res_id", "=", action.id),
                    ("message_type", "=", "user_notification"),
                ]
            )
        )
