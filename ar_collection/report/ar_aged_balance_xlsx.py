import io
from itertools import chain, islice

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import _, api, models

from .xlsx_rows import RowsWorksheet


def xl(row, col, absolute=False):
    """Cell name from zero-based indexes."""
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


class ReportArAgedBalanceXlsx(models.AbstractModel):
    """The aged balance as an XLSX workbook: a summary sheet with live
    formulas and a detail sheet streamed line by line."""

    _name = "report.ar_collection.report_aged_balance_xlsx"
    _description = "Aged Balance XLSX"

    # the rows of a sheet, header included: Excel opens no more (tests lower it)
    _max_rows = 1_048_576

    @api.model
    def _generate(self, company, date_at, where=None):
        """The workbook's bytes."""
        engine = self.env["report.ar_collection.report_aged_balance"]
        buckets, rows = engine._summary(company, date_at, where)
        output = io.BytesIO()
        # rows go to a temporary file as they are written: memory stays flat
        workbook = xlsxwriter.Workbook(
            output, {"constant_memory": True, "strings_to_formulas": False}
        )
        formats = self._formats(workbook, company.currency_id.symbol or "")
        self._write_summary(workbook, formats, company, date_at, buckets, rows)
        self._write_detail(
            workbook, formats, buckets, engine._iter_detail(company, date_at, where)
        )
        workbook.close()
        return output.getvalue()

    def _formats(self, workbook, symbol):
        money = '#,##0.00 "%s";-#,##0.00 "%s"' % (symbol, symbol)
        return {
            "money": workbook.add_format({"num_format": money}),
            "money_bold": workbook.add_format({"num_format": money, "bold": True}),
            "percent": workbook.add_format({"num_format": "0.0%", "italic": True}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#DDE4EE", "border": 1}
            ),
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "date": workbook.add_format({"num_format": "dd/mm/yyyy"}),
        }

    def _write_summary(self, workbook, formats, company, date_at, buckets, rows):
        """One line per customer, then the totals and shares as formulas
        (with their values cached, for readers that do not compute)."""
        sheet = workbook.add_worksheet(_("Summary"))
        sheet.write(
            0,
            0,
            _(
                "Aged balance of %(company)s at %(date)s",
                company=company.name,
                date=date_at,
            ),
            formats["title"],
        )
        labels = [_("Customer"), *[b[0] for b in buckets], _("Total")]
        for col, label in enumerate(labels):
            sheet.write(2, col, label, formats["header"])
        sheet.freeze_panes(3, 1)
        sheet.set_column(0, 0, 38)
        sheet.set_column(1, len(labels), 14)
        total_col = len(buckets) + 1
        first = 3
        for line, row in enumerate(rows, start=first):
            sheet.write(line, 0, row["name"])
            for i, amount in enumerate(row["amounts"]):
                sheet.write_number(line, 1 + i, amount, formats["money"])
            sheet.write_formula(
                line,
                total_col,
                "=SUM(%s:%s)" % (xl(line, 1), xl(line, len(buckets))),
                formats["money"],
                row["total"],
            )
        last = first + len(rows) - 1
        total_line = last + 1
        totals, grand, percents = self.env[
            "report.ar_collection.report_aged_balance"
        ]._totals(buckets, rows)
        grand_cell = xl(total_line, total_col, True)
        # constant memory writes row by row: the totals, then the shares
        sheet.write(total_line, 0, _("Total"), formats["header"])
        for col, value in enumerate([*totals, grand], start=1):
            sheet.write_formula(
                total_line,
                col,
                "=SUM(%s:%s)" % (xl(first, col), xl(max(last, first), col)),
                formats["money_bold"],
                value,
            )
        sheet.write(total_line + 1, 0, _("Share"), formats["header"])
        for col, share in enumerate([*percents, 100.0], start=1):
            sheet.write_formula(
                total_line + 1,
                col,
                "=IF(%s=0,0,%s/%s)" % (grand_cell, xl(total_line, col), grand_cell),
                formats["percent"],
                share / 100.0,
            )
        sheet.autofilter(2, 0, max(last, 2), total_col)

    def _write_detail(self, workbook, formats, buckets, lines):
        """Every open line, streamed from the engine's cursor. Past a sheet's
        last row, the detail goes on in a new sheet under the same header
        (xlsxwriter would drop the rows without a word)."""
        labels = [bucket[0] for bucket in buckets]
        columns = [
            ("text", None),
            ("text", None),
            ("date", formats["date"]),
            ("date", formats["date"]),
            ("number", None),
            ("text", None),
            ("number", formats["money"]),
        ]
        rows = (
            (partner, doc, date, due, days, labels[bucket], amount)
            for partner, doc, date, due, days, bucket, amount in lines
        )
        number, per_sheet = 0, self._max_rows - 1
        while rows is not None:
            number += 1
            sheet = self._detail_sheet(workbook, formats, number)
            count = sheet.write_rows(1, columns, islice(rows, per_sheet))
            sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
            following = next(rows, None) if count == per_sheet else None
            rows = following and chain([following], rows)

    def _detail_sheet(self, workbook, formats, number):
        """The detail's ``number``-th sheet, with its header."""
        name = _("Detail") if number == 1 else "%s (%d)" % (_("Detail"), number)
        sheet = workbook.add_worksheet(name, worksheet_class=RowsWorksheet)
        head = [
            _("Customer"),
            _("Document"),
            _("Date"),
            _("Due date"),
            _("Days overdue"),
            _("Bucket"),
            _("Open amount"),
        ]
        for col, label in enumerate(head):
            sheet.write_string(0, col, label, formats["header"])
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 1, 30)
        sheet.set_column(2, 6, 14)
        return sheet
