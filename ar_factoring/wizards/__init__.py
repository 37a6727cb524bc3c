from . import ar_factor_definance
from . import ar_factor_statement_import
from . import ar_aged_balance
