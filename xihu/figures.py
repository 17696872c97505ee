"""Arithmetic every figure shares (SPEC §3): half-up rounding, rates and a period's days.

Written once here; the summary, the patrol board and the service rates all call it.

    round_half_up(value, places=1) -> Decimal      2.25 -> 2.3, -6.25 -> -6.3 (away from zero)
    rate(part, whole) -> Decimal | None             part / whole × 100, half up to 1 decimal;
                                                    None when whole is 0
    days_between(start, end) -> list[date]          every local date from start to end inclusive
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value, places: int = 1) -> Decimal:
    """Round like the bulletin does (2.25 -> 2.3), not like Python's banker's rounding.

    Half up is away from zero for negative numbers (-6.25 -> -6.3), as SPEC §3 says.
    """
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rate(part, whole) -> Decimal | None:
    """part / whole × 100, rounded half up to 1 decimal; None when whole is 0 or None."""
    if not whole:
        return None
    return round_half_up(Decimal(part) * 100 / Decimal(whole))


def days_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every date from start to end, both included (empty when end is before start)."""
    return [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
