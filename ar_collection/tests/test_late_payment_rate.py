from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.ar_collection.models.amount_words import amount_in_words
from odoo.addons.ar_collection.models.late_charges import (
    MissingRateError,
    RateBelowFloorError,
    interest_periods,
    late_interest,
    penalty_rate,
)

# (ECB rate, legal interest rate) by half-year, as shipped
TABLE = {
    date(2025, 1, 1): (3.15, 3.71),
    date(2025, 7, 1): (2.15, 2.76),
    date(2026, 1, 1): (2.15, 2.62),
}


def rate_of(kind, contract=0.0, fixed_from=None):
    def rate(day):
        start = date(day.year, 1 if day.month <= 6 else 7, 1)
        if kind == "public" and fixed_from:
            start = date(fixed_from.year, 1 if fixed_from.month <= 6 else 7, 1)
        if start not in TABLE:
            raise MissingRateError(start)
        return penalty_rate(kind, *TABLE[start], contract)

    return rate


@tagged("post_install", "-at_install")
class TestLateCharges(TransactionCase):
    """The pure computation, on a table of hand-computed cases."""

    def test_interest_table(self):
        d = date
        cases = [
            # business, 1,000 unpaid from 1 Jun to 14 Aug 2025: 30 days at
            # 13.15 % (H1) = 10.81, 45 days at 12.15 % (H2) = 14.98
            ("business", d(2025, 5, 31), 1000.0, [], d(2025, 8, 14), 25.79),
            # 2,000 due 31 Mar, 1,200 paid on 30 Apr: 30 days on 2,000 (21.62)
            # then 30 days on 800 (8.65), both at 13.15 %
            (
                "business",
                d(2025, 3, 31),
                2000.0,
                [(d(2025, 4, 30), 1200.0)],
                d(2025, 5, 30),
                30.27,
            ),
            # paid in full 10 days late: interest for those 10 days only
            (
                "business",
                d(2025, 3, 31),
                1000.0,
                [(d(2025, 4, 10), 1000.0)],
                d(2025, 5, 30),
                3.60,
            ),
            # public buyer: ECB + 8 of the half-year the delay started in
            # (11.15 %), kept over 75 days across 1 July
            ("public", d(2025, 5, 31), 1000.0, [], d(2025, 8, 14), 22.91),
            # not yet late
            ("business", d(2025, 5, 31), 1000.0, [], d(2025, 5, 31), 0.0),
        ]
        for kind, due, amount, payments, as_of, expected in cases:
            with self.subTest(kind=kind, due=due, payments=payments):
                interest = late_interest(
                    due, amount, payments, as_of, rate_of(kind, fixed_from=due)
                )
                self.assertEqual(interest, expected)

    def test_periods_split_at_half_year(self):
        periods = interest_periods(
            date(2025, 5, 31), 1000.0, [], date(2025, 8, 14), rate_of("business")
        )
        self.assertEqual(
            [(p["date_from"], p["days"], p["rate"], p["interest"]) for p in periods],
            [
                (date(2025, 6, 1), 30, 13.15, 10.81),
                (date(2025, 7, 1), 45, 12.15, 14.98),
            ],
        )

    def test_consumer_and_contract_rates(self):
        self.assertIsNone(penalty_rate("consumer", 2.15, 2.62))
        self.assertEqual(penalty_rate("business", 2.15, 2.62, 9.0), 9.0)
        # 3 x 2.62 = 7.86: a contractual 7.50 % is refused
        with self.assertRaises(RateBelowFloorError) as caught:
            penalty_rate("business", 2.15, 2.62, 7.5)
        self.assertEqual(caught.exception.floor, 7.86)

    def test_missing_half_year(self):
        with self.assertRaises(MissingRateError) as caught:
            late_interest(
                date(2026, 5, 31), 100.0, [], date(2026, 7, 2), rate_of("business")
            )
        self.assertEqual(caught.exception.period_start, date(2026, 7, 1))

    def test_amount_in_words(self):
        cases = [
            (
                1054.52,
                "fr_FR",
                "mille cinquante-quatre euros et cinquante-deux centimes",
            ),
            (1054.52, "en_US", "one thousand and fifty-four euro, fifty-two cents"),
            (1000, "fr_FR", "mille euros"),
            (2000000.0, "fr_FR", "deux millions d'euros"),
            (80.01, "fr_FR", "quatre-vingts euros et un centime"),
        ]
        for amount, lang, words in cases:
            with self.subTest(amount=amount, lang=lang):
                self.assertEqual(amount_in_words(amount, lang), words)


@tagged("post_install", "-at_install")
class TestLatePaymentRateTable(TransactionCase):
    def setUp(self):
        super().setUp()
        self.Rate = self.env["ar.late.payment.rate"].with_context(lang="en_US")

    def test_shipped_rows(self):
        row = self.env.ref("ar_collection.ar_late_payment_rate_2025_h2")
        self.assertRecordValues(
            row,
            [
                {
                    "name": "H2 2025",
                    "date_to": date(2025, 12, 31),
                    "b2b_rate": 12.15,
                    "public_rate": 10.15,
                    "floor_rate": 8.28,
                }
            ],
        )

    def test_bad_rows_refused(self):
        count = self.Rate.search_count([])
        bad = [
            ({"date_from": "2025-07-01"}, "The rates of H2 2025 are already recorded"),
            (
                {"date_from": "2027-01-01", "ecb_rate": -0.5},
                "The rates of H1 2027 cannot be negative",
            ),
            ({"date_from": "2027-03-01"}, "starts on 1 January or 1 July"),
        ]
        for vals, message in bad:
            with self.subTest(vals=vals), self.assertRaises(ValidationError) as error:
                self.Rate.create({"ecb_rate": 2.0, "legal_rate": 2.0, **vals})
            self.assertIn(message, str(error.exception))
        self.assertEqual(self.Rate.search_count([]), count)
