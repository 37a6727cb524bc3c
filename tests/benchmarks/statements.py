"""Bulk customer statements as PDFs (the one-reminder issue's relevé): where
the time goes between QWeb and wkhtmltopdf, and what batching changes."""

import subprocess

from odoo.tools.pdf import merge_pdf

REPORT = "ar_collection.ar_customer_statement_report"


def customers(env, company, count):
    """``count`` customers with something open, in id order."""
    env.cr.execute(
        """
        SELECT DISTINCT p.commercial_partner_id
          FROM account_move_line l
          JOIN account_account acc ON acc.id = l.account_id
          JOIN res_partner p ON p.id = l.partner_id
         WHERE acc.account_type = 'asset_receivable' AND l.parent_state = 'posted'
           AND l.amount_residual <> 0 AND l.company_id = %s
      ORDER BY 1 LIMIT %s
        """,
        (company.id, count),
    )
    return env["res.partner"].browse(row[0] for row in env.cr.fetchall())


def patched_qt():
    """Whether wkhtmltopdf is the patched-Qt build Odoo needs to render
    several documents in one call (distributions ship the unpatched one:
    it refuses more than one input document, and Odoo gives each customer's
    statement its own)."""
    try:
        version = subprocess.run(
            ["wkhtmltopdf", "--version"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return False
    return "patched qt" in version.lower()


def _report(env, company):
    report = env.ref(REPORT).with_context(force_report_rendering=True)
    data = {"date_at": str(env.cr.now().date()), "company_id": company.id}
    return report, data


def html(env, company, partners):
    """The statements' HTML alone (QWeb), in one call; its size in KiB."""
    report, data = _report(env, company)
    return len(report._render_qweb_html(report, partners.ids, data=data)[0]) // 1024


def pdf(env, company, partners, batch):
    """The statements as one PDF, ``batch`` customers per rendering call
    (QWeb, then one wkhtmltopdf process), merged; its size in KiB."""
    report, data = _report(env, company)
    pdfs = [
        report._render_qweb_pdf(report, partners[start : start + batch].ids, data=data)[
            0
        ]
        for start in range(0, len(partners), batch)
    ]
    return len(merge_pdf(pdfs) if len(pdfs) > 1 else pdfs[0]) // 1024
