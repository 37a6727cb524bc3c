import csv
import io

import xlsxwriter

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

# first characters a spreadsheet reads as the start of a formula (OWASP
# "CSV injection"): such a text cell is written with a leading apostrophe
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """``value`` safe for a spreadsheet: a text starting like a formula gets
    a leading apostrophe; numbers (negative amounts included) are kept as
    they are, so the factor's spreadsheet still sums them."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def batch_amounts(total, contract_rates, days=0):
    """Reserve, fees, VAT on fees, financing cost and advance of a batch (pure).

    The financing cost is the interest on what the factor advances (the
    total less the reserve) at the yearly ``financing_rate`` over ``days``,
    on a 360-day year as French banks count.
    """
    reserve = float_round(total * contract_rates["reserve_rate"] / 100.0, 2)
    fees = float_round(total * contract_rates["commission_rate"] / 100.0, 2)
    fee_tax = float_round(fees * contract_rates["fee_tax_rate"] / 100.0, 2)
    financing = float_round(
        (total - reserve) * contract_rates["financing_rate"] / 100.0 * days / 360.0,
        2,
    )
    advance = float_round(total - reserve - fees - fee_tax - financing, 2)
    return {
        "reserve": reserve,
        "fees": fees,
        "fee_tax": fee_tax,
        "financing": financing,
        "advance": advance,
    }


def financing_days(lines, start):
    """Days from ``start`` to the due dates, weighted by amount (pure).

    ``lines``: (amount, due date) pairs; a date already past counts 0.
    """
    total = sum(amount for amount, _due in lines)
    if total <= 0:
        return 0
    weighted = sum(amount * max((due - start).days, 0) for amount, due in lines if due)
    return int(float_round(weighted / total, 0))


class ArFactorBatch(models.Model):
    """An assignment batch (bordereau de cession) sent to the factor."""

    _name = "ar.factor.batch"
    _description = "Factoring Assignment Batch"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(default="/", copy=False, readonly=True)
    contract_id = fields.Many2one(
        "ar.factor.contract", required=True, check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="draft",
        required=True,
        tracking=True,
    )
    financed = fields.Boolean(readonly=True, tracking=True)
    line_ids = fields.One2many("ar.factor.batch.line", "batch_id", string="Documents")
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)
    amount_total = fields.Monetary(compute="_compute_amounts", store=True)
    amount_reserve = fields.Monetary(compute="_compute_amounts", store=True)
    amount_fees = fields.Monetary(compute="_compute_amounts", store=True)
    amount_fee_tax = fields.Monetary(compute="_compute_amounts", store=True)
    amount_financing = fields.Monetary(
        string="Financing cost",
        compute="_compute_amounts",
        store=True,
        help="Interest on the advance at the contract's rate until the invoices' "
        "average due date, accrued when the batch is booked.",
    )
    financing_days = fields.Integer(compute="_compute_amounts", store=True)
    amount_advance = fields.Monetary(compute="_compute_amounts", store=True)
    financing_statement_line_id = fields.Many2one(
        "ar.factor.statement.line",
        string="Financing charged by",
        readonly=True,
        copy=False,
        help="The factor's statement line that charged this batch's financing "
        "cost: the accrual is adjusted to it.",
    )
    amount_not_guaranteed = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        help="Part of the invoices above the customers' approved amounts.",
    )

    @api.depends(
        "line_ids.amount", "line_ids.amount_not_guaranteed", "contract_id", "date"
    )
    def _compute_amounts(self):
        rate_fields = [
            "reserve_rate",
            "commission_rate",
            "fee_tax_rate",
            "financing_rate",
        ]
        for batch in self:
            total = sum(batch.line_ids.mapped("amount"))
            days = financing_days(
                [
                    (line.amount, line.move_id.invoice_date_due)
                    for line in batch.line_ids
                ],
                batch.date,
            )
            amounts = batch_amounts(
                total,
                batch.contract_id.read(rate_fields)[0]
                if batch.contract_id
                else dict.fromkeys(rate_fields, 0),
                days,
            )
            batch.amount_total = total
            batch.financing_days = days
            batch.amount_financing = amounts["financing"]
            batch.amount_reserve = amounts["reserve"]
            batch.amount_fees = amounts["fees"]
            batch.amount_fee_tax = amounts["fee_tax"]
            batch.amount_advance = amounts["advance"]
            batch.amount_not_guaranteed = sum(
                batch.line_ids.mapped("amount_not_guaranteed")
            )

    def action_add_eligible(self):
        """Add the posted invoices and credit notes waiting to be assigned."""
        for batch in self:
            moves = self.env["account.move"].search(
                [
                    ("ar_factor_contract_id", "=", batch.contract_id.id),
                    ("ar_factor_state", "=", "to_assign"),
                    ("state", "=", "posted"),
                    ("id", "not in", batch.line_ids.move_id.ids),
                ]
            )
            batch.line_ids = [Command.create({"move_id": move.id}) for move in moves]

    def action_confirm(self):
        for batch in self:
            if batch.state != "draft":
                continue
            batch.contract_id._check_ready()
            if not batch.line_ids:
                raise UserError(_("Batch %s holds no document.", batch.name))
            if batch.amount_total <= 0:
                raise UserError(
                    _("The credit notes of batch %s exceed its invoices.", batch.name)
                )
            if batch.name == "/":
                batch.name = (
                    self.env["ir.sequence"].next_by_code("ar.factor.batch") or "/"
                )
            batch.move_id = batch._book()
            batch.state = "confirmed"
            batch.line_ids.move_id.write(
                {"ar_factor_state": "assigned", "ar_factor_batch_id": batch.id}
            )

    def _book(self):
        """Book the assignment: the factor owes the receivables (467 factor)
        against the receivables assigned (467 assigned, per customer), and
        withholds the reserve, its fees and the financing cost. The invoices'
        411 lines stay open: the factor's statement of customer payments
        closes them. Each assignment item keeps its batch line: definancing
        and the statement find it by that link, whatever the language it was
        labelled in."""
        self.ensure_one()
        contract = self.contract_id
        factor = contract.factor_id
        lines = [
            {
                "name": self.env._("Assigned %s", line.move_id.name),
                "account_id": contract.account_assigned_id.id,
                "partner_id": line.move_id.commercial_partner_id.id,
                "balance": -line.amount,
                "date_maturity": line.move_id.invoice_date_due,
                "ar_factor_batch_line_id": line.id,
            }
            for line in self.line_ids
        ]
        lines.append(
            {
                "name": _("Receivables assigned to %s", factor.name),
                "account_id": contract.account_factor_id.id,
                "partner_id": factor.id,
                "balance": self.amount_total,
            }
        )
        for amount, account, label in (
            (self.amount_reserve, contract.account_reserve_id, _("Reserve withheld")),
            (self.amount_fees, contract.account_fee_id, _("Factoring commission")),
            (self.amount_fee_tax, contract.account_fee_tax_id, _("VAT on commission")),
            (
                self.amount_financing,
                contract.account_financing_id,
                _("Financing cost accrued (%s days)", self.financing_days),
            ),
        ):
            if amount:
                lines += [
                    {
                        "name": label,
                        "account_id": account.id,
                        "partner_id": factor.id,
                        "balance": amount,
                    },
                    {
                        "name": label,
                        "account_id": contract.account_factor_id.id,
                        "partner_id": factor.id,
                        "balance": -amount,
                    },
                ]
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": contract.journal_id.id,
                "date": self.date,
                "ref": _("Factoring batch %s", self.name),
                "company_id": self.company_id.id,
                "line_ids": [Command.create(vals) for vals in lines],
            }
        )
        entry.action_post()
        return entry

    def action_mark_financed(self):
        self.filtered(lambda b: b.state == "confirmed").write({"financed": True})
        self.line_ids.move_id.filtered(lambda m: m.ar_factor_state == "assigned").write(
            {"ar_factor_state": "financed"}
        )

    def action_cancel(self):
        for batch in self:
            if batch.state == "cancelled":
                continue
            moves = batch.line_ids.move_id
            if any(m.ar_factor_state in ("collected", "definanced") for m in moves):
                raise UserError(
                    _(
                        "Batch %s cannot be cancelled: some invoices were already collected or "
                        "definanced.",
                        batch.name,
                    )
                )
            if batch.move_id:
                batch.move_id._reverse_moves(
                    [
                        {
                            "date": fields.Date.context_today(self),
                            "ref": _("Cancellation of %s", batch.name),
                        }
                    ],
                    cancel=True,
                )
            moves.write({"ar_factor_state": "to_assign", "ar_factor_batch_id": False})
            batch.state = "cancelled"

    def _export_rows(self):
        self.ensure_one()
        header = [
            _("Batch"),
            _("Document"),
            _("Customer"),
            _("SIREN / VAT"),
            _("Date"),
            _("Due date"),
            _("Amount"),
        ]
        rows = [
            [
                self.name,
                line.move_id.name,
                line.move_id.commercial_partner_id.name,
                line.move_id.commercial_partner_id.vat or "",
                str(line.move_id.invoice_date),
                str(line.move_id.invoice_date_due),
                line.amount,
            ]
            for line in self.line_ids
        ]
        return header, rows

    def action_export(self):
        """CSV and XLSX of the batch for the factor's portal, attached to it."""
        self.ensure_one()
        header, rows = self._export_rows()
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow([csv_cell(cell) for cell in header])
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(
            buffer, {"in_memory": True, "strings_to_formulas": False}
        )
        sheet = book.add_worksheet(self.name[:31])
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        sheet.write_row(0, 0, header, bold)
        for index, row in enumerate(rows, start=1):
            sheet.write_row(index, 0, row[:-1])
            sheet.write_number(index, len(row) - 1, row[-1], money)
        sheet.write_formula(
            len(rows) + 1,
            len(header) - 1,
            "=SUM(G2:G%d)" % (len(rows) + 1),
            money,
            self.amount_total,
        )
        book.close()
        Attachment = self.env["ir.attachment"]
        return Attachment.create(
            [
                {
                    "name": f"{self.name}.csv",
                    "raw": text.getvalue().encode("utf-8"),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "text/csv",
                },
                {
                    "name": f"{self.name}.xlsx",
                    "raw": buffer.getvalue(),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                },
            ]
        )
