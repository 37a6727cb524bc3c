from . import ar_risk_demo
