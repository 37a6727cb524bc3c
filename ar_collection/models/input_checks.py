"""Checks of amounts typed or sent by a client, made before the database's
own constraints would refuse them (with a "bad query" in the log)."""

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
