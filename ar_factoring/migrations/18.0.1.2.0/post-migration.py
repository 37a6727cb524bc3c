from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Batches booked before 18.0.1.2.0 reconciled the invoices they assigned:
    the invoices the factor still holds are reopened on 411 and their
    assignment moved to the account of receivables assigned (467900 created
    per company where a contract has none), in one entry per batch dated the
    company's day of the upgrade. Collected and definanced invoices keep
    their history. Nothing is deleted."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for company in env["res.company"].search([]):
        env["ar.factor.batch"].with_company(company)._convert_reconciled_assignments(
            company, company._ar_today()
        )
