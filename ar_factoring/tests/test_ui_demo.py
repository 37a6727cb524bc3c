from odoo import http
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiTour(HttpCase):
    """The factoring dashboard of the demo, opened by the admin in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        http.root.statics  # noqa: B018  pylint: disable=pointless-statement
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env.ref("base.user_admin").lang = "fr_FR"

    def test_demo_factoring_dashboard(self):
        if not self.env.ref("ar_risk.res_partner_01_demo", raise_if_not_found=False):
            self.skipTest("no demo data")
        self.start_tour(
            "/odoo/action-ar_factoring.ar_factor_contract_action",
            "ar_demo_factoring",
            login="admin",
        )
