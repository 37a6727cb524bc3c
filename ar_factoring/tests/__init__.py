from . import test_assignment_link
from . import test_factoring
