"""The letter body users edit on a dunning level: placeholders and defaults.

A placeholder is a name between double braces, e.g. ``{{ invoice_table }}``,
parsed with Odoo's inline-template parser. Only the names of ``placeholders``
are accepted; each is replaced by a value the letter computed (escaped text or
a block rendered by the report's QWeb): nothing users write is evaluated.
"""

from markupsafe import Markup, escape

from odoo.tools.rendering_tools import parse_inline_template


def placeholders(env):
    """Name -> what it prints, in the user's language (shown on the level)."""
    _ = env._
    return {
        "customer": _("the customer's name"),
        "company": _("your company's name"),
        "contact": _("the user in charge of the reminder"),
        "amount": _("the amount to pay"),
        "notice_days": _("the formal notice period, in days"),
        "invoice_table": _("the table of the invoices and credits"),
        "totals": _("the totals and the amount to pay in words"),
        "charges": _("the late-payment charges and their legal basis"),
        "payment_details": _("how to pay: bank account and reference"),
    }


def unknown_placeholders(body, known):
    """The placeholders of ``body`` that are not in ``known``."""
    return sorted(
        {expr for _lit, expr, _default in parse_inline_template(body or "") if expr}
        - set(known)
    )


def render_body(body, values):
    """``body`` with each placeholder replaced by its value from ``values``
    (text is escaped, ``Markup`` blocks are inserted as they are)."""
    parts = []
    for literal, expr, default in parse_inline_template(str(body or "")):
        parts.append(Markup(literal))
        if expr:
            parts.append(escape(values.get(expr, default)))
    return Markup("").join(parts)


def default_body(env, style):
    """The shipped wording of a letter style, in ``env``'s language."""
    _ = env._
    opening = {
        "preventive": _(
            "As a courtesy, we remind you that the invoices below fall due "
            "shortly. If the payment is already scheduled, thank you, and "
            "please disregard this message."
        ),
        "reminder": _(
            "Unless we are mistaken, the invoices below remain unpaid after "
            "their due date. This may be an oversight: we would be grateful if "
            "you could settle them promptly."
        ),
        "firm": _(
            "Despite our previous reminder, the invoices below remain unpaid. "
            "We ask you to pay them within eight days of this letter."
        ),
        "formal_notice": _(
            "Despite our reminders, the invoices below remain unpaid. We hereby "
            "formally demand that you pay the amount below within "
            "{{ notice_days }} days of receipt of this letter; failing payment, "
            "we will take legal action to recover it without further notice."
        ),
    }[style or "reminder"]
    return Markup(
        "<p>{dear}</p><p>{opening}</p>"
        "<div>{{{{ invoice_table }}}}</div><div>{{{{ totals }}}}</div>"
        "<div>{{{{ charges }}}}</div><div>{{{{ payment_details }}}}</div>"
        "<p>{crossed}</p><p>{regards}</p><p>{{{{ company }}}}</p>"
    ).format(
        dear=_("Dear Sir or Madam,"),
        opening=opening,
        crossed=_(
            "If your payment has crossed this letter, please disregard it. For "
            "any question, contact {{ contact }}."
        ),
        regards=_("Yours faithfully,"),
    )
