from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestIdentity(ArRiskCommon):
    def test_siren_from_siret_and_age(self):
        with freeze_time("2026-11-23"):
            partner = self.env["res.partner"].create(
                {
                    "name": "Atelier Lumière SAS",
                    "is_company": True,
                    "country_id": self.env.ref("base.fr").id,
                    "company_registry": "73282932000074",
                    "ar_creation_date": "2009-03-12",
                }
            )
            self.assertEqual(partner.ar_siren, "732829320")
            self.assertEqual(partner.ar_company_age, 17)

    def test_invalid_numbers_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a valid SIREN"):
            self.env["res.partner"].with_context(lang="en_US").create(
                {"name": "Bad", "is_company": True, "ar_siren": "123456789"}
            )
        with self.assertRaisesRegex(ValidationError, "not a valid SIRET"):
            self.env["res.partner"].with_context(lang="en_US").create(
                {
                    "name": "Bad",
                    "is_company": True,
                    "country_id": self.env.ref("base.fr").id,
                    "company_registry": "73282932000075",
                }
            )

    def test_duplicate_siren_warned(self):
        first = self.env["res.partner"].create(
            {"name": "Martin Lyon", "is_company": True, "ar_siren": "402120018"}
        )
        second = self.env["res.partner"].create(
            {
                "name": "Martin Lyon (doublon)",
                "is_company": True,
                "ar_siren": "402120018",
            }
        )
        self.assertEqual(second.ar_siren_duplicate_ids, first)
        self.assertEqual(first.ar_siren_duplicate_ids, second)

    def test_negative_limit_refused(self):
        with self.assertRaises(ValidationError):
            self.customer.credit_limit = -1.0
