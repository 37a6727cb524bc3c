"""Bad bank details sent by an outside client: the factor's account printed
on factored invoices must be a real IBAN, or customers would pay nobody."""

from odoo.tests import new_test_user, tagged

from odoo.addons.ar_risk.tests.rpc import RpcCase

from .common import ArFactoringCommon

IBAN = "FR7630001007941234567890185"


@tagged("post_install", "-at_install")
class TestRpcBadInput(ArFactoringCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.factoring_manager = new_test_user(
            cls.env,
            login="ar_factoring_input_manager",
            groups="ar_factoring.ar_factoring_group_manager",
            company_id=cls.company.id,
        )
        Bank = cls.env["res.partner.bank"]
        cls.contract.factor_bank_id = Bank.create(
            {"acc_number": IBAN, "partner_id": cls.factor.id}
        )
        cls.short = Bank.create({"acc_number": IBAN[:-2], "partner_id": cls.factor.id})
        cls.mistyped = Bank.create(
            {"acc_number": IBAN[:-1] + "6", "partner_id": cls.factor.id}
        )

    def test_factor_iban_of_wrong_length_or_check_digits(self):
        for bank, count in ((self.short, 25), (self.mistyped, 27)):
            self._assert_refused(
                self.factoring_manager,
                "ar.factor.contract",
                "write",
                [self.contract.ids, {"factor_bank_id": bank.id}],
                "The factor's account %s is not a valid IBAN (%s characters): "
                "customers could not pay the factor. Check its length and its "
                "check digits." % (bank.acc_number, count),
            )
        self.assertEqual(
            self.contract.factor_bank_id.acc_number, "FR76 3000 1007 9412 3456 7890 185"
        )
