from . import test_factoring
