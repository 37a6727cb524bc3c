from pathlib import Path

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models import cfonb_lcr
from .bill_common import ArBillCommon

# tests/data/lcr_3_bills.txt was written by hand from the CFONB layout, field
# by field (positions 1-based, inclusive; blanks are spaces):
# 03 header  1-2 "03" | 3-4 "60" | 5-12 "00000001" | 13-18 emitter "000000" |
#            19-24 blank | 25-30 remitted "150726" | 31-54 drawer
#            "BATIMENT DUPRE   FILS" (accents dropped, "&" not allowed) |
#            55-78 "SOCIETE GENERALE" | 79 entry "3" (collection) | 80 blank |
#            81 "E" | 82-86 "30003" | 87-91 "01234" | 92-102 "00050012345" |
#            103-134 blank | 135-149 drawer's SIREN "383474814" |
#            150-160 "REM2600042 "
# 06 detail  1-2 "06" | 3-4 "60" | 5-12 record number | 13-20 blank |
#            21-30 bill number | 31-54 drawee | 55-78 drawee's bank |
#            79 acceptance ("1" LCR, "0" BOR) | 80-81 blank | 82-86 bank |
#            87-91 branch | 92-102 account | 103-114 cents zero-padded |
#            115-118 blank | 119-124 maturity | 125-130 accepted "100726" |
#            131-141 blank | 142-150 SIREN (blank: an individual) |
#            151-160 bill number; ordered by maturity:
#            EF2600001 Lefèvre 1 200,00 31/08 | EF2600002 Müller (BOR)
#            99,99 31/08 | EF2600003 Café de l'Étoile 845,50 10/09
# 08 total   1-2 "08" | 3-4 "60" | 5-12 "00000005" | 13-102 blank |
#            103-114 "000000214549" | 115-160 blank
# every line 160 characters + CRLF
EXPECTED = Path(__file__).parent / "data" / "lcr_3_bills.txt"


@tagged("post_install", "-at_install")
class TestBillCfonb(ArBillCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cafe = cls._customer(
            "Café de l'Étoile",
            "FR7620041010050500123456769",
            bank="La Banque Postale",
            siren="552100554",
        )
        cls.muller = cls._customer(
            "Jean-Noël Müller", "FR7610278360100002041500132", is_company=False
        )

    @classmethod
    def _customer(cls, name, iban, bank=None, siren=False, is_company=True):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": is_company,
                "ar_siren": siren,
                "bank_ids": [
                    Command.create(
                        {
                            "acc_number": iban,
                            "bank_id": bank
                            and cls.env["res.bank"].create({"name": bank}).id,
                        }
                    )
                ],
            }
        )

    def _three_bills(self):
        lefevre = self._bill(
            self._invoice(1500.0, due="2026-07-31", date="2026-07-01"),
            1200.0,
            "2026-08-31",
            name="EF2600001",
        )
        muller = self._bill(
            self._invoice(99.99, partner=self.muller, date="2026-07-01"),
            99.99,
            "2026-08-31",
            name="EF2600002",
            kind="bor",
        )
        cafe = self._bill(
            self._invoice(845.5, partner=self.cafe, date="2026-07-01"),
            845.5,
            "2026-09-10",
            name="EF2600003",
        )
        return cafe | lefevre | muller

    def _remittance(self, bills):
        return self.env["ar.collection.bill.remittance"].create(
            {
                "name": "REM2600042",
                "journal_id": self.bank.id,
                "candidate_ids": [Command.set(bills.ids)],
            }
        )

    def test_file_byte_for_byte(self):
        bills = self._three_bills()
        with freeze_time("2026-07-15"):
            remittance = self._remittance(bills)
            remittance.action_remit()
        self.assertEqual(remittance.file_id.raw, EXPECTED.read_bytes())
        self.assertEqual(remittance.file_id.name, "LCR_REM2600042.txt")
        self.assertEqual(remittance.amount, 2145.49)
        self.assertEqual(set(bills.mapped("state")), {"remitted"})
        self.assertEqual(remittance.bill_ids, bills)

    def test_bad_data_lists_every_bill(self):
        bills = self._three_bills()
        # a foreign IBAN, a company without SIREN, a maturity gone by, the
        # drawer's own SIREN missing from the header
        self.muller.bank_ids.acc_number = "DE89370400440532013000"
        self.cafe.ar_siren = False
        self.company.partner_id.ar_siren = False
        with freeze_time("2026-09-01"):
            remittance = self._remittance(bills)
            with self.assertRaises(UserError) as error:
                remittance.action_remit()
        self.assertEqual(
            str(error.exception),
            # the test database speaks French
            "Aucun fichier écrit :\n"
            "- La société Bâtiment Dupré & Fils n'a pas de SIREN (renseignez son "
            "SIRET).\n"
            "- EF2600001 : son échéance est passée.\n"
            "- EF2600002 : le client n'a pas d'IBAN français valide.\n"
            "- EF2600002 : son échéance est passée.\n"
            "- EF2600003 : le SIREN du client manque.",
        )
        self.assertFalse(remittance.file_id)
        self.assertFalse(remittance.move_id)
        self.assertEqual(set(bills.mapped("state")), {"accepted"})

    def test_issuer_number_in_the_header(self):
        with self.assertRaisesRegex(ValidationError, "six chiffres"):
            self.company.ar_lcr_issuer_number = "12A456"
        self.company.ar_lcr_issuer_number = "412345"
        bills = self._three_bills()
        with freeze_time("2026-07-15"):
            remittance = self._remittance(bills)
            remittance.action_remit()
        expected = EXPECTED.read_bytes()
        # only the issuer zone (13-18) differs from the file without one
        self.assertEqual(remittance.file_id.raw[12:18], b"412345")
        self.assertEqual(expected[12:18], b"000000")
        self.assertEqual(
            remittance.file_id.raw[:12] + remittance.file_id.raw[18:],
            expected[:12] + expected[18:],
        )

    def test_text_and_rib(self):
        self.assertEqual(cfonb_lcr.cfonb_text("Façade & Cie_é", 16), "FACADE   CIE E  ")
        self.assertEqual(cfonb_lcr.cfonb_text("x" * 30, 5), "XXXXX")
        self.assertEqual(
            cfonb_lcr.rib_from_iban("FR76 3000 4008 2300 0123 4567 819"),
            ("30004", "00823", "00012345678", "19"),
        )
        # a wrong RIB key, a foreign IBAN
        self.assertIsNone(cfonb_lcr.rib_from_iban("FR7630004008230001234567800"))
        self.assertIsNone(cfonb_lcr.rib_from_iban("DE89370400440532013000"))
