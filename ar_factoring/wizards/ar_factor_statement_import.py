import base64
import csv
import io

from odoo import Command, _, fields, models
from odoo.exceptions import UserError


def parse_amount(text):
    """'1 234,56' or '1234.56' -> 1234.56"""
    cleaned = (text or "").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return float(cleaned.replace(",", ""))


class ArFactorStatementImport(models.TransientModel):
    """Import a factor's CSV statement with the contract's column mapping."""

    _name = "ar.factor.statement.import"
    _description = "Import a Factor Statement"

    contract_id = fields.Many2one("ar.factor.contract", required=True)
    data_file = fields.Binary(string="CSV file", required=True)
    filename = fields.Char()

    def _rows(self):
        contract = self.contract_id
        try:
            text = base64.b64decode(self.data_file).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UserError(
                _("The statement is not UTF-8 encoded: export it again in UTF-8.")
            ) from exc
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        wanted = [
            contract.statement_col_kind,
            contract.statement_col_reference,
            contract.statement_col_amount,
            contract.statement_col_date,
        ]
        missing = [col for col in wanted if col not in (reader.fieldnames or [])]
        if missing:
            raise UserError(
                _(
                    "The statement lacks the columns %(missing)s (found: %(found)s). Check the "
                    "column mapping of contract %(contract)s.",
                    missing=", ".join(missing),
                    found=", ".join(reader.fieldnames or []),
                    contract=contract.name,
                )
            )
        return list(reader)

    def action_import(self):
        self.ensure_one()
        contract = self.contract_id
        contract._check_ready()
        codes = {
            contract.statement_code_collection: "collection",
            contract.statement_code_fee: "fee",
            contract.statement_code_definancing: "definancing",
            contract.statement_code_reserve: "reserve_release",
            contract.statement_code_financing: "financing",
        }
        invoices = {
            move.name: move
            for move in self.env["account.move"].search(
                [
                    ("ar_factor_contract_id", "=", contract.id),
                    ("ar_factor_state", "in", ("assigned", "financed")),
                ]
            )
        }
        batches = {
            batch.name: batch
            for batch in self.env["ar.factor.batch"].search(
                [("contract_id", "=", contract.id), ("state", "=", "confirmed")]
            )
        }
        line_vals = []
        for number, row in enumerate(self._rows(), start=2):
            kind = codes.get((row[contract.statement_col_kind] or "").strip())
            if not kind:
                raise UserError(
                    _(
                        "Line %(line)s: unknown type %(type)s.",
                        line=number,
                        type=row[contract.statement_col_kind],
                    )
                )
            try:
                amount = parse_amount(row[contract.statement_col_amount])
                date = fields.Date.to_date(
                    (row[contract.statement_col_date] or "").strip()
                )
            except ValueError as exc:
                raise UserError(
                    _("Line %(line)s: %(error)s", line=number, error=exc)
                ) from exc
            reference = (row[contract.statement_col_reference] or "").strip()
            invoice = invoices.get(reference)
            batch = batches.get(reference) if kind == "financing" else None
            needs_invoice = kind in ("collection", "definancing")
            line_vals.append(
                {
                    "kind": kind,
                    "reference": reference,
                    "amount": amount,
                    "date": date,
                    "move_id": invoice.id if invoice else False,
                    "batch_id": batch.id if batch else False,
                    "state": "matched"
                    if (invoice or batch or not (needs_invoice or kind == "financing"))
                    else "unmatched",
                    "raw": ";".join(row.values()),
                }
            )
        statement = self.env["ar.factor.statement"].create(
            {
                "name": self.filename or _("Statement"),
                "contract_id": contract.id,
                "company_id": contract.company_id.id,
                "line_ids": [Command.create(vals) for vals in line_vals],
            }
        )
        statement._book()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ar.factor.statement",
            "res_id": statement.id,
            "view_mode": "form",
        }
