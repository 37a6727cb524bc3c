from . import test_collection_action
from . import test_dunning_run
from . import test_dunning_scenario
from . import test_dunning_letter
from . import test_agenda
from . import test_aged_balance
from . import test_kpi
from . import test_ui_tour
