from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_insurance import ArInsuranceCommon


@freeze_time("2026-11-23")
@tagged("post_install", "-at_install")
class TestInsuranceClaim(ArInsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_credit_policy = "none"
        cls._decide(100000.0)
        cls.invoice = cls._invoice(
            120000.0, invoice_date="2026-10-01", invoice_date_due="2026-10-31"
        )
        cls.bank = cls.company_data["default_journal_bank"]

    def _claim(self, invoices):
        return self.env["ar.risk.insurance.claim"].create(
            {
                "policy_id": self.policy.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoices.ids)],
            }
        )

    def _lines(self, move):
        return sorted(
            (line.account_id.code, line.partner_id.name, line.debit, line.credit)
            for line in move.line_ids
        )

    def test_claim_indemnity_and_recovery(self):
        claim = self._claim(self.invoice)
        # due 31 October + 60 days
        self.assertEqual(str(claim.date_deadline), "2026-12-30")
        claim.action_declare_threat()
        claim.action_file()
        self.assertRecordValues(
            claim,
            [
                {
                    "state": "filed",
                    "amount_claimed": 120000.0,
                    # 90 % of the 100,000 granted
                    "amount_indemnity": 90000.0,
                }
            ],
        )
        claim.action_book_indemnity()
        move = claim.indemnity_move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(
            self._lines(move),
            [
                ("411100", "Boulangerie Martin SARL", 0.0, 90000.0),
                ("467000", "Allianz Trade", 90000.0, 0.0),
            ],
        )
        # the uninsured share stays open and followed
        self.assertEqual(self.invoice.amount_residual, 30000.0)
        self.assertEqual(self.invoice.payment_state, "partial")

        recovery = self.env["ar.risk.insurance.recovery"].create(
            {"claim_id": claim.id, "amount": 12000.0, "journal_id": self.bank.id}
        )
        recovery.action_book()
        move = claim.recovery_move_ids
        self.assertEqual(len(move), 1)
        bank_code = self.bank.default_account_id.code
        # the insurer paid 90,000 of a 120,000 loss: 75 % of the recovery
        # is its own (12,000 × 90,000 / 120,000), not the 90 % quotité
        self.assertEqual(
            self._lines(move),
            sorted(
                [
                    (bank_code, "Boulangerie Martin SARL", 12000.0, 0.0),
                    ("411100", "Boulangerie Martin SARL", 0.0, 3000.0),
                    ("467000", "Allianz Trade", 0.0, 9000.0),
                ]
            ),
        )
        self.assertEqual(self.invoice.amount_residual, 27000.0)
        self.assertRecordValues(
            claim, [{"amount_recovered": 12000.0, "amount_owed_insurer": 9000.0}]
        )

    def test_recovery_within_the_granted_amount_follows_the_quotite(self):
        """A loss of 50,000 under 100,000 granted: indemnity 45,000, so a
        recovery of 4,000 is the insurer's for 3,600 (90 %)."""
        invoice = self._invoice(
            50000.0, invoice_date="2026-10-01", invoice_date_due="2026-11-15"
        )
        claim = self._claim(invoice)
        claim.action_declare_threat()
        claim.action_file()
        self.assertEqual(claim.amount_indemnity, 45000.0)
        claim.action_book_indemnity()
        claim._ar_book_recovery(4000.0, self.bank, claim.date_indemnity)
        self.assertRecordValues(
            claim, [{"amount_recovered": 4000.0, "amount_owed_insurer": 3600.0}]
        )
        # 5,000 uninsured − the company's 400
        self.assertEqual(invoice.amount_residual, 4600.0)

    def test_each_step_has_its_next_action(self):
        claim = self._claim(self.invoice)
        claim.action_declare_threat()
        self.assertEqual(len(claim.activity_ids), 1)
        self.assertEqual(claim.activity_ids.user_id, self.env.user)
        self.assertEqual(str(claim.activity_ids.date_deadline), "2026-12-23")
        claim.action_file()
        self.assertEqual(len(claim.activity_ids), 1)
        self.assertEqual(str(claim.date_filed), "2026-11-23")

    def test_late_declaration_refused(self):
        late = self._invoice(
            5000.0, invoice_date="2026-07-01", invoice_date_due="2026-07-31"
        )
        claim = self._claim(late)
        with self.assertRaisesRegex(ValidationError, "2026-09-29"):
            claim.with_context(lang="en_US").action_declare_threat()
        self.assertEqual(claim.state, "draft")

    def test_steps_in_order(self):
        claim = self._claim(self.invoice)
        with self.assertRaisesRegex(Exception, "this step needs"):
            claim.with_context(lang="en_US").action_book_indemnity()
        self.assertFalse(claim.indemnity_move_id)
