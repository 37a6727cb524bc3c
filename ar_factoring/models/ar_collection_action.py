from odoo import api, models


class ArCollectionAction(models.Model):
    _inherit = "ar.collection.action"

    def _ar_letter_data(self):
        """When the company dunns alongside the factor, the letter names the
        factor as payee of the invoices it holds, with its bank account, the
        contract's payee wording and subrogation clause (in the customer's
        language); the company's own account stays for the other invoices."""
        data = super()._ar_letter_data()
        held = self.move_ids.filtered(
            lambda m: (
                m.ar_factor_state in ("assigned", "financed")
                and m.ar_factor_contract_id.dunning_by == "both"
            )
        )
        data["factor_payees"] = self._ar_factor_payees(held)
        rest = self.move_ids - held
        if held and rest:
            data["bank"] = (
                rest.partner_bank_id[:1] or self.company_id.partner_id.bank_ids[:1]
            )
        return data

    @api.model
    def _ar_factor_payees(self, moves):
        """Per contract holding some of ``moves`` (assigned or financed): the
        factor to pay, its bank account, the contract's payee wording and
        clause (in the customer's language) and the invoices."""
        held = moves.filtered(lambda m: m.ar_factor_state in ("assigned", "financed"))
        lang = held.commercial_partner_id[:1].lang or self.env.lang
        payees = []
        for contract in held.ar_factor_contract_id.with_context(lang=lang):
            invoices = ", ".join(
                held.filtered(lambda m, c=contract: m.ar_factor_contract_id == c)
                .sorted("invoice_date_due")
                .mapped("name")
            )
            iban = contract.factor_bank_id.acc_number or ""
            values = {
                "invoices": invoices,
                "factor": contract.factor_id.name,
                "iban": iban,
            }
            payees.append(
                {
                    **values,
                    "wording": contract.payee_text or "",
                    "clause": contract.clause or "",
                    "payee": contract.env._(
                        "Invoices %(invoices)s: payee %(factor)s, IBAN %(iban)s.",
                        **values,
                    )
                    if iban
                    else contract.env._(
                        "Invoices %(invoices)s: payee %(factor)s.", **values
                    ),
                }
            )
        return payees

    def _ar_payment_notes(self):
        """The reminder email says it too: the factor is payee of the
        invoices it holds."""
        notes = super()._ar_payment_notes()
        for payee in self._ar_letter_data()["factor_payees"]:
            notes += [payee["wording"], payee["payee"]]
        return notes
