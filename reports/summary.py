"""The festival summary of SPEC §3: every figure computed in the database, in a fixed number
of queries.

Each record type is ONE grouped aggregate query (reports.sources), over the festival, its
comparison festival (同比) and the preceding period of as many days (环比) at once, grouped by
station: QUERIES (9) whatever the data. The district's figures, every station's, the page's
charts, its completeness table and its table of criminal cases by category are all summed in
Python from those rows, never queried again. The page, the API, the exports and the bulletin
text all read `festival_summary()` or `festival_report()`.

No figure's rule is written here: each is a named condition of its domain app, read by
reports.sources; rounding, rates and a period's days are xihu.figures'; the patrol daily
minimum and average are patrols.figures.summarise_days.

Shapes:
    festival_summary(festival, station=None) -> {"festival", "comparison", "station",
        "sections": {section: {figure: {"value", "previous", "change_pct" | "change_pp",
                                        "preceding", "preceding_change_pct" | "..._pp"}}}}
        Python values: int counts, Decimal money (2 places), rates and averages (1 place),
        None where undefined.
    festival_report(festival, station=None) -> that summary plus "stations", "charts",
        "completeness" and "case_categories" (see its docstring); 10 queries.
    figures(period, station=None, *, by_station=False) -> {None or station code: sections}
        of plain values over one period.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from disputes.models import DisputeCategory, RiskLevel
from incidents.models import CaseCategory, ReportCategory
from patrols.figures import DayTotal, summarise_days
from xihu.figures import days_between, rate, round_half_up
from xihu.models import Station

from .sources import SOURCES

# section -> figures, in SPEC §3's order: the API's keys and the page's rows.
SECTIONS = {
    "police_reports": ["effective", "criminal", "public_security", "traffic", "fire", "assistance"],
    "cases": [
        "cracked",
        "suspects_arrested",
        "telecom_fraud",
        "gangs_smashed",
        "theft_robbery_fraud",
        "theft_robbery_fraud_suspects",
        "recovered_value",
    ],
    "fire_safety": [
        "places_inspected",
        "hazards_found",
        "rectified_on_spot",
        "time_limited",
        "suspended",
        "notices_issued",
        "publicity_activities",
        "materials_distributed",
    ],
    "key_items": [
        "explosives_units_inspected",
        "explosives_hazards_rectified",
        "fireworks_cases",
        "fireworks_persuasions",
    ],
    "events": ["large_events", "with_security_plan", "attendance", "police_deployed"],
    "disputes": ["registered", "resolved", "resolution_rate"],
    "patrols": [
        "deployments",
        "personnel_total",
        "community_forces_total",
        "personnel_daily_min",
        "personnel_daily_avg",
        "vehicles_daily_min",
        "vehicles_daily_avg",
    ],
    "public_services": ["handled", "vehicle_driving", "on_time_rate", "praise_rate"],
}
RATES = {
    ("disputes", "resolution_rate"),
    ("public_services", "on_time_rate"),
    ("public_services", "praise_rate"),
}
MONEY = {("cases", "recovered_value")}
CENTS = Decimal("0.01")
QUERIES = len(SOURCES)  # the summary's queries, whatever the data and the periods

round_1 = round_half_up  # half up to one decimal, as the bulletin rounds


@dataclass(frozen=True)
class Period:
    """Local dates from start to end, inclusive."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self):
        return days_between(self.start, self.end)

    def preceding(self) -> "Period":
        """The period of as many days ending the day before this one starts (环比, SPEC §3):
        2024-02-10..17 -> 2024-02-02..09."""
        length = datetime.timedelta(days=len(self.days))
        return Period(self.start - length, self.start - datetime.timedelta(days=1))


def period_of(festival):
    return Period(festival.starts_on, festival.ends_on)


def periods_of(festival) -> dict:
    """{"value": the festival, "previous": its comparison festival (absent without one),
    "preceding": the period of as many days before it}."""
    current = period_of(festival)
    periods = {"value": current, "preceding": current.preceding()}
    if festival.comparison is not None:
        periods["previous"] = period_of(festival.comparison)
    return periods


