from . import ar_factor_contract
from . import ar_factor_approval
from . import ar_factor_batch
from . import ar_factor_batch_line
from . import ar_factor_statement
from . import account_move
from . import account_move_line
