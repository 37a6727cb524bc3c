from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .portal_common import ArPortalCommon


@tagged("post_install", "-at_install")
class TestPortalAccess(ArPortalCommon):
    """Who opens a statement page, and what it shows."""

    def test_link_opens_the_statement(self):
        page = self.url_open(self._path())
        self.assertEqual(page.status_code, 200)
        for invoice in (self.inv_late, self.inv_late2, self.inv_not_due, self.credit):
            self.assertIn(invoice.name, page.text)
        # overdue: 1,200 + 300; not yet due: 800 - the credit note
        self.assertIn("1,500.00", page.text)
        self.assertIn("650.00", page.text)
        self.assertNotIn(self.other.name, page.text)
        self.assertNotIn(self.other_invoice.name, page.text)
        self.assertIn(f"/ar/statement/{self.customer.id}?token=", self.url)

    def test_portal_user_sees_its_company(self):
        self.authenticate("lefevre_portal", "lefevre_portal")
        page = self.url_open("/my/account-statement")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.inv_late.name, page.text)
        self.assertNotIn(self.other_invoice.name, page.text)
        # its own routes need no token; another customer's page is closed
        self.assertEqual(
            self.url_open(f"/ar/statement/{self.customer.id}").status_code, 200
        )
        self.assertEqual(
            self.url_open(f"/ar/statement/{self.other.id}").status_code, 403
        )

    def test_totals_equal_aged_balance(self):
        """The page's totals are the aged balance's for the same day: not
        yet due is its first bucket, overdue the others."""
        statement = self.env["ar.collection.portal"]._ar_statement(
            self.customer, self.company, self.today
        )
        _buckets, rows = self.env["report.ar_collection.report_aged_balance"]._summary(
            self.company,
            self.today,
            SQL("p.commercial_partner_id = ANY(%s)", self.customer.ids),
        )
        amounts = rows[0]["amounts"]
        self.assertEqual(statement["total_not_due"], amounts[0])
        self.assertEqual(statement["total_overdue"], sum(amounts[1:]))
        self.assertEqual(statement["total_overdue"], 1500.0)
        self.assertEqual(statement["total_not_due"], 650.0)

    def test_other_customer_with_valid_token(self):
        """A valid token opens its own customer only: another customer's
        page or invoice says nothing."""
        page = self.url_open(self._path(partner=self.other))
        self.assertEqual(page.status_code, 403)
        self.assertNotIn(self.other.name, page.text)
        pdf = self.url_open(self._path(f"/invoice/{self.other_invoice.id}/pdf"))
        self.assertEqual(pdf.status_code, 404)
        self.assertNotIn(self.other.name, pdf.text)
        self.assertNotIn(self.other_invoice.name, pdf.text)

    def test_other_customer_dispute_with_valid_token(self):
        csrf = self._csrf()
        with mute_logger("odoo.http"):
            response = self.url_open(
                self._path("/dispute"),
                data={
                    "csrf_token": csrf,
                    "move_id": self.other_invoice.id,
                    "reason_code": "admin_amount",
                    "message": "Not ours",
                },
            )
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.other.name, response.text)
        self.assertFalse(
            self.env["ar.collection.dispute"].search(
                [("move_ids", "in", self.other_invoice.ids)]
            )
        )

    def test_expired_token(self):
        self.customer.ar_portal_token_expiry = self.today - timedelta(days=1)
        page = self.url_open(self._path())
        self.assertEqual(page.status_code, 403)
        self.assertNotIn(self.inv_late.name, page.text)
        # the next reminder carries a new link, valid for the company's lifetime
        url = self.customer._ar_portal_url()
        self.assertNotIn(self.token, url)
        self.assertEqual(
            self.customer.ar_portal_token_expiry,
            self.today + timedelta(days=self.company.ar_portal_link_days),
        )

    def test_revoked_token(self):
        self.customer.with_context(lang="en_US").action_ar_portal_revoke()
        page = self.url_open(self._path())
        self.assertEqual(page.status_code, 403)
        self.assertNotIn(self.inv_late.name, page.text)
        self.assertFalse(self.customer.ar_portal_url)
        self.assertIn("Portal link revoked.", self.customer.message_ids[0].body)

    def test_generate_replaces_the_link(self):
        self.customer.action_ar_portal_generate()
        self.assertEqual(self.url_open(self._path()).status_code, 403)
        self.assertEqual(
            self.url_open(self._path(token=self.customer.ar_portal_token)).status_code,
            200,
        )

    def test_wrong_or_missing_token(self):
        self.assertEqual(self.url_open(self._path(token="x" * 43)).status_code, 403)
        self.assertEqual(
            self.url_open(f"/ar/statement/{self.customer.id}").status_code, 403
        )

    def test_forged_post_without_csrf(self):
        """A form posted from elsewhere (no CSRF token of the session) is
        refused and records nothing."""
        with mute_logger("odoo.http"):
            response = self.url_open(
                self._path("/promise"),
                data={
                    "date_promised": str(self.today + timedelta(days=5)),
                    "payment_means": "transfer",
                },
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.customer.ar_promise_ids)

    def test_pdfs(self):
        statement = self.url_open(self._path("/pdf"))
        self.assertEqual(statement.status_code, 200)
        self.assertIn(self.inv_late.name, statement.text)
        invoice = self.url_open(self._path(f"/invoice/{self.inv_late.id}/pdf"))
        self.assertEqual(invoice.status_code, 200)
        self.assertIn(self.inv_late.name, invoice.text)

    def test_portal_record_rules(self):
        """A portal user reads its company's promises and disputes only, and
        never the collector's notes."""
        Promise = self.env["ar.collection.promise"]
        mine = Promise.create(
            {
                "partner_id": self.customer.id,
                "amount": 100.0,
                "date_promised": self.today + timedelta(days=3),
                "note": "Internal: the owner is ill",
            }
        )
        Promise.create(
            {
                "partner_id": self.other.id,
                "amount": 200.0,
                "date_promised": self.today + timedelta(days=3),
            }
        )
        Dispute = self.env["ar.collection.dispute"]
        my_dispute = Dispute.create(
            {"name": "Mine", "partner_id": self.customer.id, "reason_code": "other"}
        )
        Dispute.create(
            {"name": "Theirs", "partner_id": self.other.id, "reason_code": "other"}
        )
        as_portal = self.portal_user
        self.assertEqual(Promise.with_user(as_portal).search([]), mine)
        self.assertEqual(Dispute.with_user(as_portal).search([]), my_dispute)
        with self.assertRaises(AccessError):
            mine.with_user(as_portal).read(["note"])
        with self.assertRaises(AccessError):
            mine.with_user(as_portal).write({"amount": 1.0})
        self.assertEqual(mine.with_user(as_portal).amount, 100.0)
