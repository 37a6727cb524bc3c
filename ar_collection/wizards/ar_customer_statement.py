import base64

from odoo import _, api, fields, models

from ..report.html_page import page_markup


class ArCustomerStatement(models.TransientModel):
    """The dialog that prints, exports or emails customer statements at a
    date; the figures come from report/ar_customer_statement.py."""

    _name = "ar.customer.statement"
    _description = "Customer Statement"

    date_at = fields.Date(string="At", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        domain="[('parent_id', '=', False)]",
    )
    with_branches = fields.Boolean(
        string="Include branches",
        help="A parent company's statement also covers the companies below it.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email template",
        domain="[('model', '=', 'res.partner')]",
        default=lambda self: self.env.ref(
            "ar_collection.ar_customer_statement_mail_template",
            raise_if_not_found=False,
        ),
    )
    preview = fields.Html(
        compute="_compute_preview",
        sanitize=False,
        help="The statement of the first customer selected, as it will be printed.",
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char(readonly=True)

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        if (
            "partner_ids" in fields_list
            and self.env.context.get("active_model") == "res.partner"
        ):
            partners = self.env["res.partner"].browse(
                self.env.context.get("active_ids", [])
            )
            res["partner_ids"] = [
                fields.Command.set(partners.commercial_partner_id.ids)
            ]
        return res

    @api.depends("partner_ids", "date_at", "company_id", "with_branches")
    def _compute_preview(self):
        report = self.env.ref("ar_collection.ar_customer_statement_report")
        for wizard in self:
            partner = wizard.partner_ids[:1]._origin
            wizard.preview = (
                partner
                and wizard.date_at
                and page_markup(
                    report._render_qweb_html(
                        report, partner.ids, data=wizard._report_data()
                    )[0]
                )
            )

    def _report_data(self):
        return {
            "date_at": str(self.date_at),
            "company_id": self.company_id.id,
            "with_branches": self.with_branches,
        }

    @api.readonly
    def get_statements(self):
        """The statements for RPC clients, with ids for records: read-only,
        so that Odoo serves them from the replica when it has one."""
        self.ensure_one()
        return [
            {
                key: value.id if isinstance(value, models.BaseModel) else value
                for key, value in statement.items()
            }
            for statement in self._statements()
        ]

    def _statements(self):
        engine = self.env[
            "report.ar_collection.report_customer_statement"
        ].with_company(self.company_id)
        return [
            engine._statement(
                partner, self.date_at, self.company_id, self.with_branches
            )
            for partner in self.partner_ids
        ]

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("ar_collection.ar_customer_statement_report").report_action(
            self.partner_ids, data=self._report_data()
        )

    def action_export_xlsx(self):
        self.ensure_one()
        data = self.env[
            "report.ar_collection.report_customer_statement_xlsx"
        ]._generate(self._statements())
        self.write(
            {
                "xlsx_file": base64.b64encode(data),
                "xlsx_name": "statement_%s.xlsx" % self.date_at,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/ar.customer.statement/%s/xlsx_file/%s?download=true"
            % (self.id, self.xlsx_name),
            "target": "self",
        }

    def action_send(self):
        """Email each customer its statement (PDF attached) with the
        template; customers without an email address are listed back."""
        self.ensure_one()
        engine = self.env["report.ar_collection.report_customer_statement"]
        skipped = self.env["res.partner"]
        for partner in self.partner_ids.with_company(self.company_id):
            recipient = partner._ar_dunning_recipient()
            if not recipient:
                skipped |= partner
                continue
            attachment = engine._pdf_attachment(partner, self._report_data(), partner)
            partner.message_post_with_source(
                self.mail_template_id,
                subtype_xmlid="mail.mt_comment",
                attachment_ids=attachment.ids,
                partner_ids=recipient.ids,
            )
        sent = len(self.partner_ids) - len(skipped)
        message = _("%s statement(s) sent.", sent)
        if skipped:
            message += " " + _(
                "No email address: %s.", ", ".join(skipped.mapped("name"))
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "warning" if skipped else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
