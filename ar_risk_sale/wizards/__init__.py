from . import ar_risk_force_post
