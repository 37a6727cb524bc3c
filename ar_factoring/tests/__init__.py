from . import test_assignment_link
from . import test_factoring
from . import test_access_matrix
