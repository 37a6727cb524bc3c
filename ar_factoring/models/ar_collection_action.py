from odoo import models


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
        lang = self.partner_id.lang or self.env.lang
        payees = []
        for contract in held.ar_factor_contract_id.with_context(lang=lang):
            invoices = ", ".join(
                held.filtered(lambda m, c=contract: m.ar_factor_contract_id == c)
                .sorted("invoice_date_due")
                .mapped("name")
            )
            iban = contract.factor_bank_id.acc_number or ""
            payees.append(
                {
                    "factor": contract.factor_id.name,
                    "iban": iban,
                    "invoices": invoices,
                    "wording": contract.payee_text or "",
                    "clause": contract.clause or "",
                    "payee": contract.env._(
                        "Invoices %(invoices)s: payee %(factor)s, IBAN %(iban)s.",
                        invoices=invoices,
                        factor=contract.factor_id.name,
                        iban=iban,
                    )
                    if iban
                    else contract.env._(
                        "Invoices %(invoices)s: payee %(factor)s.",
                        invoices=invoices,
                        factor=contract.factor_id.name,
                    ),
                }
            )
        data["factor_payees"] = payees
        rest = self.move_ids - held
        if held and rest:
            data["bank"] = (
                rest.partner_bank_id[:1] or self.company_id.partner_id.bank_ids[:1]
            )
        return data

    def _ar_payment_notes(self):
        """The reminder email says it too: the factor is payee of the
        invoices it holds."""
        notes = super()._ar_payment_notes()
        for payee in self._ar_letter_data()["factor_payees"]:
            notes += [payee["wording"], payee["payee"]]
        return notes
