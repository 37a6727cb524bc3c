from . import test_order_credit_check
from . import test_order_exposure
from . import test_deposit_rule
from . import test_rpc_guards
from . import test_ui_tour
