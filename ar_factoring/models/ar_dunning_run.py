from odoo import models


class ArDunningRun(models.Model):
    """Invoices the factor dunns alone get no level: the collector is asked to
    check with the factor once they are late by the contract's delay."""

    _inherit = "ar.dunning.run"

    def _ar_finish(self, summary=None):
        # a step of the run, as its exclusions: whoever launches it (a
        # collection manager without accounting or factoring rights) plans the
        # same calls, each for the customer's collector
        self.env["account.move"].sudo()._ar_factor_plan_checks(
            self.company_id, self.date, self
        )
        return super()._ar_finish(summary)
