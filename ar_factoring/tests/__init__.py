from . import test_assignment_link
from . import test_factoring
from . import test_access_matrix
from . import test_followed
from . import test_payee
from . import test_who_dunns
from . import test_pass_on
from . import test_statement
