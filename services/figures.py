"""Counter-service figures of SPEC §3 (public_services), defined once.

Signatures (start and end are local dates, inclusive; station None means the whole district):

    service_figures(start: date, end: date, *, station: Station | None = None,
                    queryset: QuerySet[ServiceTally] | None = None) -> dict
        {"handled": int, "vehicle_driving": int, "on_time": int, "praised": int,
         "on_time_rate": Decimal | None, "praise_rate": Decimal | None}; one query.
        Sums over the ServiceTallies dated in the period; rates are sum / sum(handled) × 100
        rounded half up to 1 decimal, None when nothing was handled.

    department_figures(start, end, *, station=None, queryset=None) -> list[dict]
        the same dict per department (plus "department": code); one query.

    rate(part: int, whole: int) -> Decimal | None   (xihu.figures, re-exported)
"""

from xihu.figures import rate

from .models import ServiceTally

__all__ = ["department_figures", "rate", "service_figures", "with_rates"]


def service_figures(start, end, *, station=None, queryset=None) -> dict:
    base = ServiceTally.objects.all() if queryset is None else queryset
    return with_rates(base.for_station(station).in_period(start, end).totals())


def with_rates(sums: dict) -> dict:
    """The sums with on_time_rate and praise_rate added (a copy; no query)."""
    return {
        **sums,
        "on_time_rate": rate(sums["on_time"], sums["handled"]),
        "praise_rate": rate(sums["praised"], sums["handled"]),
    }


def department_figures(start, end, *, station=None, queryset=None) -> list[dict]:
    """with_rates() per department that has tallies in the period; one query."""
    base = ServiceTally.objects.all() if queryset is None else queryset
    rows = base.for_station(station).in_period(start, end).per_department()
    return [with_rates(row) for row in rows]
