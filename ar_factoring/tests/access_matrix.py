"""Who may do what on each model of the suite: the one source of the access
matrix that ``test_access_matrix`` checks and ``ar_factoring/readme/CONFIGURE.md``
prints. Pure data, no Odoo import: ``python3 access_matrix.py`` prints the
table to paste between the readme's markers.

A cell lists the operations allowed by the access rights: ``r`` read,
``w`` write, ``c`` create, ``d`` delete (unlink); ``-`` none. Record rules
narrow them further (company, disputes routed to a user: see NOTES).
"""

import sys

# role: (column title, groups given to the test user; None: the groups of
# Odoo's default user template, i.e. a user created with no group chosen)
ROLES = {
    "new_user": ("New user", None),
    "internal": ("Internal user", "base.group_user"),
    "billing": ("Billing", "account.group_account_invoice"),
    "accountant": ("Accountant", "account.group_account_user"),
    "collector": ("Collector", "ar_collection.ar_collection_group_user"),
    "credit_manager": ("Credit manager", "ar_risk.ar_risk_group_manager"),
    "collection_manager": (
        "Collection manager",
        "ar_collection.ar_collection_group_manager",
    ),
    "factoring_user": ("Factoring user", "ar_factoring.ar_factoring_group_user"),
    "factoring_manager": (
        "Factoring manager",
        "ar_factoring.ar_factoring_group_manager",
    ),
    "administrator": (
        "Administrator",
        (
            "base.group_system,account.group_account_manager,"
            "ar_risk.ar_risk_group_manager,ar_collection.ar_collection_group_manager,"
            "ar_factoring.ar_factoring_group_manager"
        ),
    ),
    "portal": ("Portal", "base.group_portal"),
}

