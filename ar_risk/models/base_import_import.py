from odoo import _, models

from odoo.addons.base_import.models.base_import import ImportValidationError


class BaseImportImport(models.TransientModel):
    """A CSV file in another encoding, or cut short, is refused with a message
    the user can act on (Odoo would answer with a Python traceback)."""

    _inherit = "base_import.import"

    def _read_csv(self, options):
        try:
            length, rows = super()._read_csv(options)
        except UnicodeDecodeError as error:
            raise ImportValidationError(
                _(
                    "The file is not encoded in %(encoding)s (byte %(position)s): "
                    "choose its encoding in the import options, e.g. windows-1252 "
                    "for a file saved by Excel.",
                    encoding=options.get("encoding"),
                    position=error.start + 1,
                )
            ) from error
        width = len(rows[0]) if rows else 0
        for number, row in enumerate(rows, start=1):
            if len(row) < width:
                raise ImportValidationError(
                    _(
                        "Row %(number)s has %(count)s values where the first row "
                        "has %(width)s: the file may be truncated, or use another "
                        "separator.",
                        number=number,
                        count=len(row),
                        width=width,
                    )
                )
        return length, rows
