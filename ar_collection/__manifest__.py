{
    "name": "AR Collection",
    "summary": "Dunning, collection agenda, promises, disputes, aged balance",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/ar-suite/odoo-ar-suite",
    "author": "AR Suite contributors",
    "license": "LGPL-3",
    "depends": ["account", "mail"],
    "external_dependencies": {"python": ["xlsxwriter", "num2words"]},
    "data": [
        "security/ar_collection_security.xml",
        "security/ir.model.access.csv",
        "views/ar_collection_action_views.xml",
        "views/ar_collection_menus.xml",
    ],
    "demo": [],
    "installable": True,
}
