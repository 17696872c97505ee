"""Patrol and large-event figures of SPEC §3, defined once for the summary, board and API.

Signatures (start and end are local dates, inclusive; station None means the whole district):

    daily_totals(start: date, end: date, *, station: Station | None = None,
                 queryset: QuerySet[PatrolDeployment] | None = None) -> list[DayTotal]
        one DayTotal(date, deployments, personnel, vehicles) for EVERY day of the period,
        0 on a day without deployment; one query.

    patrol_figures(start: date, end: date, *, station: Station | None = None) -> dict
        {"deployments": int, "personnel_daily_min": int, "personnel_daily_avg": Decimal,
         "vehicles_daily_min": int, "vehicles_daily_avg": Decimal}; one query.
        *_daily_min is the least day over every day (a day without deployment is 0);
        *_daily_avg is the period's sum / number of days, rounded half up to 1 decimal.

    event_figures(start: date, end: date, *, station: Station | None = None) -> dict
        {"large_events": int, "with_security_plan": int}; one query.
        Events whose days overlap the period; of those, plans issued on or before starts_on.

    summarise_days(days: list[DayTotal]) -> dict
        the dict of patrol_figures from daily_totals' list (no query).

    round_half_up(value, places: int = 1) -> Decimal   (xihu.figures, re-exported)
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from xihu.figures import days_between, round_half_up

from .models import TIMELY_PLAN, LargeEvent, PatrolDeployment

__all__ = [
    "DayTotal",
    "daily_totals",
    "event_figures",
    "patrol_figures",
    "round_half_up",
    "summarise_days",
]


@dataclass(frozen=True)
class DayTotal:
    date: datetime.date
    deployments: int
    personnel: int
    vehicles: int


def daily_totals(start, end, *, station=None, queryset=None) -> list[DayTotal]:
    """Per-day sums for every day of the period; the database sums, Python fills the gaps."""
    base = PatrolDeployment.objects.all() if queryset is None else queryset
    rows = base.for_station(station).in_period(start, end).per_day()
    found = {row["date"]: row for row in rows}
    empty = {"deployments": 0, "personnel": 0, "vehicles": 0}
    return [
        DayTotal(
            date=day,
            deployments=found.get(day, empty)["deployments"],
            personnel=found.get(day, empty)["personnel"],
            vehicles=found.get(day, empty)["vehicles"],
        )
        for day in days_between(start, end)
    ]


def patrol_figures(start, end, *, station=None) -> dict:
    return summarise_days(daily_totals(start, end, station=station))


def summarise_days(days: list[DayTotal]) -> dict:
    """deployments, *_daily_min and *_daily_avg of SPEC §3 from every day's totals."""
    figures = {"deployments": sum(day.deployments for day in days)}
    for name in ("personnel", "vehicles"):
        values = [getattr(day, name) for day in days]
        figures[f"{name}_daily_min"] = min(values) if values else 0
        figures[f"{name}_daily_avg"] = (
            round_half_up(Decimal(sum(values)) / len(values)) if values else None
        )
    return figures


def event_figures(start, end, *, station=None) -> dict:
    return (
        LargeEvent.objects.for_station(station)
        .in_period(start, end)
        .aggregate(
            large_events=Count("pk"),
            with_security_plan=Count("pk", filter=TIMELY_PLAN),
        )
    )
