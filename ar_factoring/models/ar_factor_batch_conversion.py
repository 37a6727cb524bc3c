from odoo import Command, _, api, models


class ArFactorBatch(models.Model):
    _inherit = "ar.factor.batch"

    @api.model
    def _convert_reconciled_assignments(self, company, date):
        """Batches booked before 18.0.1.2.0 credited the invoices' 411 lines
        and reconciled them: the invoices looked paid. For the invoices the
        factor still holds, reopen the 411 line and book the assignment on
        the contract's account of receivables assigned, as batches are booked
        now; one entry per batch, dated ``date``. Collected and definanced
        invoices keep their history. Returns the entries booked."""
        entries = self.env["account.move"]
        batches = self.search(
            [("state", "=", "confirmed"), ("company_id", "=", company.id)]
        )
        for batch in batches:
            old = batch.line_ids.filtered(
                lambda line: (
                    line.move_id.ar_factor_state in ("assigned", "financed")
                    and line.assignment_line_ids.account_id.account_type
                    == "asset_receivable"
                )
            )
            if not old:
                continue
            contract = batch.contract_id
            contract._ar_ensure_assigned_account()
            vals, items = [], []
            for line in old:
                item = line.assignment_line_ids
                partials = (item.matched_debit_ids | item.matched_credit_ids).filtered(
                    lambda p, r=line.receivable_line_id: (
                        r in (p.debit_move_id | p.credit_move_id)
                    )
                )
                amount = sum(partials.mapped("amount"))
                partials.unlink()
                partner = line.move_id.commercial_partner_id
                label = _("Assigned %s (kept open)", line.move_id.name)
                vals += [
                    {
                        "name": label,
                        "account_id": item.account_id.id,
                        "partner_id": partner.id,
                        "balance": amount,
                    },
                    {
                        "name": label,
                        "account_id": contract.account_assigned_id.id,
                        "partner_id": partner.id,
                        "balance": -amount,
                        "date_maturity": line.move_id.invoice_date_due,
                        "ar_factor_batch_line_id": line.id,
                    },
                ]
                items.append(item)
            # the old items are history now: the new ones carry the link
            self.env["account.move.line"].concat(*items).ar_factor_batch_line_id = False
            entry = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": contract.journal_id.id,
                    "date": date,
                    "ref": _("Factoring batch %s: receivables kept open", batch.name),
                    "company_id": batch.company_id.id,
                    "line_ids": [Command.create(v) for v in vals],
                }
            )
            entry.action_post()
            settling = entry.line_ids.sorted("id")[::2]
            for item, settle in zip(items, settling, strict=True):
                (item | settle).reconcile()
            entries |= entry
        return entries
