"""Amounts in words for letters, with num2words in currency mode.

Odoo's ``amount_to_text`` is not used: this build leaves its French pattern
untranslated ("... Euros and ... Cents").
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from num2words import CONVERTER_CLASSES, num2words

SEPARATOR = "\x00"


def amount_in_words(amount, lang, currency="EUR"):
    """``amount`` in words in ``lang`` (an Odoo code such as fr_FR).

    Fixes num2words' quirks: an int would be read as cents, so a Decimal with
    two places is passed; "zéro centimes" is dropped; "un million euros"
    becomes "un million d'euros".
    """
    lang = lang if lang in CONVERTER_CLASSES else (lang or "en")[:2]
    if lang not in CONVERTER_CLASSES:
        lang = "en"
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    words = num2words(
        value, lang=lang, to="currency", currency=currency, separator=SEPARATOR
    )
    units, cents = words.split(SEPARATOR)
    if lang.startswith("fr"):
        units = re.sub(r"\b(millions?|milliards?) euros\b", r"\1 d'euros", units)
        glue = " et"
    else:
        glue = ","
    if not value % 1:
        return units
    if value < 1:
        return cents.strip()
    return units + glue + cents
