"""Counter-service figures of SPEC §3 (public_services), defined once.

Signatures (start and end are local dates, inclusive; station None means the whole district):

    service_figures(start: date, end: date, *, station: Station | None = None,
                    queryset: QuerySet[ServiceTally] | None = None) -> dict
        {"handled": int, "vehicle_driving": int, "on_time": int, "praised": int,
         "on_time_rate": Decimal | None, "praise_rate": Decimal | None}; one query.
        Sums over the ServiceTallies dated in the period; rates are sum / sum(handled) × 100
        rounded half up to 1 decimal, None when nothing was handled.

    rate(part: int, whole: int) -> Decimal | None
"""

from decimal import ROUND_HALF_UP, Decimal

from .models import ServiceTally

COUNTS = ("handled", "vehicle_driving", "on_time", "praised")


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole × 100, rounded half up to 1 decimal; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def service_figures(start, end, *, station=None, queryset=None) -> dict:
    base = ServiceTally.objects.all() if queryset is None else queryset
    figures = base.for_station(station).in_period(start, end).totals()
    figures["on_time_rate"] = rate(figures["on_time"], figures["handled"])
    figures["praise_rate"] = rate(figures["praised"], figures["handled"])
    return figures
