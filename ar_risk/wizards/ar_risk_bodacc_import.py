import base64

from odoo import _, fields, models
from odoo.exceptions import UserError


class ArRiskBodaccImport(models.TransientModel):
    """Import a BODACC open-data export (JSON or CSV) by hand."""

    _name = "ar.risk.bodacc.import"
    _inherit = "ar.risk.public.import"
    _description = "BODACC Import"

    data_file = fields.Binary(string="File (JSON or CSV)", required=True)

    def action_import(self):
        self.ensure_one()
        try:
            lines = self.env["ar.risk.bodacc.announcement"]._ar_import(
                [(base64.b64decode(self.data_file), self.filename or "bodacc.csv")],
                self.env.company,
            )
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(_("This is not a BODACC export: %s", error)) from error
        return self._ar_show_report(lines)
