from odoo import http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    """The demo, opened by the admin in French: each main page has content and
    no English string of the suite. Runs on the test database, which has the
    demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env.ref("base.user_admin").lang = "fr_FR"

    def _tour(self, url, tour):
        self.start_tour(url, tour, login="admin")

    def test_demo_pages(self):
        if not self.env.ref("ar_risk.res_partner_01_demo", raise_if_not_found=False):
            self.skipTest("no demo data")
        action = "/odoo/action-ar_collection.%s"
        self._tour(action % "ar_collection_action_action_my_today", "ar_demo_my_day")
        self._tour(action % "ar_collection_kpi_action_today", "ar_demo_indicators")
        self._tour(action % "ar_aged_balance_line_action", "ar_demo_aged_balance")
        self._tour(action % "ar_collection_action_action_review", "ar_demo_review")
        # the customer who owes the most today (the demo's dates move with it)
        Move = self.env["account.move"]
        customer = Move.search(
            Move._ar_open_invoice_domain(self.env.company),
            order="amount_residual desc",
            limit=1,
        ).commercial_partner_id
        self._tour(f"/odoo/res.partner/{customer.id}", "ar_demo_credit_tab")
