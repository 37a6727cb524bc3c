from lxml import etree

from odoo.tests import tagged

from .common import ArFactoringCommon

IBAN = "FR7630001007941234567890185"


@tagged("post_install", "-at_install")
class TestPayee(ArFactoringCommon):
    """A factored invoice is payable to the factor: its bank account is the
    factor's, and so are the accounts the e-invoices Odoo 18 generates for
    France carry (Factur-X CII, UBL)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.factor_bank = cls.env["res.partner.bank"].create(
            {"acc_number": IBAN, "partner_id": cls.factor.id}
        )
        cls.contract.factor_bank_id = cls.factor_bank

    def _payee_accounts(self, invoice):
        cii, _errors = self.env["account.edi.xml.cii"]._export_invoice(invoice)
        ubl, _errors = self.env["account.edi.xml.ubl_bis3"]._export_invoice(invoice)
        return (
            etree.fromstring(cii).xpath(
                "//*[local-name()='PayeePartyCreditorFinancialAccount']/*/text()"
            ),
            etree.fromstring(ubl).xpath(
                "//*[local-name()='PayeeFinancialAccount']/*[local-name()='ID']/text()"
            ),
        )

    def test_factored_invoice_pays_the_factor(self):
        invoice = self._invoice(1000.0)
        self.assertRecordValues(
            invoice,
            [{"ar_factor_state": "to_assign", "partner_bank_id": self.factor_bank.id}],
        )
        self.assertEqual(self._payee_accounts(invoice), ([IBAN], [IBAN]))
        # a customer without a contract pays the company
        plain = self._invoice(
            10.0, partner=self.env["res.partner"].create({"name": "Direct SARL"})
        )
        self.assertNotEqual(plain.partner_bank_id, self.factor_bank)
        cii, ubl = self._payee_accounts(plain)
        self.assertNotIn(IBAN, cii + ubl)
