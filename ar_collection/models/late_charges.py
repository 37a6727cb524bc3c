"""French late-payment charges as pure functions (plain inputs, no ORM).

Code de commerce L441-10: interest runs from the day after the due date on the
amount unpaid each day, at the rate of the half-year the day falls in. The ORM
layer (``ar.collection.action``) only gathers the inputs.
"""

from datetime import date, timedelta
from itertools import pairwise

from odoo.tools import float_round

YEAR_DAYS = 365
B2B_POINTS = 10.0  # Code de commerce L441-10
PUBLIC_POINTS = 8.0  # Code de la commande publique R2192-31
FLOOR_FACTOR = 3.0  # a contractual rate is at least 3 x the legal interest rate

DEBTOR_KINDS = [
    ("business", "Business"),
    ("public", "Public buyer"),
    ("consumer", "Consumer"),
]


class MissingRateError(LookupError):
    """No reference rate for the half-year starting on ``period_start``."""

    def __init__(self, period_start):
        super().__init__(period_start)
        self.period_start = period_start


class RateBelowFloorError(ValueError):
    """A contractual rate below 3 x the legal interest rate of a half-year."""

    def __init__(self, rate, floor, period_start):
        super().__init__(rate, floor, period_start)
        self.rate, self.floor, self.period_start = rate, floor, period_start


def half_year(day):
    """(first day, last day) of the half-year holding ``day``."""
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def penalty_rate(kind, ecb_rate, legal_rate, contract_rate=0.0):
    """Yearly rate in percent owed by a debtor in one half-year, or None.

    Business: the contractual rate if any, refused below 3 x the legal interest
    rate, else the ECB rate + 10 points. Public buyer: ECB rate + 8 points.
    Consumer: no late-payment penalties.
    """
    if kind == "consumer":
        return None
    if kind == "public":
        return ecb_rate + PUBLIC_POINTS
    if contract_rate:
        floor = float_round(FLOOR_FACTOR * legal_rate, 2)
        if float_round(contract_rate, 2) < floor:
            raise RateBelowFloorError(contract_rate, floor, None)
        return contract_rate
    return ecb_rate + B2B_POINTS


def interest_periods(due_date, amount, payments, as_of, rate_of):
    """Interest on one invoice, period by period.

    Runs from the day after ``due_date`` to ``as_of`` included on the amount
    unpaid each day: ``amount`` less the ``payments`` (date, amount) made before
    that day, so a part paid late earns interest up to its payment date.
    Periods are cut at each half-year and after each payment; ``rate_of(day)``
    gives the yearly rate in percent of the period starting on ``day``.
    Returns dicts (date_from, date_to, days, base, rate, interest), the
    interest of each period rounded to the cent.
    """
    start = due_date + timedelta(days=1)
    if as_of < start or amount <= 0:
        return []
    end = as_of + timedelta(days=1)
    cuts = {start, end}
    cuts |= {pay_date + timedelta(days=1) for pay_date, _amt in payments}
    period_end = half_year(start)[1]
    while period_end < as_of:
        cuts.add(period_end + timedelta(days=1))
        period_end = half_year(period_end + timedelta(days=1))[1]
    bounds = sorted(cut for cut in cuts if start <= cut <= end)
    periods = []
    for first, following in pairwise(bounds):
        base = amount - sum(amt for pay_date, amt in payments if pay_date < first)
        if float_round(base, 2) <= 0:
            break
        rate = rate_of(first)
        days = (following - first).days
        periods.append(
            {
                "date_from": first,
                "date_to": following - timedelta(days=1),
                "days": days,
                "base": float_round(base, 2),
                "rate": rate,
                "interest": float_round(base * rate / 100.0 * days / YEAR_DAYS, 2),
            }
        )
    return _merge_same_rate(periods)


def _merge_same_rate(periods):
    """Adjacent periods with the same base and rate read as one line."""
    merged = []
    for period in periods:
        last = merged[-1] if merged else None
        if last and (last["base"], last["rate"]) == (period["base"], period["rate"]):
            last["date_to"] = period["date_to"]
            last["days"] += period["days"]
            last["interest"] = float_round(
                last["base"] * last["rate"] / 100.0 * last["days"] / YEAR_DAYS, 2
            )
        else:
            merged.append(dict(period))
    return merged


def late_interest(due_date, amount, payments, as_of, rate_of):
    """Total interest on one invoice (see ``interest_periods``)."""
    periods = interest_periods(due_date, amount, payments, as_of, rate_of)
    return float_round(sum(p["interest"] for p in periods), 2)
