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

    def test_customer_in_proceedings_is_not_dunned(self):
        self.env["ar.risk.proceeding"].create(
            {
                "partner_id": self.insolvent.id,
                "proceeding_type": "redressement",
                "judgment_date": "2026-11-02",
                "publication_date": "2026-11-10",
            }
        )
        run = self._run()
        self.assertRecordValues(
            run.line_ids,
            [{"partner_id": self.customer.id, "move_id": self.healthy_invoice.id}],
        )
        # its invoice waits for the claim declaration instead
        self.assertRecordValues(
            self.insolvent_invoice,
            [{"ar_claim_to_declare": True, "ar_dunning_level_id": False}],
        )

    def test_customer_on_credit_hold_is_still_dunned(self):
        """A hold stops new credit; the debt already owed is still chased."""
        self.insolvent.ar_credit_hold = True
        run = self._run()
        self.assertEqual(
            run.line_ids.move_id, self.healthy_invoice | self.insolvent_invoice
        )
