from . import ar_risk_force_post
from . import ar_risk_public_import
from . import ar_risk_sirene_import
from . import ar_risk_bodacc_import
from . import ar_risk_insurance_import
from . import ar_risk_insurance_recovery
