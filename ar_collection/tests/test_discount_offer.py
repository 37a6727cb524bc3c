"""Early-payment discount offers on the French chart: the credit note that
corrects the VAT (CGI art. 272-1), the payment of the rest, the deadline."""

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.ar_collection_discount_offer import days_saved, discount_bases
from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestDiscountOffer(ArCollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        chart = cls.env["account.chart.template"].with_company(cls.company)
        cls.tax_20 = chart.ref("tva_normale")
        cls.tax_10 = chart.ref("tva_intermediaire")
        cls.bank = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )

    def _offer(self, invoices, rate=2.0, deadline="2026-07-31"):
        return self.env["ar.collection.discount.offer"].create(
            {
                "partner_id": self.customer.id,
                "move_ids": [Command.set(invoices.ids)],
                "rate": rate,
                "date_offered": "2026-07-03",
                "date_deadline": deadline,
            }
        )

    def _take(self, offer, date):
        return (
            self.env["ar.collection.discount.payment"]
            .with_context(lang="en_US")
            .create(
                {
                    "offer_id": offer.id,
                    "payment_date": date,
                    "journal_id": self.bank.id,
                }
            )
            .action_confirm()
        )

    def _send(self, offer):
        """Send the offer's email as the user does: its composer as opened."""
        action = offer.with_context(lang="en_US").action_send()
        self.env[action["res_model"]].with_context(**action["context"]).create(
            {}
        )._action_send_mail()
        message = offer.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(message), 1)
        return message

    @staticmethod
    def _items(moves):
        """(account code, debit, credit) of the journal items, sorted."""
        return sorted(
            (line.account_id.code, line.debit, line.credit) for line in moves.line_ids
        )

    def test_pure_helpers(self):
        self.assertEqual(
            discount_bases([("a", 500.0), ("b", 300.0), ("a", 100.0)], 2.0),
            {"a": 12.0, "b": 6.0},
        )
        self.assertEqual(discount_bases([("a", 1000.0)], 2.0, ratio=0.5), {"a": 10.0})
        self.assertEqual(days_saved([(1200.0, 42), (600.0, 21)]), 35.0)
        self.assertEqual(days_saved([]), 0.0)

    def test_taken_before_deadline_corrects_vat(self):
        """1,000 HT + 200 VAT, 2 %: credit note 20.00 HT + 4.00 VAT, payment
        1,176.00, everything reconciled."""
        invoice = self._invoice(
            1000.0, due="2026-08-31", date="2026-06-15", taxes=self.tax_20
        )
        offer = self._offer(invoice)
        self.assertAlmostEqual(offer.amount_discount, 24.0)
        self._take(offer, "2026-07-20")
        refund = offer.refund_ids
        self.assertEqual(len(refund), 1)
        self.assertRecordValues(
            refund,
            [
                {
                    "move_type": "out_refund",
                    "state": "posted",
                    "amount_untaxed": 20.0,
                    "amount_tax": 4.0,
                    "amount_total": 24.0,
                    "invoice_date": fields.Date.to_date("2026-07-20"),
                }
            ],
        )
        self.assertEqual(
            self._items(refund),
            [
                ("411100", 0.0, 24.0),
                ("445710", 4.0, 0.0),
                ("665000", 20.0, 0.0),
            ],
        )
        payment = offer.payment_id
        self.assertRecordValues(
            payment,
            [{"amount": 1176.0, "date": fields.Date.to_date("2026-07-20")}],
        )
        # the bank journal's outstanding receipts account (the test fixture's)
        self.assertEqual(
            self._items(payment.move_id),
            [("411100", 0.0, 1176.0), ("OSTR00", 1176.0, 0.0)],
        )
        self.assertRecordValues(invoice, [{"amount_residual": 0.0}])
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(refund, [{"amount_residual": 0.0}])
        self.assertRecordValues(
            offer,
            [
                {
                    "state": "taken",
                    "amount_discount_taken": 24.0,
                    "date_paid": fields.Date.to_date("2026-07-20"),
                    "days_saved": 42.0,
                }
            ],
        )
        # in the agenda: a note done
        note = self.env["ar.collection.action"].search(
            [("origin", "=", "discount"), ("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(note, [{"action_type": "note", "state": "done"}])

    def test_two_rates_two_invoices(self):
        """VAT corrected per rate, to the cent, and days saved weighted."""
        first = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": "2026-06-15",
                "invoice_date_due": "2026-08-31",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Fournitures",
                            "quantity": 1,
                            "price_unit": 500.0,
                            "tax_ids": [Command.set(self.tax_20.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Travaux",
                            "quantity": 1,
                            "price_unit": 333.33,
                            "tax_ids": [Command.set(self.tax_10.ids)],
                        }
                    ),
                ],
            }
        )
        first.action_post()
        second = self._invoice(
            500.0, due="2026-08-10", date="2026-06-20", taxes=self.tax_20
        )
        # 500 + 100 VAT + 333.33 + 33.33 VAT = 966.66; 600.00
        offer = self._offer(first | second, rate=3.0)
        self._take(offer, "2026-07-20")
        by_invoice = {r.invoice_origin: r for r in offer.refund_ids}
        # 3 % of 500.00 = 15.00 (VAT 3.00); of 333.33 = 10.00 (VAT 1.00)
        self.assertEqual(
            self._items(by_invoice[first.name]),
            [
                ("411100", 0.0, 29.0),
                ("445710", 1.0, 0.0),
                ("445710", 3.0, 0.0),
                ("665000", 10.0, 0.0),
                ("665000", 15.0, 0.0),
            ],
        )
        self.assertEqual(
            self._items(by_invoice[second.name]),
            [("411100", 0.0, 18.0), ("445710", 3.0, 0.0), ("665000", 15.0, 0.0)],
        )
        self.assertAlmostEqual(offer.payment_id.amount, 966.66 + 600.0 - 29.0 - 18.0)
        self.assertRecordValues(
            first | second, [{"amount_residual": 0.0}, {"amount_residual": 0.0}]
        )
        # (966.66 × 42 + 600 × 21) / 1,566.66 = 33.96
        self.assertEqual(offer.days_saved, 34.0)
        self.assertAlmostEqual(offer.amount_discount_taken, 47.0)
        figures, _lines = self.env[
            "report.ar_collection.report_collection_kpi"
        ]._indicators(self.company, fields.Date.to_date("2026-07-31"), 3)
        self.assertAlmostEqual(figures["discount_cost"], 47.0)
        self.assertEqual(figures["discount_days_saved"], 34.0)

    def test_paid_after_deadline_refused(self):
        invoice = self._invoice(
            1000.0, due="2026-08-31", date="2026-06-15", taxes=self.tax_20
        )
        offer = self._offer(invoice)
        with self.assertRaisesRegex(UserError, "after the deadline of 07/31/2026"):
            self._take(offer, "2026-08-03")
        self.assertRecordValues(offer, [{"state": "offered"}])
        self.assertFalse(offer.refund_ids)
        self.assertRecordValues(invoice, [{"amount_residual": 1200.0}])

    def test_expired_offer_calls_the_customer(self):
        invoice = self._invoice(
            1000.0, due="2026-08-31", date="2026-06-15", taxes=self.tax_20
        )
        offer = self._offer(invoice)
        model = self.env["ar.collection.discount.offer"]
        model._cron_expire(today=fields.Date.to_date("2026-07-31"))
        self.assertEqual(offer.state, "offered")
        model._cron_expire(today=fields.Date.to_date("2026-08-01"))
        self.assertEqual(offer.state, "expired")
        call = self.env["ar.collection.action"].search(
            [("origin", "=", "discount"), ("partner_id", "=", self.customer.id)]
        )
        self.assertRecordValues(
            call,
            [
                {
                    "action_type": "call",
                    "state": "planned",
                    "user_id": self.collector.id,
                    "date_planned": fields.Date.to_date("2026-08-01"),
                }
            ],
        )

    def test_offer_email(self):
        invoice = self._invoice(
            1000.0, due="2026-08-31", date="2026-06-15", taxes=self.tax_20
        )
        with freeze_time("2026-07-03"):
            offer = self._offer(invoice)
            message = self._send(offer)
        self.assertIn("<strong>24.00&nbsp;€</strong> (2.00&nbsp;%)", message.body)
        self.assertIn("<strong>1,176.00&nbsp;€</strong> instead of", message.body)
        self.assertIn("07/31/2026", message.body)
        self.assertIn(self.customer, message.partner_ids)

    def test_in_french(self):
        """The offer's email in the customer's French; the refusal in the
        user's."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.lang = "fr_FR"
        invoice = self._invoice(
            1000.0, due="2026-08-31", date="2026-06-15", taxes=self.tax_20
        )
        offer = self._offer(invoice)
        body = self._send(offer).body
        self.assertIn("Comme convenu", body)
        self.assertIn("<strong>24,00&nbsp;€</strong> (2,00&nbsp;%)", body)
        self.assertIn("réglées au plus tard le <strong>31/07/2026</strong>", body)
        wizard = (
            self.env["ar.collection.discount.payment"]
            .with_context(lang="fr_FR")
            .create({"offer_id": offer.id, "payment_date": "2026-08-03"})
        )
        with self.assertRaisesRegex(UserError, "après l'échéance du 31/07/2026"):
            wizard.action_confirm()
