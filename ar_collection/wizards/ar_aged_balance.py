import base64

from odoo import api, fields, models
from odoo.tools import SQL


class ArAgedBalance(models.TransientModel):
    """The dialog that asks for the aged balance's date and filters; the
    figures come from report/ar_aged_balance.py."""

    _name = "ar.aged.balance"
    _description = "Aged Balance"

    date_at = fields.Date(string="At", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_ids = fields.Many2many("res.partner", string="Customers")
    category_ids = fields.Many2many("res.partner.category", string="Customer tags")
    collector_ids = fields.Many2many(
        "res.users", "ar_aged_balance_collector_rel", string="Collectors"
    )
    salesperson_ids = fields.Many2many(
        "res.users", "ar_aged_balance_salesperson_rel", string="Salespersons"
    )
    show_detail = fields.Boolean(string="Invoice detail")
    in_payment = fields.Selection(
        [
            ("include", "Included"),
            ("only", "Only them"),
            ("exclude", "Left out"),
        ],
        string="Invoices in payment",
        default="include",
        required=True,
        help="Invoices whose payment is registered but awaits the bank statement "
        "(a cheque on a journal without outstanding-receipts account): still "
        "open in the ledger, not to be chased. Their state today.",
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char(readonly=True)

    def action_export_xlsx(self):
        self.ensure_one()
        self.write(
            {
                "xlsx_file": self.get_xlsx(),
                "xlsx_name": "aged_balance_%s.xlsx" % self.date_at,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/ar.aged.balance/%s/xlsx_file/%s?download=true"
            % (self.id, self.xlsx_name),
            "target": "self",
        }

    @api.readonly
    def get_summary(self):
        """The summary for RPC clients: bucket labels, one row per customer,
        totals. Read-only: Odoo serves it from the replica when it has one."""
        self.ensure_one()
        engine = self.env["report.ar_collection.report_aged_balance"]
        buckets, rows = engine._summary(
            self.company_id, self.date_at, self._get_where_sql()
        )
        totals, grand, _percents = engine._totals(buckets, rows)
        return {
            "buckets": [bucket[0] for bucket in buckets],
            "rows": rows,
            "totals": totals,
            "total": grand,
        }

    @api.readonly
    def get_xlsx(self):
        """The XLSX workbook with detail, base64-encoded (read-only)."""
        self.ensure_one()
        data = self.env["report.ar_collection.report_aged_balance_xlsx"]._generate(
            self.company_id, self.date_at, self._get_where_sql()
        )
        return base64.b64encode(data)

    def action_print_pdf(self):
        return self.env.ref("ar_collection.ar_aged_balance_report").report_action(self)

    def _get_where_sql(self):
        """The filters as an SQL condition on the receivable lines (alias
        aml) and customers (p, commercial entity cp): extended by
        ar_factoring for factored invoices."""
        self.ensure_one()
        clauses = []
        if self.partner_ids:
            clauses.append(
                SQL("p.commercial_partner_id = ANY(%s)", self.partner_ids.ids)
            )
        if self.category_ids:
            clauses.append(
                SQL(
                    "p.commercial_partner_id IN (SELECT partner_id FROM res_partner_res_partner_category_rel"
                    " WHERE category_id = ANY(%s))",
                    self.category_ids.ids,
                )
            )
        if self.salesperson_ids:
            clauses.append(SQL("cp.user_id = ANY(%s)", self.salesperson_ids.ids))
        if self.collector_ids:
            collected = (
                self.env["res.partner"]
                .with_company(self.company_id)
                .search([("ar_collector_id", "in", self.collector_ids.ids)])
            )
            clauses.append(SQL("p.commercial_partner_id = ANY(%s)", collected.ids))
        if self.in_payment != "include":
            clauses.append(
                SQL(
                    # an open line of an invoice Odoo says in payment (or
                    # paid, without the accountant app): a payment without
                    # journal entry awaits the bank statement
                    "%s aml.move_id IN (SELECT id FROM account_move"
                    " WHERE payment_state IN ('in_payment', 'paid'))",
                    SQL("NOT") if self.in_payment == "exclude" else SQL(""),
                )
            )
        return SQL(" AND ").join(clauses) if clauses else SQL("TRUE")
