import base64

from odoo import _, fields, models
from odoo.exceptions import UserError


class ArRiskBodaccImport(models.TransientModel):
    """Import a BODACC open-data export (JSON or CSV) by hand."""

    _name = "ar.risk.bodacc.import"
    _description = "BODACC Import"

    data_file = fields.Binary(string="File (JSON or CSV)", required=True)
    filename = fields.Char()
    report = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        try:
            lines = self.env["ar.risk.bodacc.announcement"]._ar_import(
                [(base64.b64decode(self.data_file), self.filename or "bodacc.csv")],
                self.env.company,
            )
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(_("This is not a BODACC export: %s", error)) from error
        self.report = "\n".join(lines)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