# History (dunning runs and lines, actions, promises, disputes, payment
# plans, batches, statements) has no "d" anywhere: nobody deletes it.
# fmt: off
MATRIX = {
    # model                             new   internal billing accountant collector credit coll.mgr fact.  fact.mgr admin  portal
    "ar.risk.guarantee":                 ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.proceeding":                ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.watch":                     ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.force.post":                ("-",  "-",    "-",    "-",       "-",      "rwc",  "-",     "-",   "-",     "rwc",  "-"),
    "ar.risk.insurance.policy":          ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.insurance.decision":        ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.insurance.claim":           ("r",  "-",    "r",    "r",       "r",      "rwc",  "r",     "r",   "r",     "rwc",  "-"),
    "ar.risk.insurance.import":          ("-",  "-",    "-",    "-",       "-",      "rwc",  "-",     "-",   "-",     "rwc",  "-"),
    "ar.risk.insurance.recovery":        ("-",  "-",    "-",    "-",       "-",      "rwc",  "-",     "-",   "-",     "rwc",  "-"),
    "ar.dunning.scenario":               ("-",  "-",    "-",    "-",       "r",      "-",    "rwcd",  "r",   "r",     "rwcd", "-"),
    "ar.dunning.level":                  ("-",  "-",    "-",    "-",       "r",      "-",    "rwcd",  "r",   "r",     "rwcd", "-"),
    "ar.dunning.level.preview":          ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.dunning.run":                    ("-",  "-",    "-",    "-",       "r",      "-",    "rwc",   "r",   "r",     "rwc",  "-"),
    "ar.dunning.line":                   ("r",  "-",    "r",    "r",       "r",      "-",    "rwc",   "r",   "r",     "rwc",  "-"),
    "ar.dunning.reset":                  ("rwc","-",    "rwc",  "rwc",     "-",      "-",    "-",     "-",   "-",     "rwc",  "-"),
    "ar.collection.action":              ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.collection.log.call":            ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.collection.campaign":            ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.collection.promise":             ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "r"),
    "ar.collection.dispute":             ("rw", "rw",   "rw",   "rw",      "rwc",    "rw",   "rwc",   "rwc", "rwc",   "rwc",  "r"),
    "ar.collection.payment.plan":        ("-",  "-",    "-",    "-",       "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.collection.payment.plan.line":   ("-",  "-",    "-",    "-",       "rwcd",   "-",    "rwcd",  "rwcd", "rwcd", "rwcd", "-"),
    "ar.aging.bucket":                   ("r",  "-",    "r",    "r",       "r",      "-",    "rwcd",  "r",   "r",     "rwcd", "-"),
    "ar.aged.balance":                   ("rwc","-",    "rwc",  "rwc",     "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.aged.balance.line":              ("r",  "-",    "r",    "r",       "r",      "-",    "r",     "r",   "r",     "r",    "-"),
    "ar.customer.statement":             ("rwc","-",    "rwc",  "rwc",     "rwc",    "-",    "rwc",   "rwc", "rwc",   "rwc",  "-"),
    "ar.late.payment.rate":              ("r",  "r",    "r",    "r",       "r",      "r",    "rwcd",  "r",   "r",     "rwcd", "-"),
    "ar.late.charges.invoice":           ("-",  "-",    "-",    "-",       "-",      "-",    "rwc",   "-",   "-",     "rwc",  "-"),
    "ar.late.charges.invoice.line":      ("-",  "-",    "-",    "-",       "-",      "-",    "rwcd",  "-",   "-",     "rwcd", "-"),
    "ar.collection.kpi":                 ("-",  "-",    "-",    "-",       "-",      "-",    "rwcd",  "-",   "-",     "rwcd", "-"),
    "ar.collection.kpi.line":            ("-",  "-",    "-",    "-",       "-",      "-",    "rwcd",  "-",   "-",     "rwcd", "-"),
    "ar.factor.contract":                ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwc",   "rwc",  "-"),
    "ar.factor.approval":                ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwcd",  "rwcd", "-"),
    "ar.factor.batch":                   ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwc",   "rwc",  "-"),
    "ar.factor.batch.line":              ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwcd",  "rwcd", "-"),
    "ar.factor.statement":               ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwc",   "rwc",  "-"),
    "ar.factor.statement.line":          ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "r",   "rwc",   "rwc",  "-"),
    "ar.factor.statement.import":        ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "-",   "rwc",   "rwc",  "-"),
    "ar.factor.definance":               ("-",  "-",    "-",    "-",       "-",      "-",    "-",     "-",   "rwc",   "rwc",  "-"),
    "ar.collection.bill":                ("rwc","-",   "rwc", "rwc",    "rwc",   "-",   "rwc",  "rwc","rwc",  "rwc", "-"),
    "ar.collection.bill.remittance":     ("rwc","-",   "rwc", "rwc",    "r",     "-",   "rwc",  "r",  "r",    "rwc", "-"),
    "ar.collection.bill.record":         ("rwc","-",   "rwc", "rwc",    "rwc",   "-",   "rwc",  "rwc","rwc",  "rwc", "-"),
    "ar.collection.bill.unpaid":         ("rwc","-",   "rwc", "rwc",    "-",     "-",   "rwc",  "-",  "-",    "rwc", "-"),
    "ar.collection.discount.offer":      ("-", "-",   "-",   "-",      "rwc",   "-",   "rwc",  "rwc","rwc",  "rwc", "-"),
    "ar.collection.discount.payment":    ("-", "-",   "-",   "-",      "rwc",   "-",   "rwc",  "rwc","rwc",  "rwc", "-"),
    "ar.collection.campaign.run":        ("-", "-",   "-",   "-",      "rwc",   "-",   "rwcd", "rwc","rwc",  "rwcd","-"),
    "ar.risk.sirene.import":             ("-", "-",   "-",   "-",      "-",     "rwc", "-",    "-",  "-",    "rwc", "-"),
    "ar.risk.bodacc.import":             ("-", "-",   "-",   "-",      "-",     "rwc", "-",    "-",  "-",    "rwc", "-"),
    "ar.risk.bodacc.announcement":       ("r", "-",   "r",   "r",      "r",     "rwc", "r",    "r",  "r",    "rwc", "-"),
    "ar.risk.deposit.rule":              ("r", "r",   "r",   "r",      "r",     "rwcd","r",    "r",  "r",    "rwcd","-"),
}
# fmt: on

NOTES = {
    "ar.collection.promise": "portal users read only their own company's "
    "promises, through the statement page",
    "ar.collection.dispute": "users outside collection see and answer only the "
    "disputes routed to them; portal users read only their own company's",
}

SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
BEGIN = "<!-- access-matrix:begin -->"
END = "<!-- access-matrix:end -->"


def markdown_table():
    """The matrix as the markdown table printed in the readme."""
    header = ["Model"] + [title for title, _groups in ROLES.values()]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    marks = {model: SUPERSCRIPTS[index] for index, model in enumerate(NOTES)}
    for model, cells in MATRIX.items():
        mark = f" {marks[model]}" if model in marks else ""
        row = [f"`{model}`{mark}"] + [f"`{cell}`" for cell in cells]
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines += [f"{marks[model]} {note}." for model, note in NOTES.items()]
    return "\n".join(lines)


def readme_block():
    """The table with its markers, as it stands in the readme."""
    return f"{BEGIN}\n{markdown_table()}\n{END}"


if __name__ == "__main__":
    sys.stdout.write(readme_block() + "\n")
