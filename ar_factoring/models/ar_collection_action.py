from odoo import models


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    def _ar_letter_data(self):
        """When the company dunns alongside the factor, the letter names the
        factor as payee of the invoices it holds, with its bank account and
        the contract's subrogation clause."""
        data = super()._ar_letter_data()
        held = self.move_ids.filtered(
            lambda m: (
                m.ar_factor_state in ("assigned", "financed")
                and m.ar_factor_contract_id.dunning_by == "both"
            )
        )
        data["factor_payees"] = [
            {
                "factor": contract.factor_id.name,
                "iban": contract.factor_bank_id.acc_number or "",
                "clause": contract.clause or "",
                "invoices": ", ".join(
                    held.filtered(
                        lambda m, c=contract: m.ar_factor_contract_id == c
                    ).mapped("name")
                ),
            }
            for contract in held.ar_factor_contract_id
        ]
        return data
