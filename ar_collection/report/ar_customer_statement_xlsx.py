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
            # a sheet's name: no []:*?/\, no apostrophe around, unique in any case
            name = SHEET_FORBIDDEN.sub("-", statement["partner"].name)[:28]
            name = name.strip("'") or "-"
            while name.lower() in names:
                name = "%s~%s" % (name[:26], len(names))
            names.add(name.lower())
            self._write_statement(workbook.add_worksheet(name), formats, statement)
        workbook.close()
        return output.getvalue()

    def _kind_labels(self):
        return {
            "out_invoice": _("Invoice"),
            "out_refund": _("Credit note"),
            "payment": _("Payment"),
            "entry": _("Entry"),
        }

    def _write_statement(self, sheet, formats, statement):
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
        for line, row in enumerate(statement["lines"], start=3):
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
