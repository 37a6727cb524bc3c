from odoo.modules.migration import load_script
from odoo.tests import tagged

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestAssignmentLink(ArFactoringCommon):
    """Definancing finds the assignment journal items by their link to the
    batch line, never by their translated label."""

    def _definance_in_english(self, invoice, reason):
        self.env["ar.factor.definance"].with_context(lang="en_US").create(
            {"move_ids": invoice.ids, "reason": reason}
        ).action_confirm()

    def test_booked_in_french_definanced_in_english(self):
        self.env["res.lang"]._activate_lang("en_US")
        first, second = self._invoice(1000.0), self._invoice(400.0)
        batch = self._batch(first | second, confirm=False)
        batch.with_context(lang="fr_FR").action_confirm()
        self.assertEqual(
            batch.line_ids.assignment_line_ids.mapped("name"),
            [f"Cession {first.name}", f"Cession {second.name}"],
        )
        self._definance_in_english(first, "Paid late")
        entry = first.ar_factor_definance_move_id
        self.assertRecordValues(entry, [{"state": "posted"}])
        self.assertAlmostEqual(sum(entry.line_ids.mapped("balance")), 0.0)
        self.assertEqual(
            self._journal_items(entry),
            sorted([(self.receivable_code, 1000.0, 0.0), ("467810", 0.0, 1000.0)]),
        )
        self.assertRecordValues(
            first | second,
            [
                {
                    "ar_factor_state": "definanced",
                    "payment_state": "not_paid",
                    "amount_residual": 1000.0,
                },
                {
                    "ar_factor_state": "assigned",
                    "payment_state": "paid",
                    "amount_residual": 0.0,
                },
            ],
        )
        # the item assigned is settled by the return, not left open twice
        self.assertRecordValues(
            batch.line_ids[0].assignment_line_ids,
            [{"balance": -1000.0, "reconciled": True}],
        )

    def test_upgrade_links_batches_booked_before(self):
        """18.0.1.1.0's migration links the items of the batches booked
        without the link, by their reconciliation."""
        first, second, third = (
            self._invoice(1000.0),
            self._invoice(400.0),
            self._invoice(250.0),
        )
        cancelled = self._batch(third)
        cancelled.action_cancel()
        batch = self._batch(first | second | third)
        first._ar_factor_definance("before the upgrade")
        links = {line: line.assignment_line_ids for line in batch.line_ids}
        self.assertEqual(len(batch.line_ids.assignment_line_ids), 3)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_move_line SET ar_factor_batch_line_id = NULL "
            "WHERE move_id IN %s",
            [tuple((batch.move_id | cancelled.move_id).ids)],
        )
        self.env.invalidate_all()
        self.assertFalse(batch.line_ids.assignment_line_ids)
        script = load_script(
            "ar_factoring/migrations/18.0.1.1.0/post-migration.py",
            "ar_factoring_post_migration_18_0_1_1_0",
        )
        script.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        for line, items in links.items():
            self.assertEqual(line.assignment_line_ids, items)
        self.assertFalse(cancelled.line_ids.assignment_line_ids)
        self._definance_in_english(second, "after the upgrade")
        self.assertEqual(
            self._journal_items(second.ar_factor_definance_move_id),
            sorted([(self.receivable_code, 400.0, 0.0), ("467810", 0.0, 400.0)]),
        )
        self.assertRecordValues(second, [{"amount_residual": 400.0}])
