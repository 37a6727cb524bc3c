from lxml import html
from markupsafe import Markup


def page_markup(rendered):
    """The ``page`` blocks of a report rendered as HTML, for a preview shown
    inside a form (the layout's header, footer and assets left out)."""
    pages = html.fromstring(rendered).find_class("page")
    return Markup("").join(
        Markup(html.tostring(page, encoding="unicode")) for page in pages
    )
