from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestAccess(ArRiskCommon):
    def test_plain_user_denied(self):
        user = new_test_user(self.env, login="ar_plain", groups="base.group_user")
        guarantee = self.env["ar.risk.guarantee"].create(
            {
                "name": "G",
                "guarantee_type": "deposit",
                "partner_id": self.customer.id,
                "amount": 10.0,
            }
        )
        with self.assertRaises(AccessError):
            guarantee.with_user(user).read(["amount"])
        with self.assertRaises(AccessError):
            self.env["ar.risk.proceeding"].with_user(user).search([])

    def test_ar_user_reads_but_does_not_write(self):
        user = new_test_user(
            self.env, login="ar_reader", groups="ar_risk.ar_risk_group_user"
        )
        guarantee = self.env["ar.risk.guarantee"].create(
            {"name": "G", "guarantee_type": "deposit", "partner_id": self.customer.id}
        )
        self.assertEqual(guarantee.with_user(user).amount, 0.0)
        with self.assertRaises(AccessError):
            guarantee.with_user(user).amount = 5.0

    def test_other_company_guarantee_invisible(self):
        other = self.setup_other_company(name="Filiale Nord")["company"]
        user = new_test_user(
            self.env,
            login="ar_mgr_main",
            groups="ar_risk.ar_risk_group_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        self.env["ar.risk.guarantee"].create(
            {
                "name": "Other",
                "guarantee_type": "deposit",
                "partner_id": self.customer.id,
                "company_id": other.id,
            }
        )
        names = self.env["ar.risk.guarantee"].with_user(user).search([]).mapped("name")
        self.assertNotIn("Other", names)

    def test_insurance_models_rights_and_companies(self):
        reader = new_test_user(
            self.env, login="ar_ins_reader", groups="ar_risk.ar_risk_group_user"
        )
        plain = new_test_user(self.env, login="ar_ins_plain", groups="base.group_user")
        other = self.setup_other_company(name="Filiale Sud")["company"]
        mine = self.env["ar.risk.insurance.policy"].create({"name": "POL-MINE"})
        theirs = self.env["ar.risk.insurance.policy"].create(
            {"name": "POL-OTHER", "company_id": other.id}
        )
        records = {
            "ar.risk.insurance.policy": mine,
            "ar.risk.insurance.decision": self.env["ar.risk.insurance.decision"].create(
                {"policy_id": mine.id, "partner_id": self.customer.id}
            ),
            "ar.risk.insurance.claim": self.env["ar.risk.insurance.claim"].create(
                {"policy_id": mine.id, "partner_id": self.customer.id}
            ),
        }
        for model, record in records.items():
            with self.subTest(model=model):
                self.assertTrue(record.with_user(reader).has_access("read"))
                self.assertFalse(record.with_user(reader).has_access("write"))
                self.assertFalse(record.with_user(plain).has_access("read"))
                # history: nobody deletes it
                self.assertFalse(self.env[model].has_access("unlink"))
        theirs_decision = self.env["ar.risk.insurance.decision"].create(
            {"policy_id": theirs.id, "partner_id": self.customer.id}
        )
        Decision = self.env["ar.risk.insurance.decision"].with_user(reader)
        self.assertNotIn(theirs_decision, Decision.search([]))
        Policy = self.env["ar.risk.insurance.policy"].with_user(reader)
        self.assertNotIn(theirs, Policy.search([]))
        for wizard in ("ar.risk.insurance.import", "ar.risk.insurance.recovery"):
            self.assertFalse(self.env[wizard].with_user(reader).has_access("create"))
