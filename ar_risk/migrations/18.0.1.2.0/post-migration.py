from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Credit insurance moves from guarantees to policies and decisions."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["ar.risk.insurance.policy"]._ar_migrate_guarantees()
