{
    "name": "AR Factoring",
    "summary": "Factor contracts, assignment batches, definancing",
    "version": "18.0.1.3.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/ar-suite/odoo-ar-suite",
    "author": "AR Suite contributors",
    "license": "LGPL-3",
    "depends": ["ar_collection"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ar_factoring_security.xml",
        "security/ir.model.access.csv",
        "views/ar_factor_contract_views.xml",
        "views/account_move_views.xml",
        "views/ar_factoring_menus.xml",
        "report/report_invoice.xml",
        "report/ar_customer_statement_templates.xml",
        "data/ar_factoring_data.xml",
        "wizards/ar_aged_balance_views.xml",
    ],
    "demo": ["demo/ar_factoring_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "ar_factoring/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
