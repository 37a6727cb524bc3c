"""Files sent by an outside client through Odoo's import (legal rates,
customers), and the suite's XLSX exports of what users typed: a bad file gets
a clear message and imports nothing, dry run or not; a name that looks like a
spreadsheet formula stays text."""

import base64
import io

import openpyxl

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArCollectionCommon

RATES = ["date_from", "ecb_rate", "legal_rate"]
RATES_CSV = "date_from,ecb_rate,legal_rate\n2027-01-01,2.15,2.62\n"
FORMULA = "=cmd|' /C calc'!A0"


@tagged("post_install", "-at_install")
class TestRpcBadInputFiles(ArCollectionCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rpc_users()
        cls.env["res.lang"]._activate_lang("fr_FR")

    def _import(self, model, content, fields, dryrun, lang="en_US"):
        """Odoo's import of the CSV ``content`` (bytes) into ``model``, as
        its client does: a wizard, the file's upload, the execution."""
        wizard, error = self._rpc(
            self.rpc_manager, "base_import.import", "create", {"res_model": model}
        )
        self.assertFalse(error)
        # Odoo warns that the route reads the file from the request, not its
        # arguments
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/base_import/set_file",
                data={"id": wizard, "csrf_token": http.Request.csrf_token(self)},
                files={"ufile": ("import.csv", content, "text/csv")},
            )
        self.assertEqual(response.json(), {"result": True})
        options = {
            "has_headers": True,
            "separator": ",",
            "quoting": '"',
            "encoding": "utf-8",
            "date_format": "%Y-%m-%d",
            "float_decimal_separator": ".",
            "float_thousand_separator": "",
        }
        result, error = self._rpc(
            self.rpc_manager,
            "base_import.import",
            "execute_import",
            [wizard],
            fields,
            fields,
            options,
            dryrun=dryrun,
            context={"lang": lang},
        )
        self.assertFalse(error)
        return result

    def _import_refused(self, model, content, fields, message, lang="en_US"):
        """The file is refused with ``message``, dry run or not; nothing is
        imported and no failed query is logged."""
        Model = self.env[model].with_context(active_test=False)
        count = Model.search_count([])
        for dryrun in (True, False):
            with self.assertNoLogs("odoo.sql_db", level="ERROR"):
                result = self._import(model, content, fields, dryrun, lang)
            self.assertFalse(result.get("ids"), dryrun)
            self.assertIn(message, [m["message"] for m in result["messages"]])
            self.assertEqual(Model.search_count([]), count)

    def test_truncated_file(self):
        cut = RATES_CSV + '2027-07-01,"2.1'
        self._import_refused(
            "ar.late.payment.rate",
            cut.encode(),
            RATES,
            "Row 3 has 2 values where the first row has 3: the file may be "
            "truncated, or use another separator.",
        )

    def test_wrong_encoding(self):
        latin = "name,ar_siren\nSociété Générale de Négoce,732829320\n"
        self._import_refused(
            "res.partner",
            latin.encode("latin-1"),
            ["name", "ar_siren"],
            "Le fichier n'est pas encodé en utf-8 (octet 19) : choisissez son "
            "encodage dans les options d'import, p. ex. windows-1252 pour un "
            "fichier enregistré par Excel.",
            lang="fr_FR",
        )

    def test_malicious_values(self):
        fields = ["name", "ar_siren"]
        for row, message in (
            (
                "Pirate SAS,'; DROP TABLE res_partner; --",
                (
                    "A SIREN has 9 digits and nothing else: '; DROP TABLE res_pa… "
                    "(Pirate SAS)."
                ),
            ),
            (
                "Long SAS,%s" % ("9" * 10000),
                "A SIREN has 9 digits: %s… has 10000 characters (Long SAS)."
                % ("9" * 20),
            ),
        ):
            # a valid first customer: all or nothing
            content = "name,ar_siren\nBonne Société SAS,732829320\n%s\n" % row
            self._import_refused("res.partner", content.encode(), fields, message)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Bonne Société SAS")])
        )
        self._import_refused(
            "ar.late.payment.rate",
            (RATES_CSV + "2027-07-01,=1+1,2.62\n").encode(),
            RATES,
            "Column ecb_rate contains incorrect values (value: =1+1)",
        )

    def test_formula_names_stay_text_in_xlsx(self):
        result = self._import(
            "res.partner",
            ('name,customer_rank\n"%s",1\n' % FORMULA.replace('"', '""')).encode(),
            ["name", "customer_rank"],
            dryrun=False,
        )
        self.assertFalse(result["messages"])
        partner = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(partner.name, FORMULA)
        self._invoice(250.0, "2026-10-01", partner=partner)
        wizard, _error = self._rpc(
            self.rpc_manager, "ar.aged.balance", "create", {"date_at": "2026-11-23"}
        )
        data, error = self._rpc(
            self.rpc_manager, "ar.aged.balance", "get_xlsx", [wizard]
        )
        self.assertFalse(error)
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(data)))
        cells = [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value == FORMULA
        ]
        self.assertEqual(len(cells), 2)  # summary and detail
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
        statement = self.env["ar.customer.statement"].create(
            {"date_at": "2026-11-23", "partner_ids": partner.ids}
        )
        statement.action_export_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(statement.xlsx_file)))
        cells = [
            cell
            for row in book.worksheets[0].iter_rows()
            for cell in row
            if cell.value == FORMULA
        ]
        self.assertTrue(cells)
        self.assertEqual({cell.data_type for cell in cells}, {"s"})
