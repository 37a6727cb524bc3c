from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The accounting administrator no longer implies ar_factoring_group_manager."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env.ref(
        "ar_factoring.ar_factoring_group_manager"
    )._ar_detach_from_account_administrator()
