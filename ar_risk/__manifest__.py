{
    "name": "AR Credit Risk",
    "summary": "Credit file, limit with live exposure, guarantees, proceedings",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/ar-suite/odoo-ar-suite",
    "author": "AR Suite contributors",
    "license": "LGPL-3",
    "depends": ["account"],
    "external_dependencies": {"python": ["python-stdnum"]},
    "data": [
        "security/ar_risk_security.xml",
        "security/ir.model.access.csv",
        "views/ar_risk_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
