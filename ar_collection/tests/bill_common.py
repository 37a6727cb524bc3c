from freezegun import freeze_time

from odoo import Command

from .common import ArCollectionCommon


class ArBillCommon(ArCollectionCommon):
    """The French company's bank with its IBAN, customers with theirs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.name = "Bâtiment Dupré & Fils"
        cls.company.partner_id.ar_siren = "383474814"
        cls.bank = cls.company_data["default_journal_bank"]
        cls.bank.bank_account_id = cls.env["res.partner.bank"].create(
            {
                "acc_number": "FR76 3000 3012 3400 0500 1234 509",
                "partner_id": cls.company.partner_id.id,
                "bank_id": cls.env["res.bank"].create({"name": "Société Générale"}).id,
            }
        )
        cls.customer.write(
            {
                "ar_siren": "732829320",
                "bank_ids": [
                    Command.create(
                        {
                            "acc_number": "FR7630004008230001234567819",
                            "bank_id": cls.env["res.bank"]
                            .create({"name": "BNP Paribas Grenoble"})
                            .id,
                        }
                    )
                ],
            }
        )

    @classmethod
    def _bill(cls, invoices, amount, maturity, accepted="2026-07-10", **vals):
        with freeze_time(accepted):
            return cls.env["ar.collection.bill"].create(
                {
                    "partner_id": invoices.commercial_partner_id.id,
                    "move_ids": [Command.set(invoices.ids)],
                    "amount": amount,
                    "date_maturity": maturity,
                    **vals,
                }
            )

    def _remit(self, bills, date="2026-07-15", mode="collection"):
        with freeze_time(date):
            remittance = self.env["ar.collection.bill.remittance"].create(
                {
                    "journal_id": self.bank.id,
                    "mode": mode,
                    "candidate_ids": [Command.set(bills.ids)],
                }
            )
            remittance.action_remit()
        return remittance

    @staticmethod
    def _items(move):
        """The entry's journal items as (account code, debit, credit,
        partner), in a stable order."""
        return sorted(
            (line.account_id.code, line.debit, line.credit, line.partner_id.name)
            for line in move.line_ids
        )
