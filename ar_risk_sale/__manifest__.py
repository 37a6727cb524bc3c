{
    "name": "AR Credit Risk on Sales",
    "summary": "Credit check and deposit rule at the quotation and the order",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/ar-suite/odoo-ar-suite",
    "author": "AR Suite contributors",
    "license": "LGPL-3",
    "depends": ["ar_risk", "sale"],
    "data": [
        "security/ar_risk_sale_security.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/ar_risk_deposit_rule_views.xml",
        "wizards/ar_risk_force_post_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ar_risk_sale/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "auto_install": True,
}
