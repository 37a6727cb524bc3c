from . import ar_aged_balance
from . import ar_aged_balance_xlsx
from . import ar_aged_balance_line
from . import ar_collection_kpi
