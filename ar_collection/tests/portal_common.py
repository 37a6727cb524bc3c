import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user

from .common import ArCollectionCommon


class ArPortalCommon(ArCollectionCommon, HttpCase):
    """Two customers with open invoices dated from the real today (the test
    server runs on it), the first one's personal link, and a portal user of
    the first one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.customer)
        day = cls.today
        cls.inv_late = cls._invoice(
            1200.0, due=day - timedelta(days=30), date=day - timedelta(days=60)
        )
        cls.inv_late2 = cls._invoice(
            300.0, due=day - timedelta(days=10), date=day - timedelta(days=40)
        )
        cls.inv_not_due = cls._invoice(800.0, due=day + timedelta(days=20), date=day)
        cls.credit = cls._invoice(
            150.0, date=day - timedelta(days=5), move_type="out_refund"
        )
        cls.other = cls.env["res.partner"].create(
            {"name": "Scierie Voisine SAS", "is_company": True, "lang": "en_US"}
        )
        cls.other_invoice = cls._invoice(
            999.0,
            due=day - timedelta(days=15),
            date=day - timedelta(days=45),
            partner=cls.other,
        )
        cls.url = cls.customer._ar_portal_url()
        cls.token = cls.customer.ar_portal_token
        cls.portal_user = new_test_user(
            cls.env,
            login="lefevre_portal",
            password="lefevre_portal",
            groups="base.group_portal",
            name="Paul Lefèvre",
            email="paul@lefevre.example",
            lang="en_US",
        )
        cls.portal_user.partner_id.parent_id = cls.customer

    def _path(self, suffix="", partner=None, token=None):
        partner = partner or self.customer
        return f"/ar/statement/{partner.id}{suffix}?token={token or self.token}"

    def _csrf(self, path=None):
        """The CSRF token of this browser session's statement page."""
        page = self.url_open(path or self._path())
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
