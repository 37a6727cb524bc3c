import base64

from odoo import Command

from odoo.addons.ar_risk.tests.common import ArRiskCommon


class ArFactoringCommon(ArRiskCommon):
    """An active factoring contract with its accounts, the customer approved
    up to 1,500; assignment batches and journal items as tables."""

    ar_manager_groups = (
        "ar_risk.ar_risk_group_manager",
        "ar_collection.ar_collection_group_manager",
        "ar_factoring.ar_factoring_group_manager",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.ar_credit_policy = "none"
        Account = cls.env["account.account"]

        def account(code, name, account_type, reconcile=False):
            return Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "reconcile": reconcile,
                }
            )

        cls.acc_factor = account("467810", "Factor", "asset_current", reconcile=True)
        cls.acc_assigned = account(
            "467900", "Receivables assigned", "asset_current", reconcile=True
        )
        cls.acc_reserve = account("467820", "Factor reserve", "asset_current")
        cls.acc_financing = Account.search(
            [("code", "=", "661600"), ("company_ids", "in", cls.company.ids)]
        )
        cls.acc_fee = account("622810", "Factoring fees", "expense")
        cls.acc_vat = account("445669", "VAT on fees", "asset_current")
        cls.receivable_code = cls.company_data["default_account_receivable"].code
        cls.factor = cls.env["res.partner"].create(
            {"name": "Factor Bank SA", "is_company": True}
        )
        cls.contract = cls.env["ar.factor.contract"].create(
            {
                "name": "Contrat 2026",
                "factor_id": cls.factor.id,
                "journal_id": cls.company_data["default_journal_misc"].id,
                "account_factor_id": cls.acc_factor.id,
                "account_assigned_id": cls.acc_assigned.id,
                "account_reserve_id": cls.acc_reserve.id,
                "account_financing_id": cls.acc_financing.id,
                "account_fee_id": cls.acc_fee.id,
                "account_fee_tax_id": cls.acc_vat.id,
                "reserve_rate": 10.0,
                "commission_rate": 0.5,
                "fee_tax_rate": 20.0,
                "financing_rate": 0.0,
                "definance_days": 60,
                "approval_ids": [
                    Command.create({"partner_id": cls.customer.id, "amount": 1500.0})
                ],
            }
        )
        cls.contract.action_activate()

    @classmethod
    def _batch(cls, moves, confirm=True, date="2026-10-05"):
        """An assignment batch of ``moves``, confirmed (booked) by default."""
        batch = cls.env["ar.factor.batch"].create(
            {
                "contract_id": cls.contract.id,
                "date": date,
                "line_ids": [Command.create({"move_id": move.id}) for move in moves],
            }
        )
        if confirm:
            batch.action_confirm()
        return batch

    @classmethod
    def _statement(cls, rows, name="releve.csv"):
        """Import the factor's CSV statement of ``rows`` (type code,
        reference, amount, date); the statement booked."""
        csv = "type;reference;amount;date\n" + "".join(
            f"{code};{reference};{amount:.2f};{date}\n"
            for code, reference, amount, date in rows
        )
        result = (
            cls.env["ar.factor.statement.import"]
            .create(
                {
                    "contract_id": cls.contract.id,
                    "data_file": base64.b64encode(csv.encode()),
                    "filename": name,
                }
            )
            .action_import()
        )
        return cls.env["ar.factor.statement"].browse(result["res_id"])

    @classmethod
    def _collect(cls, invoice, amount, date):
        """The factor reports that the customer paid ``amount`` on ``date``."""
        return cls._statement([("ENC", invoice.name, amount, date)])

    @staticmethod
    def _journal_items(move):
        """The entry as a sorted table of (account code, debit, credit)."""
        return sorted(
            (line.account_id.code, round(line.debit, 2), round(line.credit, 2))
            for line in move.line_ids
        )
