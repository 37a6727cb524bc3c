"""The credit insurer's figures, tried as an outside client would."""

from odoo.tests import tagged

from .common import ArRiskCommon
from .rpc import RpcCase


@tagged("post_install", "-at_install")
class TestRpcInsurance(ArRiskCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.policy = cls.env["ar.risk.insurance.policy"].create(
            {"name": "POL-RPC", "quotite": 90.0}
        )
        cls.decision = cls.env["ar.risk.insurance.decision"].create(
            {
                "policy_id": cls.policy.id,
                "partner_id": cls.customer.id,
                "amount_granted": 50000.0,
            }
        )

    def test_billing_user_cannot_write_a_granted_amount(self):
        _result, error = self._rpc(
            self.billing_user,
            "ar.risk.insurance.decision",
            "write",
            self.decision.ids,
            {"amount_granted": 500000.0},
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.decision.invalidate_recordset()
        self.assertEqual(self.decision.amount_granted, 50000.0)

    def test_negative_quotite_refused(self):
        self._assert_refused(
            self.credit_manager,
            "ar.risk.insurance.policy",
            "write",
            [self.policy.ids, {"quotite": -90.0}],
            "The quotité is a percentage above 0 and at most 100.",
        )
        self.policy.invalidate_recordset()
        self.assertEqual(self.policy.quotite, 90.0)

    def test_a_client_cannot_pass_for_the_migration(self):
        _result, error = self._rpc(
            self.credit_manager,
            "ar.risk.insurance.decision",
            "create",
            {
                "policy_id": self.policy.id,
                "partner_id": self.customer.id,
                "amount_granted": 0.0,
                "source": "migration",
            },
        )
        self.assertEqual(error[0], "odoo.exceptions.AccessError")
        self.assertEqual(self.decision.state, "current")


REFUSED = (
    "Credit insurance is no longer recorded as a guarantee and would not be "
    "counted: record the insurer's decisions on a policy (Credit Risk > Credit "
    "Insurance Policies). The former credit insurance guarantees stay readable, "
    "and can only be cancelled."
)


@tagged("post_install", "-at_install")
class TestRpcInsuranceGuarantee(ArRiskCommon, RpcCase):
    """Credit insurance is on the policies: no client can record it as a
    guarantee any more; the former ones stay readable, as history."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.deposit, cls.legacy = cls.env["ar.risk.guarantee"].create(
            [
                {
                    "name": name,
                    "guarantee_type": "deposit",
                    "partner_id": cls.customer.id,
                    "amount": 5000.0,
                    "date_start": "2026-01-01",
                    "state": "active",
                }
                for name in ("DEP-1", "Police Allianz 2025")
            ]
        )
        # a guarantee recorded before the policies existed (18.0.1.1)
        cls.env.cr.execute(
            "UPDATE ar_risk_guarantee SET guarantee_type = 'credit_insurance' "
            "WHERE id = %s",
            [cls.legacy.id],
        )
        cls.legacy.invalidate_recordset()

    def test_new_credit_insurance_guarantee_refused(self):
        vals = {
            "name": "Police Coface",
            "guarantee_type": "credit_insurance",
            "partner_id": self.customer.id,
            "amount": 50000.0,
        }
        self._assert_refused(
            self.credit_manager, "ar.risk.guarantee", "create", [vals], REFUSED
        )
        _result, error = self._rpc(
            self.credit_manager,
            "ar.risk.guarantee",
            "create",
            vals,
            context={"lang": "fr_FR"},
        )
        self.assertEqual(error[0], "odoo.exceptions.ValidationError")
        self.assertIn("Polices d'assurance-crédit", error[1])

    def test_a_guarantee_cannot_become_credit_insurance(self):
        self._assert_refused(
            self.credit_manager,
            "ar.risk.guarantee",
            "write",
            [self.deposit.ids, {"guarantee_type": "credit_insurance"}],
            REFUSED,
        )
        self.deposit.invalidate_recordset()
        self.assertEqual(self.deposit.guarantee_type, "deposit")

    def test_former_insurance_guarantee_read_and_cancelled_only(self):
        for vals in (
            {"amount": 90000.0},
            {"state": "requested"},
            {"state": "cancelled", "amount": 1.0},
            {"guarantee_type": "bank_guarantee"},
            {"date_end": "2030-12-31"},
        ):
            self._assert_refused(
                self.credit_manager,
                "ar.risk.guarantee",
                "write",
                [self.legacy.ids, vals],
                REFUSED,
            )
        result, error = self._rpc(
            self.credit_manager,
            "ar.risk.guarantee",
            "read",
            self.legacy.ids,
            ["guarantee_type", "amount", "state"],
        )
        self.assertIsNone(error)
        self.assertEqual(
            result,
            [
                {
                    "id": self.legacy.id,
                    "guarantee_type": "credit_insurance",
                    "amount": 5000.0,
                    "state": "active",
                }
            ],
        )
        # only the deposit counts; the former insurance can be closed, noted
        self.assertEqual(
            self.env["ar.risk.guarantee"]._active_cover_by_partner(
                [self.customer.id], self.company
            )[self.customer.id],
            5000.0,
        )
        result, error = self._rpc(
            self.credit_manager,
            "ar.risk.guarantee",
            "write",
            self.legacy.ids,
            {"state": "cancelled", "note": "Remplacée par la police POL-1"},
        )
        self.assertIsNone(error)
        self.legacy.invalidate_recordset()
        self.assertEqual(self.legacy.state, "cancelled")
