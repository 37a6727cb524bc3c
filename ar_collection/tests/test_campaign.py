"""The yearly preventive campaign: launched once on its day, the customers
most at stake first; what its calls record; its dashboard."""

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from ..models.ar_collection_campaign_run import stake_order
from ..models.res_company_campaign import campaign_dates
from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestCampaign(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"ar_campaign_scheduled": True, "ar_tz": "Europe/Paris"})
        cls.big, cls.mid = (
            cls.customer.copy({"name": name, "ar_collector_id": cls.collector.id})
            for name in ("Scierie Vercors", "Charpentes Alpes")
        )
        cls._invoice(300.0, "2026-08-05", date="2026-06-05")
        cls._invoice(5000.0, "2026-08-31", partner=cls.big, date="2026-06-30")
        cls._invoice(1200.0, "2026-08-14", partner=cls.mid, date="2026-06-14")
        cls._invoice(9999.0, "2026-09-01", partner=cls.big, date="2026-07-01")
        cls.Run = cls.env["ar.collection.campaign.run"]

    def _launch(self, when):
        with freeze_time(when):
            self.Run._cron_launch()
        return self.Run.search([("company_id", "=", self.company.id)])

    def test_pure_helpers(self):
        self.assertEqual(
            campaign_dates(2026, 7, 1, 8, 1),
            tuple(map(fields.Date.to_date, ("2026-07-01", "2026-08-01", "2026-08-31"))),
        )
        # a target month before the launch month is next year's
        self.assertEqual(
            campaign_dates(2026, 12, 1, 1, 2)[1:],
            tuple(map(fields.Date.to_date, ("2027-01-01", "2027-02-28"))),
        )
        self.assertEqual(
            stake_order({"a": 300.0, "b": 5000.0, "c": 1200.0}),
            [("b", 5000.0, True), ("c", 1200.0, True), ("a", 300.0, False)],
        )

    def test_yearly_campaign_once_by_stake(self):
        # 30 June 23:30 in Paris is still June: nothing yet
        self.assertFalse(self._launch("2026-06-30 21:30:00"))
        run = self._launch("2026-06-30 22:30:00")  # 1 July 00:30 in Paris
        self.assertRecordValues(
            run,
            [
                {
                    "year": 2026,
                    "date_planned": fields.Date.to_date("2026-07-01"),
                    "date_from": fields.Date.to_date("2026-08-01"),
                    "date_to": fields.Date.to_date("2026-08-31"),
                    "amount_due": 6500.0,
                }
            ],
        )
        calls = self.env["ar.collection.action"].search([("campaign_id", "=", run.id)])
        self.assertRecordValues(
            calls,
            [
                {"partner_id": self.big.id, "priority": "1", "amount_residual": 5000.0},
                {"partner_id": self.mid.id, "priority": "1", "amount_residual": 1200.0},
                {
                    "partner_id": self.customer.id,
                    "priority": "0",
                    "amount_residual": 300.0,
                },
            ],
        )
        self.assertEqual(set(calls.mapped("user_id")), {self.collector})
        self.assertEqual(set(calls.mapped("origin")), {"campaign"})
        # the next days and a re-run the same day create nothing twice
        self.assertEqual(self._launch("2026-07-01 10:00:00"), run)
        self.assertEqual(self._launch("2026-07-15 10:00:00"), run)
        self.assertEqual(
            self.env["ar.collection.action"].search_count(
                [("origin", "=", "campaign")]
            ),
            3,
        )

    def test_no_late_campaign_after_the_period(self):
        self.assertFalse(self._launch("2026-09-01 10:00:00"))

    def test_not_scheduled_no_campaign(self):
        self.company.ar_campaign_scheduled = False
        self.assertFalse(self._launch("2026-07-01 10:00:00"))

    def test_dashboard_from_calls(self):
        run = self._launch("2026-07-01 10:00:00")
        calls = {c.partner_id: c for c in run.action_ids}
        with freeze_time("2026-07-02"):
            self._log(calls[self.big], 5000.0, "lcr", closed=True)
            self._log(calls[self.mid], 1200.0, "transfer")
            # the third: a discount offered from the call, then taken
            result = self._log(calls[self.customer], offer=True)
            offer = (
                self.env[result["res_model"]]
                .with_context(**result["context"])
                .create({"date_deadline": "2026-07-31"})
            )
        self.assertRecordValues(
            offer,
            [
                {
                    "partner_id": self.customer.id,
                    "campaign_id": run.id,
                    "move_ids": calls[self.customer].move_ids.ids,
                    "rate": 2.0,
                }
            ],
        )
        bank = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1
        )
        offer._ar_take(fields.Date.to_date("2026-07-10"), bank)
        # the bill the big customer confirmed, recorded from its promise; the
        # promise alone (means LCR) is no bill received
        promise = self.env["ar.collection.promise"].search(
            [("action_id", "=", calls[self.big].id)]
        )
        self.assertEqual(run.bill_count, 0)
        with freeze_time("2026-07-03"):
            dialog = promise.action_ar_record_bill()
            self.env[dialog["res_model"]].with_context(**dialog["context"]).create(
                {}
            ).action_confirm()
        run.invalidate_recordset(["bill_count"])
        self.assertRecordValues(
            calls[self.big], [{"ar_closed_in_period": True, "ar_bill_requested": True}]
        )
        self.assertRecordValues(
            run,
            [
                {
                    "customer_count": 3,
                    "called_count": 3,
                    "to_call_count": 0,
                    "amount_due": 6500.0,
                    "amount_confirmed": 6200.0,
                    "bill_count": 1,
                    "offer_taken_count": 1,
                    "amount_discount": 6.0,
                }
            ],
        )
        self.assertEqual(run.confirmed_rate, 95.4)  # 6,200 / 6,500

    def _log(self, call, amount=0.0, means=None, closed=False, offer=False):
        vals = {
            "action_id": call.id,
            "outcome": "promise" if amount else "reached",
            "closed_in_period": closed,
            "bill_requested": closed,
            "offer_discount": offer,
        }
        if amount:
            vals.update(
                promise_amount=amount, promise_date="2026-08-20", promise_means=means
            )
        wizard = (
            self.env["ar.collection.log.call"]
            .with_context(default_action_id=call.id)
            .create(vals)
        )
        return wizard.action_confirm()