class Readings:
    """The rows of every source over some periods: one query per source, read once."""

    def __init__(self, periods, station=None):
        self.periods = periods
        self.rows = {source.name: source.read(periods, station) for source in SOURCES}
        self.figure_names = {source.name: list(source.figures) for source in SOURCES}

    def station_ids(self):
        return {row["station_id"] for rows in self.rows.values() for row in rows}

    def sums(self, source, key, where=None):
        """{figure: sum over the rows of `source` (meeting `where`) in period `key`}."""
        out = dict.fromkeys(self.figure_names[source], 0)
        for row in self.rows[source]:
            if where is None or where(row):
                for name, value in row[key].items():
                    out[name] += value
        return out

    def by(self, source, key, group, where=None):
        """{row[group]: {figure: sum}} for period `key`."""
        out = {}
        for row in self.rows[source]:
            if where is None or where(row):
                sums = out.setdefault(row[group], dict.fromkeys(self.figure_names[source], 0))
                for name, value in row[key].items():
                    sums[name] += value
        return out

    def day_totals(self, key, where=None) -> list[DayTotal]:
        """Patrol totals for EVERY day of period `key` (0 on a day without deployment)."""
        found = self.by("patrols", key, "day", where)
        empty = {"deployments": 0, "personnel": 0, "vehicles": 0}
        return [
            DayTotal(day, **{name: found.get(day, empty)[name] for name in empty})
            for day in self.periods[key].days
        ]

    def flat(self, key, station_id=None):
        """Every SPEC §3 figure over period `key`, as {figure: value}, for the district or
        one station."""
        where = None if station_id is None else (lambda row: row["station_id"] == station_id)
        flat = {}
        for source in self.rows:
            flat.update(self.sums(source, key, where))
        flat.update(summarise_days(self.day_totals(key, where)))
        flat["personnel_total"] = flat["personnel"]
        flat["community_forces_total"] = flat["community_forces"]
        flat["recovered_value"] = Decimal(flat["recovered_value"]).quantize(CENTS)
        flat["resolution_rate"] = rate(flat["resolved"], flat["registered"])
        flat["on_time_rate"] = rate(flat["on_time"], flat["handled"])
        flat["praise_rate"] = rate(flat["praised"], flat["handled"])
        return {
            section: {name: flat[name] for name in names} for section, names in SECTIONS.items()
        }


def figures(period, station=None, *, by_station=False):
    """{None: sections} for the district or one station, or {station code: sections}, over
    one period (plain values)."""
    readings = Readings({"value": period}, station)
    if not by_station:
        return {None: readings.flat("value")}
    codes = dict(Station.objects.filter(pk__in=readings.station_ids()).values_list("pk", "code"))
    return {code: readings.flat("value", pk) for pk, code in codes.items()}


def change(section, name, value, previous, prefix=""):
    """{"change_pct": …} or, for rates, {"change_pp": …}; None where it is undefined.

    `prefix` "preceding_" names the period-on-period change (环比)."""
    if (section, name) in RATES:
        pp = None if value is None or previous is None else round_1(value - previous)
        return {f"{prefix}change_pp": pp}
    if previous is None or value is None or Decimal(previous) == 0:
        return {f"{prefix}change_pct": None}
    pct = (Decimal(value) - Decimal(previous)) * 100 / Decimal(previous)
    return {f"{prefix}change_pct": round_1(pct)}


def compare(current, previous, preceding=None):
    """Each figure as {"value", "previous", "change_pct"|"change_pp", "preceding",
    "preceding_change_pct"|"preceding_change_pp"}; `previous`/`preceding` may be None."""
    out = {}
    for section, names in SECTIONS.items():
        out[section] = {}
        for name in names:
            value = current[section][name]
            before = previous[section][name] if previous is not None else None
            earlier = preceding[section][name] if preceding is not None else None
            out[section][name] = {
                "value": value,
                "previous": before,
                **change(section, name, value, before),
                "preceding": earlier,
                **change(section, name, value, earlier, "preceding_"),
            }
    return out


def _compared(readings, station_id=None):
    def of(key):
        return readings.flat(key, station_id) if key in readings.periods else None

    return compare(of("value"), of("previous"), of("preceding"))


def festival_summary(festival, station=None):
    """SPEC §4's summary (Python values: Decimal for money, rates and averages); 9 queries."""
    readings = Readings(periods_of(festival), station)
    return _summary(festival, station, readings)


