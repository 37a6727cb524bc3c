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
                    "siret": "73282932000074",
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
                    "siret": "73282932000075",
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

    def test_siret_moved_from_company_registry(self):
        """Upgrading from 18.0.1.0.x: the SIRETs kept in ``company_registry``
        move to the localisation's ``siret``; nothing else is touched."""
        Partner = self.env["res.partner"]
        fr = self.env.ref("base.fr").id
        moved = Partner.create({"name": "A", "is_company": True, "country_id": fr})
        rcs = Partner.create({"name": "B", "is_company": True, "country_id": fr})
        kept = Partner.create(
            {
                "name": "C",
                "is_company": True,
                "country_id": fr,
                "siret": "54205118000066",
            }
        )
        same = Partner.create(
            {
                "name": "D",
                "is_company": True,
                "country_id": fr,
                "siret": "73282932000074",
            }
        )
        # as the 18.0.1.0.x code stored them
        self.env.cr.execute(
            "UPDATE res_partner SET company_registry = v.registry FROM (VALUES "
            "(%s, '732 829 320 00074'), (%s, 'RCS Lyon 732 829 320'), "
            "(%s, '40212001800013'), (%s, '73282932000074')) AS v(id, registry) "
            "WHERE res_partner.id = v.id",
            [moved.id, rcs.id, kept.id, same.id],
        )
        Partner.invalidate_model()
        self.assertEqual(Partner._ar_migrate_siret_from_registry(), moved)
        self.assertRecordValues(
            moved | rcs | kept | same,
            [
                {"siret": "73282932000074", "company_registry": False},
                {"siret": False, "company_registry": "RCS Lyon 732 829 320"},
                {"siret": "54205118000066", "company_registry": "40212001800013"},
                {"siret": "73282932000074", "company_registry": False},
            ],
        )
