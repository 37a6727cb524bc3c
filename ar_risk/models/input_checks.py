"""Checks of values typed or sent by a client, made before the database's
own constraints would refuse them (with a "bad query" in the log): an
INSERT runs before the ``@api.constrains`` of a new record."""

from odoo import fields
from odoo.exceptions import ValidationError

# beyond a thousand billion, an amount is a typing or integration error
MAX_AMOUNT = 1e12


def check_amounts(model, vals_list, field_names, allow_zero=False):
    """Refuse, in each of ``vals_list`` for ``model``, an amount of
    ``field_names`` not above zero (below zero with ``allow_zero``) or too
    large to be real."""
    env = model.env
    for vals in vals_list:
        for name in field_names:
            if name not in vals:
                continue
            amount = vals[name]
            label = model._fields[name]._description_string(env)
            if amount is False and allow_zero:
                continue
            if not isinstance(amount, int | float) or amount < 0:
                raise ValidationError(
                    env._("%(field)s cannot be negative.", field=label)
                )
            if amount == 0 and not allow_zero:
                raise ValidationError(
                    env._("%(field)s must be above zero.", field=label)
                )
            if amount >= MAX_AMOUNT:
                raise ValidationError(
                    env._("%(field)s is too large to be real.", field=label)
                )


def check_dates_ordered(model, vals_list, first, last, message):
    """Refuse, in each of ``vals_list`` for a new record of ``model``, a date
    ``last`` before the date ``first`` (given or by default)."""
    for vals in vals_list:
        missing = [name for name in (first, last) if name not in vals]
        values = {**model.default_get(missing), **vals} if missing else vals
        start, end = (fields.Date.to_date(values.get(n)) for n in (first, last))
        if start and end and end < start:
            raise ValidationError(message)


def shown(value, size=20):
    """``value`` as an error message quotes it: cut after ``size`` characters."""
    return value if len(value) <= size else value[:size] + "…"
