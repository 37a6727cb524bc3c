import base64

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ArRiskCommon


class ArInsuranceCommon(ArRiskCommon):
    """A policy with Allianz Trade at 90 %, 60 days to declare; the customer
    (SIREN 732829320) insured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_credit_manager_id = cls.env.user
        cls.insurer = cls.env["res.partner"].create(
            {"name": "Allianz Trade", "is_company": True}
        )
        cls.customer.ar_siren = "732829320"
        cls.policy = cls.env["ar.risk.insurance.policy"].create(
            {
                "name": "POL-2026-0042",
                "insurer_id": cls.insurer.id,
                "quotite": 90.0,
                "claim_declaration_days": 60,
                "date_start": "2026-01-01",
            }
        )

    @classmethod
    def _decide(cls, granted, date="2026-09-01", **vals):
        return (
            cls.env["ar.risk.insurance.decision"]
            .with_context(lang="en_US")
            .create(
                {
                    "policy_id": cls.policy.id,
                    "partner_id": cls.customer.id,
                    "amount_granted": granted,
                    "decision_date": date,
                    **vals,
                }
            )
        )


@freeze_time("2026-11-23")
@tagged("post_install", "-at_install")
class TestInsuranceCover(ArInsuranceCommon):
    def test_uncovered_exposure_with_quotite(self):
        self.customer.credit_limit = 150000.0
        self._decide(100000.0)
        self._invoice(120000.0)
        self.customer.invalidate_recordset()
        self.assertRecordValues(
            self.customer,
            [
                {
                    "ar_exposure": 120000.0,
                    "ar_insured_amount": 100000.0,
                    "ar_insurance_cover": 90000.0,
                    "ar_uncovered_exposure": 30000.0,
                    "ar_over_insured": True,
                    # the insurer's cover is no extra limit
                    "ar_available_credit": 30000.0,
                }
            ],
        )
        Partner = self.env["res.partner"]
        self.assertIn(self.customer, Partner.search([("ar_over_insured", "=", True)]))
        self.assertNotIn(
            self.customer, Partner.search([("ar_over_insured", "=", False)])
        )

    def test_under_the_granted_amount(self):
        self._decide(100000.0)
        self._invoice(40000.0)
        self.customer.invalidate_recordset()
        # 40,000 − 90 % × 40,000
        self.assertAlmostEqual(self.customer.ar_uncovered_exposure, 4000.0)
        self.assertFalse(self.customer.ar_over_insured)

    def test_credit_check_ignores_insurance(self):
        """A limit of 10,000 with 100,000 insured still blocks at 10,001."""
        self.customer.ar_credit_policy = "block"
        self._decide(100000.0)
        former = self.env["ar.risk.guarantee"].create(
            {
                "name": "Ancienne police",
                "guarantee_type": "deposit",
                "partner_id": self.customer.id,
                "amount": 50000.0,
                "date_start": "2026-01-01",
                "state": "active",
            }
        )
        # recorded as a guarantee before the policies existed
        self.env.cr.execute(
            "UPDATE ar_risk_guarantee SET guarantee_type = 'credit_insurance' "
            "WHERE id = %s",
            [former.id],
        )
        former.invalidate_recordset()
        self._invoice(9000.0)
        draft = self._invoice(1001.0, post=False)
        with self.assertRaisesRegex(Exception, "exceeds its credit limit"):
            draft.with_context(lang="en_US").action_post()
        self.assertEqual(draft.state, "draft")
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.ar_guarantee_cover, 0.0)

    def test_history_and_kinds(self):
        first = self._decide(100000.0, date="2026-03-01")
        second = self._decide(150000.0, date="2026-06-01")
        third = self._decide(0.0, date="2026-09-01")
        self.assertRecordValues(
            first | second | third,
            [
                {"state": "superseded", "kind": "new", "previous_id": False},
                {"state": "superseded", "kind": "increase", "previous_id": first.id},
                {"state": "current", "kind": "withdrawal", "previous_id": second.id},
            ],
        )
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.ar_insured_amount, 0.0)

    def test_bad_input(self):
        self.env = self.env(context=dict(self.env.context, lang="en_US"))
        with self.assertRaisesRegex(ValidationError, "quotité is a percentage"):
            self.policy.with_env(self.env).quotite = -10.0
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._decide(-5.0)
        with self.assertRaisesRegex(ValidationError, "expire before"):
            self._decide(5.0, date_end="2026-01-01")
        manager = new_test_user(
            self.env, login="ar_ins_mgr", groups="ar_risk.ar_risk_group_manager"
        )
        with self.assertRaisesRegex(AccessError, "Only the upgrade"):
            self.env["ar.risk.insurance.decision"].with_user(manager).create(
                {
                    "policy_id": self.policy.id,
                    "partner_id": self.customer.id,
                    "amount_granted": 1.0,
                    "source": "migration",
                }
            )


CSV_ALLIANZ = (
    "Numéro SIREN;N° TVA;Montant demandé;Montant agréé;Date décision;Échéance\n"
    "732 829 320;;120 000,00;100 000,00;01/09/2026;31/08/2027\n"
    ";FR59542051180;10 000,00;8 000,00;02/09/2026;\n"
    "999999999;;5 000,00;5 000,00;01/09/2026;\n"
    "732829320;;abc;1 000,00;01/09/2026;\n"
    "732829320;;1 000,00;1 000,00;31/02/2026;\n"
)


@freeze_time("2026-11-23")
@tagged("post_install", "-at_install")
class TestInsuranceImport(ArInsuranceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.by_vat = cls.env["res.partner"].create(
            {"name": "Durand Export", "is_company": True, "vat": "FR59542051180"}
        )
        cls.policy.write(
            {
                "csv_col_siren": "Numéro SIREN",
                "csv_col_vat": "N° TVA",
                "csv_col_requested": "Montant demandé",
                "csv_col_granted": "Montant agréé",
                "csv_col_decision_date": "Date décision",
                "csv_col_date_end": "Échéance",
            }
        )

    def _import(self, text):
        wizard = self.env["ar.risk.insurance.import"].create(
            {
                "policy_id": self.policy.id,
                "file": base64.b64encode(text.encode()),
            }
        )
        wizard.with_context(lang="en_US").action_import()
        return wizard.result

    def test_import_matches_reports_and_is_idempotent(self):
        result = self._import(CSV_ALLIANZ)
        self.assertIn("2 decision(s) recorded, 0 unchanged, 3 line(s) skipped.", result)
        self.assertIn("Line 4: unknown buyer (SIREN «999999999»", result)
        self.assertIn("Line 5: unreadable Montant demandé «abc»", result)
        self.assertIn("Line 6: unreadable Date décision «31/02/2026»", result)
        Decision = self.env["ar.risk.insurance.decision"]
        decisions = Decision.search([("policy_id", "=", self.policy.id)])
        self.assertRecordValues(
            decisions.sorted(lambda d: d.partner_id.id),
            [
                {
                    "partner_id": self.customer.id,
                    "amount_requested": 120000.0,
                    "amount_granted": 100000.0,
                    "amount_cover": 90000.0,
                    "date_end": self.env.cr.now().date().replace(2027, 8, 31),
                    "source": "import",
                },
                {
                    "partner_id": self.by_vat.id,
                    "amount_requested": 10000.0,
                    "amount_granted": 8000.0,
                    "amount_cover": 7200.0,
                    "date_end": False,
                    "source": "import",
                },
            ],
        )
        again = self._import(CSV_ALLIANZ)
        self.assertIn("0 decision(s) recorded, 2 unchanged, 3 line(s) skipped.", again)
        self.assertEqual(Decision.search_count([("policy_id", "=", self.policy.id)]), 2)

    def test_reduction_opens_one_urgent_action(self):
        self._invoice(90000.0)
        self._import(CSV_ALLIANZ)
        reduced = CSV_ALLIANZ.splitlines()[0] + (
            "\n732829320;;120 000,00;60 000,00;15/11/2026;31/08/2027\n"
        )
        self._import(reduced)
        self._import(reduced)
        decisions = self.env["ar.risk.insurance.decision"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(decisions), 2)
        current = decisions.filtered(lambda d: d.state == "current")
        self.assertEqual(current.kind, "reduction")
        self.assertEqual(len(current.activity_ids), 1)
        self.assertEqual(current.activity_ids.user_id, self.env.user)
        # amounts as the reader's language writes them
        self.assertRegex(current.activity_ids.note, r"grants 60\D{1,8}000,00")
        self.assertRegex(current.activity_ids.note, r"instead of 100\D{1,8}000,00")
        self.assertEqual(str(current.alert_date), "2026-11-23")
        # exposure 90,000 above the 60,000 still granted: watched
        self.assertTrue(
            self.env["ar.risk.watch"].search(
                [("partner_id", "=", self.customer.id), ("reason", "=", "insurance")]
            )
        )
