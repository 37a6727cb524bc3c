from odoo import api, models


class ArDunningRun(models.Model):
    """Invoices the factor dunns alone get no level: the collector is asked to
    check with the factor once they are late by the contract's delay."""

    _inherit = "ar.dunning.run"

    @api.model
    def _run_for_company(self, company, date=None, **kwargs):
        run = super()._run_for_company(company, date=date, **kwargs)
        # a step of the run, as its exclusions: whoever launches it (a
        # collection manager without accounting or factoring rights) plans the
        # same calls, each for the customer's collector
        self.env["account.move"].sudo()._ar_factor_plan_checks(company, run.date, run)
        return run
