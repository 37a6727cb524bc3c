import base64
import io

from odoo import _, fields, models
from odoo.exceptions import UserError


class ArRiskSireneImport(models.TransientModel):
    """Check the customers against INSEE's SIRENE stock file of legal units:
    an uploaded file, or the server file named by the system parameter
    ``ar_risk.sirene_file`` (for the several-GB national stock)."""

    _name = "ar.risk.sirene.import"
    _inherit = "ar.risk.public.import"
    _description = "SIRENE Import"

    data_file = fields.Binary(string="File (CSV or zip)")

    def action_import(self):
        self.ensure_one()
        if self.data_file:
            stream = io.BytesIO(base64.b64decode(self.data_file))
        else:
            path = (
                self.env["ir.config_parameter"].sudo().get_param("ar_risk.sirene_file")
            )
            if not path:
                raise UserError(
                    _(
                        "Upload a SIRENE file, or set the system parameter "
                        "ar_risk.sirene_file to the stock file on the server."
                    )
                )
            try:
                stream = open(path, "rb")  # noqa: SIM115 (closed below)
            except OSError as error:
                raise UserError(
                    _("Cannot read %(path)s: %(error)s", path=path, error=error)
                ) from error
        with stream:
            try:
                lines = self.env["res.partner"]._ar_import_sirene(
                    stream, self.env.company
                )
            except (ValueError, UnicodeDecodeError, StopIteration) as error:
                raise UserError(
                    _("This is not a SIRENE stock file: %s", error)
                ) from error
        return self._ar_show_report(lines)
