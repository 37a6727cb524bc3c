{
    "name": "AR Factoring",
    "summary": "Factor contracts, assignment batches, definancing",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/ar-suite/odoo-ar-suite",
    "author": "AR Suite contributors",
    "license": "LGPL-3",
    "depends": ["ar_collection"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ar_factoring_security.xml",
        "security/ir.model.access.csv",
        "views/ar_factoring_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
