from . import res_company
from . import res_config_settings
from . import ar_risk_guarantee
from . import ar_risk_proceeding
from . import ar_risk_watch
from . import res_partner
from . import account_move
from . import account_move_line
