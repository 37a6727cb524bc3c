from . import ar_dunning_reset
from . import ar_aged_balance
from . import ar_collection_log_call
from . import ar_collection_campaign
from . import ar_collection_kpi
from . import ar_collection_kpi_line
from . import ar_customer_statement
from . import ar_dunning_level_preview
