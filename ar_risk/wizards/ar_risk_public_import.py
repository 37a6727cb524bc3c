from odoo import fields, models


class ArRiskPublicImport(models.AbstractModel):
    """A dialog importing a public-data file and showing its report."""

    _name = "ar.risk.public.import"
    _description = "Public Data Import"

    data_file = fields.Binary(string="File")
    filename = fields.Char()
    report = fields.Text(readonly=True)

    def _ar_show_report(self, lines):
        """Keep the report's lines and show them in the same dialog."""
        self.ensure_one()
        self.report = "\n".join(lines)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
