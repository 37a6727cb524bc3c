from odoo import api, models


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    def _ar_letter_data(self):
        """When the company dunns alongside the factor, the letter names the
        factor as payee of the invoices it holds, with its bank account and
        the contract's subrogation clause."""
        data = super()._ar_letter_data()
        data["factor_payees"] = self._ar_factor_payees(
            self.move_ids.filtered(
                lambda m: m.ar_factor_contract_id.dunning_by == "both"
            )
        )
        return data

    @api.model
    def _ar_factor_payees(self, moves):
        """Per contract holding some of ``moves`` (assigned or financed): the
        factor to pay, its bank account, the clause and the invoices."""
        held = moves.filtered(lambda m: m.ar_factor_state in ("assigned", "financed"))
        return [
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
