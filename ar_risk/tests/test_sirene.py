import base64
import io
import zipfile
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestSirene(ArRiskCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._ar_public_data_customers()
        with file_open("ar_risk/tests/data/sirene_sample.csv", "rb") as sample:
            cls.sample = sample.read()

    def _import(self, content):
        with freeze_time("2026-11-23"):
            return (
                self.env["res.partner"]
                .with_context(lang="en_US")
                ._ar_import_sirene(io.BytesIO(content), self.company)
            )

    def test_sirene_import(self):
        self.durand.ar_company_category = "ETI"
        report = self._import(self.sample)
        self.assertEqual(report[0], "2 of 4 customers found in SIRENE, 1 ceased.")
        self.assertEqual(
            report[1:],
            [
                "Transports Durand SAS: named TRANSPORTS RHONE EXPRESS in SIRENE",
                (
                    "Line 5 skipped: 402120018, time data '1995-13-40' does not match "
                    "format '%Y-%m-%d'"
                ),
                "Line 7 skipped: 383474814: 9 columns instead of 34",
            ],
        )
        self.assertRecordValues(
            self.customer,
            [
                {
                    "name": "Boulangerie Martin SARL",
                    "ar_sirene_name": "BOULANGERIE MARTIN",
                    "ar_sirene_name_mismatch": False,
                    "ar_creation_date": date(2009, 3, 12),
                    "ar_legal_category_code": "5499",
                    "ar_legal_category": "5499 — Société à responsabilité limitée "
                    "(SARL)",
                    "ar_legal_form": "sarl",
                    "ar_company_category": "PME",
                    "ar_headcount_band": "11",
                    "ar_activity_code": "10.71C",
                    "ar_sirene_state": "active",
                    "ar_sirene_date": date(2026, 11, 23),
                    "ar_on_watch_list": False,
                }
            ],
        )
        # the name is not overwritten; the ceased company is watched
        self.assertRecordValues(
            self.durand,
            [
                {
                    "name": "Transports Durand SAS",
                    "ar_sirene_name_mismatch": True,
                    "ar_legal_form": "sas",
                    # SIRENE gives no category: the one known is kept
                    "ar_company_category": "ETI",
                    "ar_sirene_state": "ceased",
                    "ar_on_watch_list": True,
                }
            ],
        )
        self.assertEqual(self.durand.ar_watch_ids.reason, "ceased")
        # the skipped rows change nothing
        self.assertRecordValues(
            self.impossible | self.tronque,
            [{"ar_sirene_state": False, "ar_creation_date": False}] * 2,
        )

    def test_sirene_import_zipped(self):
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("StockUniteLegale_utf8.csv", self.sample)
        report = self._import(archive.getvalue())
        self.assertEqual(report[0], "2 of 4 customers found in SIRENE, 1 ceased.")
        self.assertEqual(self.customer.ar_headcount_band, "11")

    def test_not_a_sirene_file(self):
        wizard = self.env["ar.risk.sirene.import"].create(
            {"data_file": base64.b64encode(b"name;city\nMartin;Lyon\n")}
        )
        with self.assertRaisesRegex(UserError, "not a SIRENE stock file"):
            wizard.with_context(lang="en_US").action_import()

    def test_wizard_reports(self):
        wizard = self.env["ar.risk.sirene.import"].create(
            {"data_file": base64.b64encode(self.sample), "filename": "stock.csv"}
        )
        wizard.with_context(lang="en_US").action_import()
        self.assertIn("2 of 4 customers found in SIRENE", wizard.report)

    def test_online_lookup_disabled_by_default(self):
        with self.assertRaisesRegex(UserError, "online SIRENE lookup is disabled"):
            self.customer.with_context(lang="en_US").action_ar_sirene_lookup()

    def test_api_answer_read_as_the_stock_file(self):
        unit = self.env["res.partner"]._ar_sirene_unit_from_api(
            {
                "uniteLegale": {
                    "siren": "732829320",
                    "dateCreationUniteLegale": "2009-03-12",
                    "trancheEffectifsUniteLegale": "11",
                    "categorieEntreprise": "PME",
                    "periodesUniteLegale": [
                        {
                            "etatAdministratifUniteLegale": "C",
                            "denominationUniteLegale": "BOULANGERIE MARTIN",
                            "categorieJuridiqueUniteLegale": "5499",
                            "activitePrincipaleUniteLegale": "10.71C",
                        }
                    ],
                }
            }
        )
        values = self.env["res.partner"]._ar_sirene_values(unit)
        self.assertEqual(values["ar_sirene_state"], "ceased")
        self.assertEqual(values["ar_headcount_band"], "11")
