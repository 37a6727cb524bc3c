from datetime import timedelta

from odoo import Command, api, models


class ArFactorContract(models.Model):
    """The demo builder, called by ``demo/ar_factoring_demo.xml``. It lives with
    the demo data, as Odoo's ``account/demo/account_demo.py`` does, and adds no
    model."""

    _inherit = "ar.factor.contract"

    @api.model
    def _create_demo_data(self):
        """Demo: a contract, a confirmed and financed batch, one invoice
        definanced back into the agenda (accounts found or made by code), dated
        from the company's today."""
        company = self.env.company
        if not company.chart_template:
            return
        today = company._ar_today()
        Account = self.env["account.account"].with_company(company)

        def account(code, name, account_type, reconcile=False):
            found = Account.search([("code", "=", code)], limit=1)
            return found or Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "reconcile": reconcile,
                }
            )

        factor = self.env["res.partner"].create(
            {"name": "Factor Crédit Lyonnais Demo", "is_company": True}
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Grossiste Rhône-Alpes SA",
                "is_company": True,
                "email": "compta@grossiste-ra.example",
                "customer_rank": 1,
            }
        )
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        contract = self.create(
            {
                "name": "Contrat d'affacturage 2026",
                "factor_id": factor.id,
                "journal_id": journal.id,
                "account_factor_id": account(
                    "467810", "Factor - compte courant", "asset_current", True
                ).id,
                "account_assigned_id": account(
                    "467900", "Créances cédées au factor", "asset_current", True
                ).id,
                "account_reserve_id": account(
                    "467820", "Factor - retenue de garantie", "asset_current"
                ).id,
                "account_financing_id": account(
                    "661600", "Intérêts sur opérations de financement", "expense"
                ).id,
                "account_fee_id": account(
                    "622810", "Commissions d'affacturage", "expense"
                ).id,
                "account_fee_tax_id": account(
                    "445669", "TVA déductible sur commissions", "asset_current"
                ).id,
                "approval_ids": [
                    Command.create({"partner_id": customer.id, "amount": 20000})
                ],
            }
        )
        contract.action_activate()
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": today - timedelta(days=days + 30),
                    "invoice_date_due": today - timedelta(days=days),
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
                for label, amount, days in (
                    ("Palettes mars", 6400.0, 120),
                    ("Palettes octobre", 4800.0, 10),
                )
            ]
        )
        invoices.action_post()
        batch = self.env["ar.factor.batch"].create(
            {
                "contract_id": contract.id,
                "date": today - timedelta(days=35),  # after both invoices
                "line_ids": [Command.create({"move_id": move.id}) for move in invoices],
            }
        )
        batch.action_confirm()
        batch.action_mark_financed()
        invoices[0]._ar_factor_definance("120 jours de retard (démo)", date=today)
