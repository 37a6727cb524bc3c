from freezegun import freeze_time

from odoo.tests import tagged

from .common import ArRiskCommon


@tagged("post_install", "-at_install")
class TestExposure(ArRiskCommon):
    def _exposure(self, partner=None, company=None):
        partner = partner or self.customer
        company = company or self.company
        return (
            self.env["res.partner"]
            ._ar_exposure_by_partner([partner.id], company)
            .get(partner.id, 0.0)
        )

    def test_posted_partial_draft_and_credit_notes(self):
        self.customer.company_id = False
        self.company.ar_credit_policy = "none"
        invoice = self._invoice(1000.0)
        self._pay(invoice, 400.0)
        self._invoice(250.0, post=False)  # draft invoice counts
        self._invoice(
            100.0, move_type="out_refund", post=False
        )  # draft credit note reduces
        self._invoice(50.0, move_type="out_refund")  # posted, unreconciled
        # invoices addressed to a contact count for the commercial entity
        self._invoice(30.0, partner=self.contact)
        expected = 600.0 + 250.0 - 100.0 - 50.0 + 30.0
        self.assertAlmostEqual(self._exposure(), expected)
        self.assertRecordValues(
            self.customer,
            [
                {
                    "ar_exposure": expected,
                    "ar_available_credit": 10000.0 - expected,
                    "ar_over_limit": False,
                }
            ],
        )

    def test_foreign_currency_in_company_currency(self):
        self.company.ar_credit_policy = "none"
        usd = self.setup_other_currency("USD", rates=[("2026-01-01", 2.0)])
        self._invoice(1000.0, currency_id=usd.id)  # 1000 USD at 2 USD/EUR
        self.assertAlmostEqual(self._exposure(), 500.0)

    def test_two_companies_are_separate(self):
        self.company.ar_credit_policy = "none"
        other = self.setup_other_company(name="Filiale Sud")["company"]
        self._invoice(700.0)
        self._invoice(90.0, company=other)
        self.assertAlmostEqual(self._exposure(), 700.0)
        self.assertAlmostEqual(self._exposure(company=other), 90.0)
        self.assertAlmostEqual(self.customer.with_company(other).ar_exposure, 90.0)

    def test_guarantee_cover_and_over_limit_filter(self):
        self.company.ar_credit_policy = "none"
        self._invoice(12000.0)
        self.assertTrue(self.customer.ar_over_limit)
        over = self.env["res.partner"].search([("ar_over_limit", "=", True)])
        self.assertIn(self.customer, over)
        guarantee = self.env["ar.risk.guarantee"].create(
            {
                "name": "GAPD-1",
                "guarantee_type": "bank_guarantee",
                "partner_id": self.customer.id,
                "amount": 5000.0,
                "date_start": "2026-01-01",
                "date_end": "2027-12-31",
            }
        )
        self.customer.invalidate_recordset()
        self.assertTrue(self.customer.ar_over_limit, "a draft guarantee covers nothing")
        guarantee.action_activate()
        self.customer.invalidate_recordset()
        self.assertAlmostEqual(self.customer.ar_guarantee_cover, 5000.0)
        self.assertAlmostEqual(self.customer.ar_available_credit, 3000.0)
        self.assertFalse(self.customer.ar_over_limit)
        self.assertNotIn(
            self.customer,
            self.env["res.partner"].search([("ar_over_limit", "=", True)]),
        )

    @freeze_time("2026-11-15")
    def test_components_and_their_records(self):
        self.company.ar_credit_policy = "none"
        overdue = self._invoice(1000.0, invoice_date_due="2026-10-31")
        self._pay(overdue, 400.0)
        not_due = self._invoice(300.0, invoice_date_due="2026-12-31")
        draft = self._invoice(250.0, post=False)
        self._invoice(100.0, move_type="out_refund", post=False)
        credit = self._invoice(50.0, move_type="out_refund")
        self.assertRecordValues(
            self.customer,
            [
                {
                    "ar_exposure_overdue": 600.0,
                    "ar_exposure_not_due": 300.0,
                    "ar_exposure_draft": 150.0,
                    "ar_exposure_unapplied": -50.0,
                    "ar_exposure": 1000.0,
                }
            ],
        )
        expected = {
            "overdue": overdue.line_ids,
            "not_due": not_due.line_ids,
            "unapplied": credit.line_ids,
        }
        for component, lines in expected.items():
            action = self.customer.with_context(
                ar_exposure_component=component
            ).action_ar_exposure_component()
            self.assertEqual(action["res_model"], "account.move.line")
            found = self.env["account.move.line"].search(action["domain"])
            receivable = lines.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            )
            self.assertEqual(found, receivable, component)
        action = self.contact.with_context(
            ar_exposure_component="draft"
        ).action_ar_exposure_component()
        drafts = self.env["account.move"].search(action["domain"])
        self.assertIn(draft, drafts)
        self.assertEqual(len(drafts), 2)

    def test_no_limit_is_not_over_limit(self):
        """A customer without a limit is never flagged, whatever its exposure;
        its available credit is hidden behind «No limit»."""
        self.company.ar_credit_policy = "block"
        free = self.env["res.partner"].create({"name": "Sans Limite SA"})
        self._invoice(50000.0, partner=free)
        self.assertRecordValues(
            free, [{"ar_exposure": 50000.0, "ar_over_limit": False}]
        )
        self.assertNotIn(
            free, self.env["res.partner"].search([("ar_over_limit", "=", True)])
        )
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn("No limit", arch)
