from . import ar_dunning_reset