def _summary(festival, station, readings):
    return {
        "festival": festival,
        "comparison": festival.comparison,
        "station": station,
        "sections": _compared(readings),
    }


def summaries_by_station(festival, stations):
    """(the district's festival_summary(), {station: festival_summary(festival, station)})
    for every station given, from the district's 9 queries: each station's figures are its
    rows of the same grouped readings (a station without records reads as zeros), so a
    publication of N stations costs 9 queries, not 9 × (N + 1)."""
    readings = Readings(periods_of(festival))
    district = _summary(festival, None, readings)
    return district, {
        s: {**district, "station": s, "sections": _compared(readings, s.pk)} for s in stations
    }


def festival_report(festival, station=None):
    """Everything the summary page shows, from the summary's own 9 queries and one query for
    the stations:

        {"summary": festival_summary(),
         "stations": [(Station, sections as in the summary)] for each station with records
            in any of the periods (or the one station), by code,
         "charts": {"period", "daily_reports", "daily_reports_previous", "categories",
                    "disputes", "patrol_days"} (reports.charts' input),
         "completeness": [(Station, {"police_reports"|"patrols"|"tallies": [missing days]})]
            for the police stations (or the one station),
         "case_categories": [{"category", "label", "cracked", "suspects_arrested",
                              "gangs_smashed", "recovered_value"}] criminal cases cracked in
            the festival by category, categories without a case left out}
    """
    readings = Readings(periods_of(festival), station)
    all_stations = list(Station.objects.order_by("code"))
    present = readings.station_ids()
    return {
        "summary": _summary(festival, station, readings),
        "stations": [
            (s, _compared(readings, s.pk))
            for s in all_stations
            if s.pk in present and (station is None or s == station)
        ],
        "charts": _charts(readings),
        "completeness": _completeness(readings, all_stations, station),
        "case_categories": _case_categories(readings),
        "all_stations": all_stations,
    }


def _charts(readings):
    days = readings.by("police_reports", "value", "day")
    previous = None
    if "previous" in readings.periods:
        before = readings.by("police_reports", "previous", "day")
        previous = [
            before.get(d, {}).get("effective", 0) for d in readings.periods["previous"].days
        ]
    totals = readings.sums("police_reports", "value")
    disputes = {}
    for row in readings.rows["disputes"]:
        pair = (row["of_category"], row["of_risk"])
        disputes[pair] = disputes.get(pair, 0) + row["value"]["registered"]
    return {
        "period": readings.periods["value"],
        "daily_reports": [
            days.get(d, {}).get("effective", 0) for d in readings.periods["value"].days
        ],
        "daily_reports_previous": previous,
        "categories": {c.value: totals[c.value] for c in ReportCategory},
        "disputes": {
            (c.value, r.value): disputes.get((c.value, r.value), 0)
            for c in DisputeCategory
            for r in RiskLevel
        },
        "patrol_days": readings.day_totals("value"),
    }


COMPLETENESS = [("police_reports", "entered"), ("patrols", "deployments"), ("tallies", "tallies")]


def _completeness(readings, all_stations, station):
    """[(station, {kind: days of the festival with nothing entered})]."""
    sources = {"police_reports": "police_reports", "patrols": "patrols", "tallies": "services"}
    entered = {}
    for kind, figure in COMPLETENESS:
        for row in readings.rows[sources[kind]]:
            if row["value"][figure]:
                entered.setdefault((kind, row["station_id"]), set()).add(row["day"])
    stations = [station] if station else [s for s in all_stations if s.kind == "police_station"]
    days = readings.periods["value"].days
    return [
        (
            s,
            {
                kind: [d for d in days if d not in entered.get((kind, s.pk), set())]
                for kind, _ in COMPLETENESS
            },
        )
        for s in stations
    ]


def _case_categories(readings):
    rows = readings.by("cases", "value", "of_category")
    labels = dict(CaseCategory.choices)
    out = []
    for category in CaseCategory:
        sums = rows.get(category.value)
        if not sums or not sums["cracked"]:
            continue
        out.append(
            {
                "category": category.value,
                "label": labels[category.value],
                "cracked": sums["cracked"],
                "suspects_arrested": sums["suspects_arrested"],
                "gangs_smashed": sums["gangs_smashed"],
                "recovered_value": Decimal(sums["recovered_value"]).quantize(CENTS),
            }
        )
    return out
