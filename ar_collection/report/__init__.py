from . import ar_aged_balance
from . import ar_aged_balance_xlsx
from . import ar_aged_balance_line
from . import ar_collection_kpi
from . import ar_customer_statement
from . import ar_customer_statement_xlsx
