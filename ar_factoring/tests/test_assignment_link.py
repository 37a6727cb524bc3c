from odoo import Command, fields
from odoo.modules.migration import load_script
from odoo.tests import tagged

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestAssignmentLink(ArFactoringCommon):
    """Definancing finds the assignment journal items by their link to the
    batch line, never by their translated label; batches booked by older
    versions are linked, then converted, by the upgrade."""

    def _definance_in_english(self, invoice, reason):
        self.env["ar.factor.definance"].with_context(lang="en_US").create(
            {"move_ids": invoice.ids, "reason": reason}
        ).action_confirm()

    def _old_batch(self, moves):
        """A batch booked as before 18.0.1.2.0: the invoices' 411 lines
        credited and reconciled (the invoices looked paid), no link."""
        batch = self._batch(moves, confirm=False)
        lines = [
            {
                "name": f"Assigned {line.move_id.name}",
                "account_id": line.receivable_line_id.account_id.id,
                "partner_id": self.customer.id,
                "balance": -line.amount,
            }
            for line in batch.line_ids
        ]
        lines.append(
            {
                "name": "Receivables assigned",
                "account_id": self.acc_factor.id,
                "partner_id": self.factor.id,
                "balance": batch.amount_total,
            }
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.contract.journal_id.id,
                "date": batch.date,
                "line_ids": [Command.create(vals) for vals in lines],
            }
        )
        entry.action_post()
        for line, item in zip(
            batch.line_ids, entry.line_ids.sorted("id"), strict=False
        ):
            (line.receivable_line_id | item).reconcile()
        batch.write({"state": "confirmed", "move_id": entry.id, "name": "BORD/OLD"})
        moves.write({"ar_factor_state": "assigned", "ar_factor_batch_id": batch.id})
        return batch

    def _old_definance(self, invoice):
        """Definancing as before 18.0.1.2.0: the invoice unreconciled, the
        411 item of the batch settled by the definancing entry."""
        receivable = invoice.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        item = (receivable.matched_credit_ids).credit_move_id
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.contract.journal_id.id,
                "date": "2026-10-20",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": receivable.account_id.id,
                            "partner_id": self.customer.id,
                            "balance": invoice.amount_total,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.acc_factor.id,
                            "partner_id": self.factor.id,
                            "balance": -invoice.amount_total,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        receivable.matched_credit_ids.unlink()
        (item | entry.line_ids.filtered("debit")).reconcile()
        invoice.write(
            {
                "ar_factor_state": "definanced",
                "ar_factor_definance_move_id": entry.id,
            }
        )

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
        self.assertEqual(
            self._journal_items(entry),
            sorted([("467900", 1000.0, 0.0), ("467810", 0.0, 1000.0)]),
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
                    "payment_state": "not_paid",
                    "amount_residual": 400.0,
                },
            ],
        )
        # the item assigned is settled by the return, not left open twice
        self.assertRecordValues(
            batch.line_ids[0].assignment_line_ids,
            [{"balance": -1000.0, "reconciled": True}],
        )

    def test_upgrade_converts_batches_booked_before(self):
        """18.0.1.1.0 links the items of old batches by their reconciliation;
        18.0.1.2.0 reopens the invoices the factor still holds and moves their
        assignment to 467900. Definanced invoices keep their history."""
        first, second, third, fourth = (
            self._invoice(1000.0),
            self._invoice(400.0),
            self._invoice(250.0),
            self._invoice(500.0),
        )
        payment = self._pay(fourth, 200.0, date="2026-10-03")  # before assigning
        self.contract.account_assigned_id = False  # set up before 18.0.1.2.0
        batch = self._old_batch(first | second | third | fourth)
        self._old_definance(first)
        self.assertRecordValues(
            second | third | fourth,
            [
                {"payment_state": "paid"},
                {"payment_state": "paid"},
                {"payment_state": "paid"},
            ],
        )
        old_items = batch.move_id.line_ids - batch.move_id.line_ids.filtered(
            lambda aml: aml.account_id == self.acc_factor
        )
        # the payee wording (18.0.1.3.0) arrives in English only
        self.contract.update_field_translations("payee_text", {"fr_FR": False})
        for version in ("18.0.1.1.0", "18.0.1.2.0", "18.0.1.3.0"):
            self.env.flush_all()
            load_script(
                f"ar_factoring/migrations/{version}/post-migration.py",
                f"ar_factoring_post_migration_{version.replace('.', '_')}",
            ).migrate(self.env.cr, "18.0.1.0.0")
            self.env.invalidate_all()
        self.assertEqual(self.contract.account_assigned_id.code, "467900")
        self.assertTrue(
            self.contract.with_context(lang="fr_FR").payee_text.startswith(
                "Ces factures ont été cédées à notre factor"
            )
        )
        # definanced before: linked to its old item, nothing converted
        self.assertEqual(
            batch.line_ids[0].assignment_line_ids, old_items.sorted("id")[0]
        )
        self.assertRecordValues(first, [{"amount_residual": 1000.0}])
        conversion = batch.line_ids[1:].assignment_line_ids.move_id
        self.assertEqual(len(conversion), 1)
        self.assertRecordValues(
            conversion, [{"state": "posted", "date": self.company._ar_today()}]
        )
        self.assertEqual(
            self._journal_items(conversion),
            sorted(
                [
                    (self.receivable_code, 400.0, 0.0),
                    ("467900", 0.0, 400.0),
                    (self.receivable_code, 250.0, 0.0),
                    ("467900", 0.0, 250.0),
                    (self.receivable_code, 300.0, 0.0),
                    ("467900", 0.0, 300.0),
                ]
            ),
        )
        self.assertTrue(all(old_items.mapped("reconciled")))
        self.assertRecordValues(
            second | third | fourth,
            [
                {"payment_state": "not_paid", "amount_residual": 400.0},
                {"payment_state": "not_paid", "amount_residual": 250.0},
                {"payment_state": "partial", "amount_residual": 300.0},
            ],
        )
        # the payment received before the assignment stays reconciled
        receivable = fourth.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        self.assertIn(
            payment.move_id, receivable.matched_credit_ids.credit_move_id.move_id
        )
        self.assertAlmostEqual(
            sum(
                receivable.matched_credit_ids.filtered(
                    lambda p: p.credit_move_id.move_id == payment.move_id
                ).mapped("amount")
            ),
            200.0,
        )
        # converted batches then follow today's booking
        self._definance_in_english(second, "after the upgrade")
        self.assertEqual(
            self._journal_items(second.ar_factor_definance_move_id),
            sorted([("467900", 400.0, 0.0), ("467810", 0.0, 400.0)]),
        )
        self._collect(third, 250.0, "2026-11-02")
        self.assertRecordValues(
            second | third,
            [
                {"ar_factor_state": "definanced", "amount_residual": 400.0},
                {"ar_factor_state": "collected", "amount_residual": 0.0},
            ],
        )
        self.assertEqual(
            third.line_ids.filtered("reconciled").matched_credit_ids.max_date,
            fields.Date.to_date("2026-11-02"),
        )
