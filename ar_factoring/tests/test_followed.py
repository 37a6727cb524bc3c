from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from .common import ArFactoringCommon


@tagged("post_install", "-at_install")
class TestFactoredFollowed(ArFactoringCommon):
    """Three invoices assigned, one partly paid before: they stay open on the
    customer until the factor's statement reports its payments; definancing
    takes back only what was assigned and leaves the payment reconciled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract.write({"financing_rate": 3.6})
        cls.contract.approval_ids.amount = 2500.0
        due = {"invoice_date_due": "2026-10-31"}
        cls.first = cls._invoice(1200.0, **due)
        cls.second = cls._invoice(800.0, **due)
        cls.third = cls._invoice(1000.0, **due)
        cls.payment = cls._pay(cls.third, 300.0, date="2026-10-03")
        cls.batch = cls._batch(cls.first | cls.second | cls.third, date="2026-10-05")

    def assertBalanced(self, entries):
        for entry in entries:
            self.assertEqual(entry.state, "posted")
            self.assertAlmostEqual(
                sum(entry.line_ids.mapped("debit")),
                sum(entry.line_ids.mapped("credit")),
                msg=entry.display_name,
            )

    def test_assignment_keeps_invoices_open(self):
        # financing: (2,700 - 270) x 3.6 % x 26 days / 360 = 6.318
        self.assertRecordValues(
            self.batch,
            [
                {
                    "amount_total": 2700.0,
                    "amount_reserve": 270.0,
                    "amount_fees": 13.5,
                    "amount_fee_tax": 2.7,
                    "financing_days": 26,
                    "amount_financing": 6.32,
                    "amount_advance": 2407.48,
                }
            ],
        )
        self.assertEqual(
            self._journal_items(self.batch.move_id),
            sorted(
                [
                    ("467900", 0.0, 1200.0),
                    ("467900", 0.0, 800.0),
                    ("467900", 0.0, 700.0),
                    ("467810", 2700.0, 0.0),
                    ("467820", 270.0, 0.0),
                    ("467810", 0.0, 270.0),
                    ("622810", 13.5, 0.0),
                    ("467810", 0.0, 13.5),
                    ("445669", 2.7, 0.0),
                    ("467810", 0.0, 2.7),
                    ("661600", 6.32, 0.0),
                    ("467810", 0.0, 6.32),
                ]
            ),
        )
        self.assertBalanced(self.batch.move_id)
        self.assertRecordValues(
            self.first | self.second | self.third,
            [
                {
                    "ar_factor_state": "assigned",
                    "payment_state": "not_paid",
                    "amount_residual": 1200.0,
                },
                {
                    "ar_factor_state": "assigned",
                    "payment_state": "not_paid",
                    "amount_residual": 800.0,
                },
                {
                    "ar_factor_state": "assigned",
                    "payment_state": "partial",
                    "amount_residual": 700.0,
                },
            ],
        )
        # the aged balance shows them, filtered as factored
        wizard = self.env["ar.aged.balance"].create(
            {"date_at": "2026-11-23", "company_id": self.company.id}
        )
        engine = self.env["report.ar_collection.report_aged_balance"]
        totals = {}
        for factored in (False, "factored", "not_factored"):
            wizard.factored = factored
            _buckets, rows = engine._summary(
                self.company, wizard.date_at, wizard._get_where_sql()
            )
            totals[factored] = sum(row["total"] for row in rows)
        self.assertEqual(
            totals, {False: 2700.0, "factored": 2700.0, "not_factored": 0.0}
        )
        # exposure: with recourse the company bears all of it
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner._ar_exposure_by_partner(self.customer.ids, self.company),
            {self.customer.id: 2700.0},
        )
        # without recourse, the factor bears the approved 2,500
        self.contract.with_recourse = False
        self.assertEqual(
            Partner._ar_exposure_by_partner(self.customer.ids, self.company),
            {self.customer.id: 200.0},
        )

    def test_statement_closes_and_definancing_keeps_payment(self):
        statement = self._statement(
            [
                ("ENC", self.first.name, 1200.0, "2026-11-02"),
                ("ENC", self.second.name, 800.0, "2026-11-04"),
                ("FIN", self.batch.name, 7.0, "2026-11-04"),
            ]
        )
        self.assertRecordValues(
            self.first | self.second,
            [
                {"ar_factor_state": "collected", "payment_state": "paid"},
                {"ar_factor_state": "collected", "payment_state": "paid"},
            ],
        )
        collections = statement.line_ids.entry_id
        self.assertEqual(
            [self._journal_items(entry) for entry in collections],
            [
                sorted([("467900", 1200.0, 0.0), (self.receivable_code, 0.0, 1200.0)]),
                sorted([("467900", 800.0, 0.0), (self.receivable_code, 0.0, 800.0)]),
            ],
        )
        self.assertEqual(
            collections.mapped("date"),
            [fields.Date.to_date("2026-11-02"), fields.Date.to_date("2026-11-04")],
        )
        # the financing accrued (6.32) adjusted to what the factor charged (7.00)
        self.assertEqual(
            self._journal_items(statement.move_id),
            sorted([("661600", 0.68, 0.0), ("467810", 0.0, 0.68)]),
        )
        self.assertEqual(
            self.batch.financing_statement_line_id,
            statement.line_ids.filtered(lambda line: line.kind == "financing"),
        )
        # grading reads the day the customer paid the factor: 2 and 4 days late
        avg_late, _ratio = self.customer._ar_payment_behaviour(
            self.company, fields.Date.to_date("2026-11-23")
        )[self.customer.id]
        self.assertAlmostEqual(avg_late, (2 * 1200 + 4 * 800) / 2000)

        with freeze_time("2026-11-23"):
            self.env["ar.factor.definance"].create(
                {"move_ids": self.third.ids, "reason": "Paid late"}
            ).action_confirm()
            # the dashboard sums what was taken back (700), not the invoice (1,000);
            # the 300 paid before the assignment is not owed to the factor
            self.contract.invalidate_recordset()
            self.assertRecordValues(
                self.contract,
                [
                    {
                        "amount_definanced_month": 700.0,
                        "amount_to_pass_on": 0.0,
                        "amount_assigned": 0.0,
                    }
                ],
            )
        definancing = self.third.ar_factor_definance_move_id
        self.assertEqual(
            self._journal_items(definancing),
            sorted([("467900", 700.0, 0.0), ("467810", 0.0, 700.0)]),
        )
        self.assertRecordValues(
            self.third,
            [
                {
                    "ar_factor_state": "definanced",
                    "payment_state": "partial",
                    "amount_residual": 700.0,
                }
            ],
        )
        receivable = self.third.line_ids.filtered(
            lambda aml: aml.account_id.account_type == "asset_receivable"
        )
        # the payment received before the assignment is still reconciled
        self.assertRecordValues(receivable.matched_credit_ids, [{"amount": 300.0}])
        self.assertEqual(
            receivable.matched_credit_ids.credit_move_id.move_id, self.payment.move_id
        )
        self.assertTrue(
            self.env["ar.collection.action"].search(
                [("move_ids", "in", self.third.ids), ("origin", "=", "factoring")]
            )
        )
        # every item assigned is settled, by a collection or the return
        self.assertEqual(
            self.batch.line_ids.assignment_line_ids.mapped("reconciled"),
            [True, True, True],
        )
        entries = (
            self.first
            | self.second
            | self.third
            | self.payment.move_id
            | self.batch.move_id
            | collections
            | statement.move_id
            | definancing
        )
        self.assertBalanced(entries)
        # the whole scenario, account by account (debit - credit), by hand:
        # 411: 3,000 invoiced - 300 paid - 1,200 - 800 collected by the factor
        # 467810: 2,700 assigned - 270 reserve - 13.50 fees - 2.70 VAT
        #         - 6.32 financing accrued - 0.68 adjusted - 700 definanced
        income = self.first.invoice_line_ids.account_id.code
        bank = (
            self.payment.move_id.line_ids - receivable.matched_credit_ids.credit_move_id
        ).account_id.code
        balances = {}
        for line in entries.line_ids:
            code = line.account_id.code
            balances[code] = round(balances.get(code, 0.0) + line.balance, 2)
        self.assertEqual(
            balances,
            {
                self.receivable_code: 700.0,
                income: -3000.0,
                bank: 300.0,
                "467900": 0.0,
                "467810": 1706.8,
                "467820": 270.0,
                "622810": 13.5,
                "445669": 2.7,
                "661600": 7.0,
            },
        )
