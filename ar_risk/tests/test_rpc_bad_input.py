"""Bad input on the customer's credit file sent by an outside client: each
case gets a clear error from a Python check, in the user's language, nothing
is written, and no "bad query" reaches the log."""

from odoo import fields
from odoo.tests import tagged

from .common import ArRiskCommon
from .rpc import RpcCase


@tagged("post_install", "-at_install")
class TestRpcBadInput(ArRiskCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_users()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.guarantee = cls.env["ar.risk.guarantee"].create(
            {
                "name": "GAR-1",
                "guarantee_type": "bank_guarantee",
                "partner_id": cls.customer.id,
                "amount": 5000.0,
                "date_start": "2026-01-01",
                "date_end": "2026-12-31",
            }
        )
        cls.proceeding = cls.env["ar.risk.proceeding"].create(
            {
                "partner_id": cls.customer.id,
                "proceeding_type": "sauvegarde",
                "judgment_date": "2026-10-05",
            }
        )

    def _refused(self, model, method, args, message, lang="en_US"):
        self._assert_refused(
            self.credit_manager, model, method, args, message, {"lang": lang}
        )

    def _guarantee(self, **vals):
        return {
            "name": "GAR-2",
            "guarantee_type": "bank_guarantee",
            "partner_id": self.customer.id,
            "amount": 1000.0,
            "date_start": "2026-01-01",
            **vals,
        }

    def test_guarantee_amounts_and_dates(self):
        Guarantee = "ar.risk.guarantee"
        for vals, message in (
            ({"amount": -1000.0}, "Amount cannot be negative."),
            ({"amount": 5e12}, "Amount is too large to be real."),
            ({"amount_requested": -1.0}, "Amount requested cannot be negative."),
            (
                {"date_end": "2025-12-31"},
                "Guarantee GAR-2 cannot end before it starts.",
            ),
            (
                # from today by default, ended in 2020
                {"date_start": False, "date_end": "2020-06-30"},
                "Guarantee GAR-2 cannot end before it starts.",
            ),
            (
                {"claim_declaration_days": -30},
                "The overdue declaration delay cannot be negative.",
            ),
        ):
            vals = self._guarantee(**vals)
            if vals["date_start"] is False:
                del vals["date_start"]
            self._refused(Guarantee, "create", [vals], message)

    def test_guarantee_write_keeps_the_old_values(self):
        for vals, message in (
            (
                {"date_end": "2025-06-30"},
                "Guarantee GAR-1 cannot end before it starts.",
            ),
            ({"amount": -5.0}, "Amount cannot be negative."),
        ):
            self._refused(
                "ar.risk.guarantee", "write", [self.guarantee.ids, vals], message
            )
        self.assertRecordValues(
            self.guarantee,
            [{"amount": 5000.0, "date_end": fields.Date.to_date("2026-12-31")}],
        )

    def test_guarantee_in_french(self):
        self._refused(
            "ar.risk.guarantee",
            "create",
            [self._guarantee(date_end="2025-12-31")],
            "La garantie GAR-2 ne peut pas finir avant de commencer.",
            lang="fr_FR",
        )

    def test_proceeding_dates_the_wrong_way_round(self):
        base = {
            "partner_id": self.customer.id,
            "proceeding_type": "redressement",
            "judgment_date": "2026-11-10",
        }
        for vals, message in (
            (
                {"publication_date": "2026-11-01"},
                "The publication cannot precede the judgment.",
            ),
            (
                {"claim_deadline": "2026-10-31"},
                "The claim declaration deadline cannot precede the judgment.",
            ),
            (
                {"claim_declared_date": "2026-11-09"},
                (
                    "A claim cannot be declared before the judgment opening the "
                    "proceeding."
                ),
            ),
        ):
            self._refused("ar.risk.proceeding", "create", [{**base, **vals}], message)
        self._refused(
            "ar.risk.proceeding",
            "write",
            [self.proceeding.ids, {"publication_date": "2026-09-30"}],
            "La publication ne peut pas précéder le jugement.",
            lang="fr_FR",
        )
        self.assertFalse(self.proceeding.publication_date)

    def test_credit_limit_negative_or_huge(self):
        self._refused(
            "res.partner",
            "create",
            [{"name": "Négatif SAS", "is_company": True, "credit_limit": -500.0}],
            "Credit Limit cannot be negative.",
        )
        self._refused(
            "res.partner",
            "write",
            [self.customer.ids, {"credit_limit": 1e15}],
            "Credit Limit is too large to be real.",
        )
        self.assertEqual(self.customer.credit_limit, 10000.0)

    def test_identity_numbers(self):
        france = self.env.ref("base.fr").id
        partner = {"name": "Identité SAS", "is_company": True, "country_id": france}
        for vals, message in (
            (
                {"ar_siren": "73282932A"},
                "A SIREN has 9 digits and nothing else: 73282932A (Identité SAS).",
            ),
            (
                {"ar_siren": "7" * 10000},
                "A SIREN has 9 digits: %s… has 10000 characters (Identité SAS)."
                % ("7" * 20),
            ),
            (
                {"ar_siren": "'; DROP TABLE res_partner; --"},
                (
                    "A SIREN has 9 digits and nothing else: '; DROP TABLE res_pa… "
                    "(Identité SAS)."
                ),
            ),
            (
                {"siret": "7328293200O012"},
                (
                    "A SIRET has 14 digits and nothing else: 7328293200O012 "
                    "(Identité SAS)."
                ),
            ),
            (
                # l10n_fr's field would have cut it to 14 digits, silently
                {"siret": "732829320000745"},
                "A SIRET has 14 digits: 732829320000745 has 15 (Identité SAS).",
            ),
        ):
            self._refused("res.partner", "create", [{**partner, **vals}], message)
        _result, error = self._rpc(
            self.credit_manager,
            "res.partner",
            "write",
            self.customer.ids,
            {"vat": "FR123"},
        )
        self.assertEqual(error[0], "odoo.exceptions.ValidationError")
        self.assertIn(
            "The VAT number [FR123] for partner [Boulangerie Martin SARL] does not "
            "seem to be valid.",
            error[1],
        )
        self.assertFalse(self.customer.vat)
