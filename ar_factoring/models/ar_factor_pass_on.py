from odoo import Command, _, fields, models


class ArFactorContract(models.Model):
    """What goes back to the factor on the receivables assigned: invoices it
    definances, and payments the customers made to the company instead."""

    _inherit = "ar.factor.contract"

    def _held_assignment_lines(self, moves):
        """{invoice: its open assignment items} for ``moves`` held by the
        factor (one query for the batch lines)."""
        batch_lines = self.env["ar.factor.batch.line"].search(
            [("move_id", "in", moves.ids), ("active_batch", "=", True)]
        )
        return {line.move_id: line.assignment_line_ids for line in batch_lines}

    def _to_pass_on_by_move(self):
        """{invoice: amount} the customers paid the company on invoices the
        factor holds: what is still assigned beyond what they still owe."""
        self.ensure_one()
        moves = self.env["account.move"].search(
            [
                ("ar_factor_contract_id", "=", self.id),
                ("ar_factor_state", "in", ("assigned", "financed")),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ]
        )
        result = {}
        for move, items in self._held_assignment_lines(moves).items():
            held = -sum(items.mapped("amount_residual"))
            amount = self.currency_id.round(held - move.amount_residual)
            if amount > 0:
                result[move] = amount
        return result

    def _book_back(self, amounts, date, ref, label):
        """Book back to the factor's current account ``amounts`` ({invoice:
        amount}) of the receivables assigned, each reconciled with the item
        that assigned the invoice; ``label(invoice)`` names its line. The
        invoices' own 411 lines are not touched. Returns the entry."""
        self.ensure_one()
        assigned = {move: move._ar_factor_assignment_lines() for move in amounts}
        lines = [
            {
                "name": label(move),
                "account_id": assigned[move].account_id.id,
                "partner_id": move.commercial_partner_id.id,
                "balance": amount,
            }
            for move, amount in amounts.items()
        ]
        lines.append(
            {
                "name": _("Owed back to %s", self.factor_id.name),
                "account_id": self.account_factor_id.id,
                "partner_id": self.factor_id.id,
                "balance": -sum(amounts.values()),
            }
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.journal_id.id,
                "date": date,
                "ref": ref,
                "company_id": self.company_id.id,
                "line_ids": [Command.create(vals) for vals in lines],
            }
        )
        entry.action_post()
        for move, back in zip(amounts, entry.line_ids.sorted("id"), strict=False):
            (assigned[move] | back).reconcile()
        return entry

    def action_pass_on(self):
        """The customers paid us invoices the factor holds: what they paid is
        owed to the factor, on its current account (the factor deducts it or
        is paid by transfer). The invoices wholly settled leave the factor."""
        for contract in self:
            amounts = contract._to_pass_on_by_move()
            if not amounts:
                continue
            contract._check_ready()
            contract._book_back(
                amounts,
                fields.Date.context_today(self),
                _("Paid to us, passed on to %s", contract.factor_id.name),
                lambda move: self.env._("Paid to us, passed on: %s", move.name),
            )
            held = contract._held_assignment_lines(
                self.env["account.move"].concat(*amounts)
            )
            for move in amounts:
                if move.currency_id.is_zero(move.amount_residual) and all(
                    held[move].mapped("reconciled")
                ):
                    move.ar_factor_state = "collected"

    def action_view_to_pass_on(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Paid to us, to pass on to the factor"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", [m.id for m in self._to_pass_on_by_move()])],
        }
