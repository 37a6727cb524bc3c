"""The dunning reads the customer's risk file (ar_risk) directly."""

from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestRiskCollectionCooperation(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.insolvent = cls.customer.copy({"name": "En RJ SAS"})
        cls.healthy_invoice = cls._invoice(500.0, "2026-11-01")
        cls.insolvent_invoice = cls._invoice(500.0, "2026-11-01", partner=cls.insolvent)
        # delivered after the judgment (2026-11-02), known before the BODACC
        cls.post_judgment_invoice = cls._invoice(
            300.0, "2026-11-20", partner=cls.insolvent, date="2026-11-02"
        )

    def test_only_pre_judgment_invoices_are_frozen(self):
        """Claims born from the judgment on are payable at maturity
        (art. L622-17 of the Code de commerce): still dunned."""
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.insolvent.id,
                "proceeding_type": "redressement",
                "judgment_date": "2026-11-02",
                "publication_date": "2026-11-10",
            }
        )
        run = self._run()
        self.assertEqual(
            run.line_ids.move_id, self.healthy_invoice | self.post_judgment_invoice
        )
        # the invoice dated before the judgment waits for the claim declaration
        self.assertRecordValues(
            self.insolvent_invoice | self.post_judgment_invoice,
            [
                {"ar_claim_to_declare": True, "ar_dunning_level_id": False},
                {
                    "ar_claim_to_declare": False,
                    "ar_dunning_level_id": self.levels[-5].id,
                },
            ],
        )

    def test_conciliation_freezes_nothing(self):
        """A conciliation is confidential and preventive: no claim, no credit
        block, the customer is only watched and still dunned."""
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.insolvent.id,
                "proceeding_type": "conciliation",
                "judgment_date": "2026-11-02",
            }
        )
        self.assertRecordValues(
            self.insolvent,
            [{"ar_in_proceedings": False, "ar_on_watch_list": True}],
        )
        run = self._run()
        self.assertEqual(
            run.line_ids.move_id,
            self.healthy_invoice | self.insolvent_invoice | self.post_judgment_invoice,
        )
        self.assertFalse(self.insolvent_invoice.ar_claim_to_declare)

    def test_customer_on_credit_hold_is_still_dunned(self):
        """A hold stops new credit; the debt already owed is still chased."""
        self.insolvent.ar_credit_hold = True
        run = self._run()
        self.assertEqual(
            run.line_ids.move_id,
            self.healthy_invoice | self.insolvent_invoice | self.post_judgment_invoice,
        )
