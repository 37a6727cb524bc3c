import io
import re

import xlsxwriter

from odoo import _, api, fields, models

SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class ReportArCustomerStatementXlsx(models.AbstractModel):
    """Customer statements as an XLSX workbook: one sheet per customer with
    its open items, running balance, ageing and total."""

    _name = "report.ar_collection.report_customer_statement_xlsx"
    _description = "Customer Statement XLSX"

    @api.model
    def _generate(self, statements):
        """The workbook's bytes, for statements made by the engine's
        ``_statement``."""
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"strings_to_formulas": False})
        symbol = statements[0]["currency"].symbol if statements else ""
        formats = self.env["report.ar_collection.report_aged_balance_xlsx"]._formats(
            workbook, symbol or ""
        )
        names = set()
        for statement in statements:
            self._write_statement(workbook, names, formats, statement)
        workbook.close()
        return output.getvalue()

    def _add_sheet(self, workbook, names, name):
        """A sheet named ``name`` as Excel allows it (31 characters at most),
        made unique among ``names``."""
        # no []:*?/\, no apostrophe around, unique whatever the case
        name = SHEET_FORBIDDEN.sub("-", name)[:28].strip("'") or "-"
        while name.lower() in names:
            name = "%s~%s" % (name[:26], len(names))
        names.add(name.lower())
        return workbook.add_worksheet(name)

    def _kind_labels(self):
        return {
            "out_invoice": _("Invoice"),
            "out_refund": _("Credit note"),
            "payment": _("Payment"),
            "entry": _("Entry"),
        }

    def _write_statement(self, workbook, names, formats, statement):
        """The customer's sheet: its lines, then the total and the ageing.
        Past a sheet's last row (the totals' five rows kept free), the lines
        go on in the next sheet, under the same title and header."""
        partner = statement["partner"].name
        per_sheet = self.env["report.ar_collection.report_aged_balance_xlsx"]._max_rows
        per_sheet -= 8  # the title, a blank row and the header; the totals
        lines = statement["lines"]
        for part, start in enumerate(range(0, max(len(lines), 1), per_sheet), 1):
            name = partner if part == 1 else "%s (%d)" % (partner[:22], part)
            sheet = self._add_sheet(workbook, names, name)
            line = self._write_lines(
                sheet, formats, statement, lines[start : start + per_sheet]
            )
        self._write_totals(sheet, formats, statement, line)

    def _write_lines(self, sheet, formats, statement, lines):
        """The title, the header and these lines; the last row written."""
        sheet.write(
            0,
            0,
            _(
                "Statement of account of %(customer)s at %(date)s",
                customer=statement["partner"].name,
                date=statement["date"],
            ),
            formats["title"],
        )
        head = [
            _("Customer"),
            _("Document"),
            _("Type"),
            _("Date"),
            _("Due date"),
            _("Days late"),
            _("Open amount"),
            _("Balance"),
        ]
        for col, label in enumerate(head):
            sheet.write(2, col, label, formats["header"])
        sheet.set_column(0, 1, 28)
        sheet.set_column(2, 7, 14)
        kinds = self._kind_labels()
        line = 2
        for line, row in enumerate(lines, start=3):
            sheet.write(line, 0, row["customer"])
            sheet.write(line, 1, row["document"])
            sheet.write(line, 2, kinds[row["kind"]])
            for col, day in ((3, row["date"]), (4, row["due"])):
                sheet.write_datetime(
                    line, col, fields.Datetime.to_datetime(day), formats["date"]
                )
            sheet.write_number(line, 5, row["days_late"])
            sheet.write_number(line, 6, row["amount"], formats["money"])
            sheet.write_number(line, 7, row["balance"], formats["money"])
        return line

    def _write_totals(self, sheet, formats, statement, line):
        """The total below the last line, then the ageing."""
        line += 1
        sheet.write(line, 5, _("Total"), formats["header"])
        sheet.write_number(line, 6, statement["total"], formats["money_bold"])
        line += 2
        sheet.write(line, 0, _("Ageing"), formats["title"])
        for col, label in enumerate([*statement["buckets"], _("Total")], start=1):
            sheet.write(line + 1, col, label, formats["header"])
        for col, amount in enumerate(
            [*statement["ageing"], statement["total"]], start=1
        ):
            sheet.write_number(line + 2, col, amount, formats["money_bold"])
