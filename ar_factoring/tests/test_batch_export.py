import io
import re
import zipfile

from odoo.tests import tagged

from odoo.addons.ar_factoring.models.ar_factor_batch import csv_cell

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestBatchExport(ArFactoringCommon):
    """The batch file the factor opens in a spreadsheet: a text cell never
    becomes a formula, an amount stays a number."""

    def test_csv_cell(self):
        self.assertEqual(csv_cell('=HYPERLINK("x")'), '\'=HYPERLINK("x")')
        for text in ("+33", "-SA", "@SUM(A1)", "\tx", "\rx"):
            self.assertEqual(csv_cell(text), "'" + text)
        self.assertEqual(csv_cell("Dupont SA"), "Dupont SA")
        self.assertEqual(csv_cell(-100.0), -100.0)

    def test_formula_name_exported_as_text(self):
        self.customer.write(
            {"name": '=HYPERLINK("http://pirate.example","Clic")', "vat": False}
        )
        invoice = self._invoice(1200.0, invoice_date_due="2026-10-31")
        refund = self._invoice(
            100.0, move_type="out_refund", invoice_date_due="2026-10-01"
        )
        batch = self._batch(invoice | refund)
        csv_file, xlsx_file = batch.action_export()
        lines = csv_file.raw.decode("utf-8").split("\r\n")
        self.assertEqual(
            lines[0], "Bordereau;Pièce;Client;SIREN / TVA;Date;Échéance;Montant"
        )
        name = '"\'=HYPERLINK(""http://pirate.example"",""Clic"")"'
        self.assertEqual(
            sorted(lines[1:]),
            sorted(
                [
                    "",
                    f"{batch.name};{invoice.name};{name};;2026-10-01;2026-10-31;1200.0",
                    f"{batch.name};{refund.name};{name};;2026-10-01;2026-10-01;-100.0",
                ]
            ),
        )
        # the XLSX keeps texts as string cells: its one formula is the total
        with zipfile.ZipFile(io.BytesIO(xlsx_file.raw)) as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        self.assertEqual(re.findall(r"<f>(.*?)</f>", sheet), ["SUM(G2:G3)"])
