import threading
from datetime import timedelta

from odoo import api, models

# bills settled per transaction by the daily step
BATCH_SIZE = 100


class ArCollectionBill(models.Model):
    """The daily step that marks paid the bills the bank has credited: at the
    bank (for collection or discount), their maturity plus the company's
    value delay gone by, and not returned unpaid."""

    _inherit = "ar.collection.bill"

    @api.model
    def _ar_due_for_payment(self, company, day):
        """Bills of ``company`` the bank has credited by ``day``."""
        last = day - timedelta(days=company.ar_bill_value_days)
        return self.search(
            [
                ("company_id", "=", company.id),
                ("state", "=", "remitted"),
                ("remittance_id.state", "=", "done"),
                ("date_maturity", "<=", last),
            ],
            order="date_maturity, id",
        )

    @api.model
    def _cron_mark_paid(self, today=None):
        """Book each credited bill's payment on its value date, as the
        *Paid at maturity* button does. Idempotent: a paid bill leaves the
        search. Each batch is one transaction (committed outside tests), so
        an interrupted run loses at most its batch, which the next run
        does again."""
        testing = getattr(threading.current_thread(), "testing", False)
        done = 0
        for company, day in self.env["res.company"]._ar_companies_today(today):
            bills = self.sudo().with_company(company)._ar_due_for_payment(company, day)
            delay = timedelta(days=company.ar_bill_value_days)
            for start in range(0, len(bills), BATCH_SIZE):
                for bill in bills[start : start + BATCH_SIZE]:
                    bill._ar_book_paid(bill.date_maturity + delay)
                done += len(bills[start : start + BATCH_SIZE])
                if not testing:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
