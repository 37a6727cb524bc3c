"""The OCA addons the suite is measured against, driven as their own wizards
and buttons drive them: ``account_financial_report`` (aged partner balance)
and ``account_credit_control`` (credit control run)."""

import json

from odoo import Command

MODULES = ("account_financial_report", "account_credit_control")


def installed(env):
    return env["ir.module.module"].search_count(
        [("name", "in", MODULES), ("state", "=", "installed")]
    ) == len(MODULES)


def _receivable_accounts(env, company):
    return env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.ids)]
    )


def _aged_wizard(env, company, date_at, detail):
    wizard = env["aged.partner.balance.report.wizard"].create(
        {
            "date_at": date_at,
            "company_id": company.id,
            "target_move": "posted",
            "receivable_accounts_only": True,
            "account_ids": [Command.set(_receivable_accounts(env, company).ids)],
            "show_move_line_details": detail,
        }
    )
    # what report_action hands the report: the wizard's data through JSON
    data = json.loads(json.dumps(wizard._prepare_report_data(), default=str))
    return wizard, data


def aged_summary(env, company, date_at):
    """The aged partner balance without detail, as its HTML/PDF report gets
    it; returns (grand total, number of partners)."""
    wizard, data = _aged_wizard(env, company, date_at, detail=False)
    values = env[
        "report.account_financial_report.aged_partner_balance"
    ]._get_report_values(wizard.ids, data)
    total, partners = 0.0, 0
    for account in values["aged_partner_balance"]:
        total += account["residual"]
        partners += len(account.get("partners", []))
    return round(total, 2), partners


def aged_xlsx(env, company, date_at):
    """The aged partner balance XLSX with move line detail; returns its size."""
    wizard, data = _aged_wizard(env, company, date_at, detail=True)
    report = env["report.a_f_r.report_aged_partner_balance_xlsx"]
    # as report_xlsx's controller calls it, with the wizard as active model
    content, _kind = report.with_context(active_model=wizard._name).create_xlsx_report(
        wizard.ids, data
    )
    return len(content)


def credit_policy(env, company):
    """A three-level policy comparable to our bench scenario: 15, 45 and 75
    days after the due date, by phone, on the receivable accounts. OCA moves
    an invoice up one level per run, so a first run puts every invoice
    overdue by 15 days or more at level 1."""
    Policy = env["credit.control.policy"]
    policy = Policy.search(
        [("name", "=", "Bench 3 levels"), ("company_id", "=", company.id)]
    )
    if not policy:
        template = env.ref("account_credit_control.email_template_credit_control_base")
        policy = Policy.create(
            {
                "name": "Bench 3 levels",
                "company_id": company.id,
                "account_ids": [Command.set(_receivable_accounts(env, company).ids)],
                "level_ids": [
                    Command.create(
                        {
                            "name": name,
                            "level": level,
                            "computation_mode": "net_days",
                            "delay_days": days,
                            "channel": "phone",
                            "email_template_id": template.id,
                            "custom_text": name,
                            "custom_mail_text": name,
                        }
                    )
                    for level, (name, days) in enumerate(
                        (("Reminder", 15), ("Firm", 45), ("Notice", 75)), start=1
                    )
                ],
            }
        )
    company.credit_policy_id = policy
    return policy


def credit_control_run(env, company, policy, date):
    """A credit control run as its "Compute credit lines" button does it;
    returns the number of lines it generated."""
    run = env["credit.control.run"].create(
        {
            "date": date,
            "policy_ids": [Command.set(policy.ids)],
            "company_id": company.id,
        }
    )
    run.generate_credit_lines()
    return len(run.line_ids)
