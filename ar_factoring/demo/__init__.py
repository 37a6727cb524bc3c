from . import ar_factoring_demo
