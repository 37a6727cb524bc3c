from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class ArCollectionBill(models.Model):
    """The bill's entries on the French chart (accounts of
    ``res.company._ar_bill_account``):

    - acceptance: D 413 / C 411, the 411 matched with the invoices;
    - remittance: D 5113 (collection) or 5114 (discount) / C 413;
    - payment at maturity: D 512 / C 511x;
    - unpaid: D 411 / C 511x, the invoices open again, and the bank's fees
      D 6275 / C 512.

    Booked as superuser: a collector records the bill the customer accepted,
    the entries follow from it (journals and accounts are the company's
    settings, every entry is in the bill's company)."""

    _inherit = "ar.collection.bill"

    def _ar_line(self, account, debit, credit, **extra):
        return Command.create(
            {
                "name": self.name,
                "account_id": account.id,
                "partner_id": self.partner_id.id,
                "debit": debit,
                "credit": credit,
                **extra,
            }
        )

    def _ar_post(self, journal, date, lines, ref):
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": journal.company_id.id,
                    "date": date,
                    "ref": ref,
                    "line_ids": lines,
                }
            )
        )
        move.action_post()
        return move

    def _ar_allocation(self):
        """(invoice, amount) the bill settles, the oldest due first."""
        self.ensure_one()
        left, allocation = self.amount, []
        for move in self.move_ids.sorted(lambda m: (m.invoice_date_due, m.id)):
            part = min(left, move.amount_residual_signed)
            if self.currency_id.compare_amounts(part, 0) > 0:
                allocation.append((move, part))
                left -= part
        return allocation

    def _ar_book_acceptance(self):
        for bill in self:
            company = bill.company_id
            allocation = bill._ar_allocation()
            lines = [
                bill._ar_line(
                    company._ar_bill_account("receivable"),
                    bill.amount,
                    0.0,
                    date_maturity=bill.date_maturity,
                )
            ] + [
                bill._ar_line(self._ar_receivable_lines(move).account_id[:1], 0.0, part)
                for move, part in allocation
            ]
            move = bill._ar_post(
                company._ar_bill_journal(),
                bill.date_accepted,
                lines,
                _("Bill %s accepted", bill.name),
            )
            bill.acceptance_move_id = move
            credits = move.line_ids.filtered(lambda line: line.credit)
            for (invoice, _part), credit in zip(allocation, credits, strict=True):
                (self._ar_receivable_lines(invoice) | credit).reconcile()

    def _ar_receivable_lines(self, move):
        return move.sudo().line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            )
        )

    def _ar_bank_account(self, role):
        """The 511x account of the bill at the bank."""
        self.ensure_one()
        return self.company_id._ar_bill_account(role)

    def _ar_remittance_lines(self, role):
        """Lines of the remittance entry for this bill: D 511x / C 413."""
        self.ensure_one()
        return [
            self._ar_line(self._ar_bank_account(role), self.amount, 0.0),
            self._ar_line(
                self.company_id._ar_bill_account("receivable"), 0.0, self.amount
            ),
        ]

    def _ar_match(self, move, account):
        """Reconcile this bill's open lines on ``account`` in ``move`` with
        its earlier entries."""
        earlier = (
            self.acceptance_move_id | self.remittance_id.move_id
        ).line_ids.filtered(
            lambda line: (
                line.account_id == account
                and line.name == self.name
                and not line.reconciled
            )
        )
        mine = move.line_ids.filtered(
            lambda line: line.account_id == account and line.name == self.name
        )
        (earlier | mine).reconcile()

    def action_paid(self):
        """The bank paid the bills at maturity: D 512 / C 511x, today."""
        today = fields.Date.context_today(self)
        for bill in self:
            bill._ar_book_paid(today)

    def _ar_book_paid(self, date):
        """Book the bank's payment of the bill on ``date`` and mark it paid."""
        self.ensure_one()
        self._ar_check_at_bank()
        journal = self.remittance_id.journal_id
        at_bank = self._ar_bank_account(self.remittance_id.mode)
        move = self._ar_post(
            journal,
            date,
            [
                self._ar_line(journal.default_account_id, self.amount, 0.0),
                self._ar_line(at_bank, 0.0, self.amount),
            ],
            _("Bill %s paid", self.name),
        )
        self._ar_match(move, at_bank)
        self.write({"state": "paid", "settlement_move_id": move.id})

    def _ar_book_unpaid(self, date, fees):
        """The bank returns the bill unpaid: D 411 / C 511x, the bank's
        ``fees`` D 6275 / C 512, the invoices open again (their 411 now
        matched with the return)."""
        self.ensure_one()
        self._ar_check_at_bank()
        journal = self.remittance_id.journal_id
        at_bank = self._ar_bank_account(self.remittance_id.mode)
        acceptance_credits = self.acceptance_move_id.line_ids.filtered("credit")
        receivable = self.partner_id.with_company(
            self.company_id
        ).property_account_receivable_id
        lines = [
            self._ar_line(receivable, self.amount, 0.0, date_maturity=date),
            self._ar_line(at_bank, 0.0, self.amount),
        ]
        if fees:
            lines += [
                self._ar_line(self.company_id._ar_bill_account("fees"), fees, 0.0),
                self._ar_line(journal.default_account_id, 0.0, fees),
            ]
        move = self._ar_post(journal, date, lines, _("Bill %s unpaid", self.name))
        self._ar_match(move, at_bank)
        acceptance_credits.remove_move_reconcile()
        back = move.line_ids.filtered(lambda line: line.account_id == receivable)
        (acceptance_credits | back).reconcile()
        self.write({"state": "unpaid", "settlement_move_id": move.id})
        return move

    def _ar_check_at_bank(self):
        if self.state != "remitted":
            raise UserError(
                _("Bill %s is not at the bank: nothing to settle.", self.name)
            )
