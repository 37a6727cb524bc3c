from . import common
from . import test_access
from . import test_credit_check
from . import test_exposure
from . import test_guarantee
from . import test_identity
from . import test_proceeding
from . import test_risk_grade
