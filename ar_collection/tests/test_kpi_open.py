from odoo import fields
from odoo.tests import tagged

from .common import ArCollectionCommon


@tagged("post_install", "-at_install")
class TestKpiOpen(ArCollectionCommon):
    def test_menu_opens_todays_figures(self):
        """The Indicators menu opens a saved record of the user's company,
        computed for today: no Refresh needed, each figure opens its records."""
        today = fields.Date.context_today(self.env["ar.collection.kpi"])
        late = self._invoice(
            700.0,
            fields.Date.subtract(today, days=20),
            date=fields.Date.subtract(today, days=50),
        )
        menu = self.env.ref("ar_collection.ar_collection_kpi_menu")
        result = menu.action.with_context(allowed_company_ids=self.company.ids).run()
        kpi = self.env["ar.collection.kpi"].browse(result["res_id"])
        self.assertEqual(result["res_model"], "ar.collection.kpi")
        self.assertTrue(kpi.exists())
        self.assertRecordValues(
            kpi,
            [
                {
                    "date_at": today,
                    "company_id": self.company.id,
                    "receivable": 700.0,
                    "overdue": 700.0,
                    "overdue_ratio": 100.0,
                }
            ],
        )
        self.assertGreater(kpi.dso_countback, 0)
        self.assertEqual(len(kpi.dso_history_ids), 12)
        self.assertEqual(kpi.top_amount_ids.partner_id, self.customer)
        action = kpi.top_amount_ids.action_open()
        self.assertEqual(self.env["account.move"].search(action["domain"]), late)
