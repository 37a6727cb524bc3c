from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The payee wording is new: existing contracts get its default in every
    installed language (the column was filled in English only)."""
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ar.factor.contract"].search([])._set_default_wordings(["payee_text"])
