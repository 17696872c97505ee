"""The daily patrol board: per day, personnel and police cars by station and shift.

Three queries whatever the period: the per-day totals (patrols.figures, the same numbers as
the summary), the sums per day, station and shift, and the stations named in them.
"""

from dataclasses import dataclass, field

from xihu.models import Station

from .figures import DayTotal, daily_totals
from .models import PatrolDeployment, Shift


@dataclass
class StationDay:
    station: Station
    shifts: dict  # shift code -> {"personnel": n, "vehicles": n}, every shift present
    personnel: int = 0
    vehicles: int = 0


@dataclass
class BoardDay:
    total: DayTotal
    stations: list[StationDay] = field(default_factory=list)
    meets_target: bool = True


def build_board(*, user, start, end, station=None, min_personnel=None, min_vehicles=None):
    scoped = PatrolDeployment.objects.for_user(user)
    totals = daily_totals(start, end, station=station, queryset=scoped)
    rows = list(scoped.for_station(station).in_period(start, end).per_day_station_shift())
    stations = Station.objects.in_bulk({row["station"] for row in rows})

    by_day: dict = {}
    for row in rows:
        cells = by_day.setdefault(row["date"], {})
        if row["station"] not in cells:
            empty = {code: {"personnel": 0, "vehicles": 0} for code in Shift.values}
            cells[row["station"]] = StationDay(station=stations[row["station"]], shifts=empty)
        cell = cells[row["station"]]
        cell.shifts[row["shift"]] = {"personnel": row["personnel"], "vehicles": row["vehicles"]}
        cell.personnel += row["personnel"]
        cell.vehicles += row["vehicles"]

    days = []
    for total in totals:
        cells = sorted(by_day.get(total.date, {}).values(), key=lambda c: c.station.code)
        meets = (min_personnel is None or total.personnel >= min_personnel) and (
            min_vehicles is None or total.vehicles >= min_vehicles
        )
        days.append(BoardDay(total=total, stations=cells, meets_target=meets))
    return days
