"""The festival summary of SPEC §3: every figure computed in the database.

Each record type is read with ONE aggregate query per period (conditional Count/Sum with
filter=Q(...)), so the number of queries is the same for ten records and for a million:
QUERIES_PER_PERIOD (9) for a festival, twice that with a comparison festival. The same
functions group by station for the page's per-station table (again 9 queries). The page,
the API, the exports and the bulletin text all read `festival_summary()`.

No figure's rule is written here: each is a named condition of its domain app (EFFECTIVE,
CRIMINAL, THEFT_ROBBERY_FRAUD_CASES, NINE_SMALL_PLACES_INSPECTED, ON_SPOT, TIMELY_PLAN,
resolved_by_condition, ...), which the app's queryset methods and the list filters of the
drill-down links read too; hazard conditions are read through an inspection with
xihu.conditions.relative(). Rounding, rates and a period's days are xihu.figures'; the
patrol daily minimum and average are patrols.figures.summarise_days.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from disputes.models import Dispute, resolved_by_condition
from incidents.models import (
    CRIMINAL,
    FIREWORKS_CASES,
    TELECOM_FRAUD,
    THEFT_ROBBERY_FRAUD_CASES,
    Case,
    PoliceReport,
    ReportCategory,
    report_category,
)
from inspections.models import (
    EXPLOSIVES_UNIT_INSPECTED,
    FIRE_SAFETY_PUBLICITY,
    NINE_SMALL_PLACES_INSPECTED,
    ON_SPOT,
    SUSPENSION,
    TIME_LIMITED,
    WITH_NOTICE,
    FireworksPersuasion,
    Inspection,
    PublicityActivity,
    rectified_by,
)
from patrols.figures import DayTotal, summarise_days
from patrols.models import TIMELY_PLAN, LargeEvent, PatrolDeployment
from services.models import ServiceTally
from xihu.conditions import relative
from xihu.figures import days_between, rate, round_half_up

# section -> figures, in SPEC §3's order: the API's keys and the page's rows.
SECTIONS = {
    "police_reports": ["effective", "criminal", "public_security"],
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
    "events": ["large_events", "with_security_plan"],
    "disputes": ["registered", "resolved", "resolution_rate"],
    "patrols": [
        "deployments",
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


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def days(self):
        return days_between(self.start, self.end)


round_1 = round_half_up  # half up to one decimal, as the bulletin rounds


def _rows(qs, by_station, aggregates):
    """{None: totals} or {station code: totals}: one query either way."""
    # Aliases must not shadow the fields they sum (Sum("suspects_arrested") as itself).
    aliased = {f"figure_{name}": aggregate for name, aggregate in aggregates.items()}
    qs = qs.order_by()
    if not by_station:
        rows = [qs.aggregate(**aliased)]
    else:
        rows = qs.values("station__code").annotate(**aliased).order_by()
    return {
        row.get("station__code"): {
            name.removeprefix("figure_"): value
            for name, value in row.items()
            if name != "station__code"
        }
        for row in rows
    }


def _sum(field, condition=None):
    """Sum that answers 0, not None, over no rows."""
    return Coalesce(Sum(field, filter=condition), 0)


def police_reports(period, station, by_station=False):
    qs = PoliceReport.objects.effective().in_period(period.start, period.end).for_station(station)
    return _rows(
        qs,
        by_station,
        {
            "effective": Count("pk"),
            "criminal": Count("pk", filter=report_category(ReportCategory.CRIMINAL)),
            "public_security": Count("pk", filter=report_category(ReportCategory.PUBLIC_SECURITY)),
        },
    )


def cases(period, station, by_station=False):
    # Fireworks cases count whatever their nature; every other figure is criminal cases only.
    criminal = CRIMINAL
    telecom = CRIMINAL & TELECOM_FRAUD
    trf = CRIMINAL & THEFT_ROBBERY_FRAUD_CASES
    money = DecimalField(max_digits=14, decimal_places=2)
    qs = Case.objects.in_period(period.start, period.end).for_station(station)
    return _rows(
        qs,
        by_station,
        {
            "cracked": Count("pk", filter=criminal),
            "suspects_arrested": _sum("suspects_arrested", criminal),
            "telecom_fraud": Count("pk", filter=telecom),
            "gangs_smashed": _sum("gangs_smashed", telecom),
            "theft_robbery_fraud": Count("pk", filter=trf),
            "theft_robbery_fraud_suspects": _sum("suspects_arrested", trf),
            "recovered_value": Coalesce(
                Sum("recovered_value", filter=criminal), Value(Decimal("0")), output_field=money
            ),
            "fireworks_cases": Count("pk", filter=FIREWORKS_CASES),
        },
    )


def inspections(period, station, by_station=False):
    # Joined to hazards: inspection and venue counts are DISTINCT, hazard counts are not.
    nine = NINE_SMALL_PLACES_INSPECTED
    explosives = EXPLOSIVES_UNIT_INSPECTED
    qs = Inspection.objects.in_period(period.start, period.end).for_station(station)
    return _rows(
        qs,
        by_station,
        {
            "places_inspected": Count("venue", distinct=True, filter=nine),
            "hazards_found": Count("hazards", filter=nine),
            "rectified_on_spot": Count("hazards", filter=nine & relative(ON_SPOT, "hazards__")),
            "time_limited": Count("hazards", filter=nine & relative(TIME_LIMITED, "hazards__")),
            "suspended": Count(
                "venue", distinct=True, filter=nine & relative(SUSPENSION, "hazards__")
            ),
            "notices_issued": Count("pk", distinct=True, filter=nine & WITH_NOTICE),
            "explosives_units_inspected": Count("venue", distinct=True, filter=explosives),
            "explosives_hazards_rectified": Count(
                "hazards", filter=explosives & relative(rectified_by(period.end), "hazards__")
            ),
        },
    )


def publicity(period, station, by_station=False):
    qs = (
        PublicityActivity.objects.filter(FIRE_SAFETY_PUBLICITY)
        .in_period(period.start, period.end)
        .for_station(station)
    )
    return _rows(
        qs,
        by_station,
        {
            "publicity_activities": Count("pk"),
            "materials_distributed": _sum("materials_distributed"),
        },
    )


def persuasions(period, station, by_station=False):
    qs = FireworksPersuasion.objects.in_period(period.start, period.end).for_station(station)
    return _rows(qs, by_station, {"fireworks_persuasions": _sum("behaviours")})


def events(period, station, by_station=False):
    qs = LargeEvent.objects.in_period(period.start, period.end).for_station(station)
    return _rows(
        qs,
        by_station,
        {"large_events": Count("pk"), "with_security_plan": Count("pk", filter=TIMELY_PLAN)},
    )


def disputes(period, station, by_station=False):
    qs = Dispute.objects.in_period(period.start, period.end).for_station(station)
    resolved = resolved_by_condition(period.end)
    return _rows(
        qs, by_station, {"registered": Count("pk"), "resolved": Count("pk", filter=resolved)}
    )


def services(period, station, by_station=False):
    qs = ServiceTally.objects.in_period(period.start, period.end).for_station(station)
    return _rows(
        qs,
        by_station,
        {
            "handled": _sum("handled"),
            "vehicle_driving": _sum("vehicle_driving"),
            "on_time": _sum("on_time"),
            "praised": _sum("praised"),
        },
    )


def patrol_days(period, station, by_station=False):
    """{key: {date: {deployments, personnel, vehicles}}}, one grouped query; days without
    a deployment are absent (the figures count them as 0)."""
    qs = PatrolDeployment.objects.in_period(period.start, period.end).for_station(station)
    out = {}
    for row in qs.per_day(*(["station__code"] if by_station else [])):
        key = row.pop("station__code", None)
        out.setdefault(key, {})[row.pop("date")] = row
    return out


def patrol_figures(period, days):
    """Daily minimum and average over every day of the period (patrols.figures' rule)."""
    empty = {"deployments": 0, "personnel": 0, "vehicles": 0}
    return summarise_days([DayTotal(day, **days.get(day, empty)) for day in period.days])


QUERIES = [police_reports, cases, inspections, publicity, persuasions, events, disputes, services]
QUERIES_PER_PERIOD = len(QUERIES) + 1  # + patrol_days


def _arrange(flat, period, patrol):
    """Flat aggregate results to SPEC §3's sections, with the derived figures."""
    flat = {**flat, **patrol_figures(period, patrol)}
    flat["recovered_value"] = Decimal(flat["recovered_value"]).quantize(CENTS)
    flat["resolution_rate"] = rate(flat["resolved"], flat["registered"])
    flat["on_time_rate"] = rate(flat["on_time"], flat["handled"])
    flat["praise_rate"] = rate(flat["praised"], flat["handled"])
    return {section: {name: flat[name] for name in names} for section, names in SECTIONS.items()}


# Figures computed in Python from the aggregates above (per day, or a ratio of two sums).
DERIVED = {
    "resolution_rate",
    "on_time_rate",
    "praise_rate",
    "deployments",
    "personnel_daily_min",
    "personnel_daily_avg",
    "vehicles_daily_min",
    "vehicles_daily_avg",
}
# What a station without any record of a kind gets: the same as an empty aggregate.
RAW_DEFAULTS = {
    **{name: 0 for names in SECTIONS.values() for name in names if name not in DERIVED},
    "on_time": 0,
    "praised": 0,
}


def figures(period, station=None, *, by_station=False):
    """{None: sections} for the district or one station, or {station code: sections}."""
    results = [query(period, station, by_station) for query in QUERIES]
    patrol = patrol_days(period, station, by_station)
    keys = {None} if not by_station else set().union(*results, patrol)
    out = {}
    for key in keys:
        flat = dict(RAW_DEFAULTS)
        for result in results:
            flat.update(result.get(key, {}))
        out[key] = _arrange(flat, period, patrol.get(key, {}))
    return out


def change(section, name, value, previous):
    """{"change_pct": …} or, for rates, {"change_pp": …}; None where it is undefined."""
    if (section, name) in RATES:
        pp = None if value is None or previous is None else round_1(value - previous)
        return {"change_pp": pp}
    if previous is None or value is None or Decimal(previous) == 0:
        return {"change_pct": None}
    pct = (Decimal(value) - Decimal(previous)) * 100 / Decimal(previous)
    return {"change_pct": round_1(pct)}


def period_of(festival):
    return Period(festival.starts_on, festival.ends_on)


def compare(current, previous):
    """Each figure as {"value", "previous", "change_pct"|"change_pp"}."""
    out = {}
    for section, names in SECTIONS.items():
        out[section] = {}
        for name in names:
            value = current[section][name]
            before = previous[section][name] if previous is not None else None
            out[section][name] = {
                "value": value,
                "previous": before,
                **change(section, name, value, before),
            }
    return out


def festival_summary(festival, station=None):
    """SPEC §4's summary (Python values: Decimal for money, rates and averages)."""
    current = figures(period_of(festival), station)[None]
    previous = None
    if festival.comparison is not None:
        previous = figures(period_of(festival.comparison), station)[None]
    return {
        "festival": festival,
        "comparison": festival.comparison,
        "station": station,
        "sections": compare(current, previous),
    }
