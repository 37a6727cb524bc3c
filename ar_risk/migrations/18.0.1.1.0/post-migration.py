from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The SIRET moves from ``company_registry`` to the localisation's ``siret``."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.partner"]._ar_migrate_siret_from_registry()
