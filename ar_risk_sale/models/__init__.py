from . import ar_risk_deposit_rule
from . import res_partner
from . import sale_order
