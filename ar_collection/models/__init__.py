from . import ar_collection_action
from . import res_partner
from . import account_move
