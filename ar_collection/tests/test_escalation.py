from odoo import fields
from odoo.tests import new_test_user, tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestEscalation(ArCollectionCommon):
    """The salesperson hears once when its customer's collection hardens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(
            cls.env, login="ar_seller_esc", groups="base.group_user"
        )
        cls.customer.user_id = cls.seller
        cls.invoice = cls._invoice(1000.0, "2026-11-01")

    def _warnings(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.customer.id),
                ("user_id", "=", self.seller.id),
            ]
        )

    def _told(self, words):
        return self.customer.message_ids.filtered(
            lambda m: words in m.body and self.seller.partner_id in m.partner_ids
        )

    def test_formal_notice_once(self):
        self._run("2026-12-16")
        self._run("2026-12-17")
        # another invoice reaches the formal notice later: still one warning
        self._invoice(200.0, "2026-11-05")
        self.assertTrue(self._run("2026-12-21").action_ids)
        warning = self._warnings()
        self.assertEqual(len(warning), 1)
        self.assertEqual(warning.summary, "Formal notice sent: Menuiserie Lefèvre SARL")
        self.assertEqual(len(self._told("Formal notice sent")), 1)

    def test_credit_hold_and_proceedings(self):
        self.customer.with_context(lang="en_US").ar_credit_hold = True
        self.customer.with_context(lang="en_US").ar_credit_hold = True
        self.assertEqual(
            self._warnings().mapped("summary"),
            ["Credit put on hold: Menuiserie Lefèvre SARL"],
        )
        self.assertEqual(len(self._told("Credit put on hold")), 1)
        self.env["ar.risk.proceeding"].with_context(lang="en_US").create(
            {
                "partner_id": self.customer.id,
                "proceeding_type": "redressement",
                "judgment_date": fields.Date.to_date("2026-11-20"),
            }
        )
        self.assertEqual(len(self._warnings()), 2)
        self.assertEqual(len(self._told("Collective proceedings opened")), 1)

    def test_no_salesperson_no_warning(self):
        self.customer.user_id = False
        self.customer.ar_credit_hold = True
        self.assertFalse(self.customer.activity_ids)
