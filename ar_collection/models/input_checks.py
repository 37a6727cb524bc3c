"""The suite's checks of client input live in ar_risk (``input_checks``)."""

from odoo.addons.ar_risk.models.input_checks import (  # noqa: F401
    MAX_AMOUNT,
    check_amounts,
)
