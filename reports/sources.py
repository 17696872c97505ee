"""The record types the summary reads, each in ONE grouped aggregate query.

A `Source` names a record type's queryset, how its rows are grouped (always by station, and
by day or category where the page's charts and tables need it) and its figures: each figure
an aggregate filtered by a named condition of its domain app. `read()` runs the query over
all the periods at once (the festival, its comparison festival, the preceding period): every
aggregate is computed once per period with the period's own condition in its filter, so the
number of queries is the number of sources whatever the data and the periods.

No figure rule is written here; the conditions are the domain apps' (incidents.models.EFFECTIVE,
inspections.models.ON_SPOT, ...), and hazard conditions are read through the inspection with
xihu.conditions.relative().
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncDate

from disputes.models import Dispute, resolved_by_condition
from incidents.models import (
    CRIMINAL,
    EFFECTIVE,
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
from patrols.models import TIMELY_PLAN, LargeEvent, PatrolDeployment
from services.models import ServiceTally
from xihu.conditions import relative
from xihu.models import LOCAL_TZ

MONEY = DecimalField(max_digits=14, decimal_places=2)


def count(condition=None, *, of="pk", distinct=False):
    """A figure: the number of rows (or of distinct `of`) meeting the condition.

    The condition is a Q or a function of the period (e.g. resolved by its last day)."""

    def make(within, period):
        return Count(of, distinct=distinct, filter=within & _condition(condition, period))

    return make


def total(name, condition=None, *, money=False):
    """A figure: the sum of a field over the rows meeting the condition, 0 over none."""

    def make(within, period):
        summed = Sum(name, filter=within & _condition(condition, period))
        if money:
            return Coalesce(summed, Value(Decimal("0")), output_field=MONEY)
        return Coalesce(summed, 0)

    return make


def _condition(condition, period):
    if condition is None:
        return Q()
    return condition(period) if callable(condition) else condition


@dataclass(frozen=True)
class Source:
    """One record type: its rows, their grouping beside the station, and its figures."""

    name: str
    rows: Callable  # () -> the queryset (a RecordQuerySet), restricted as the figures need
    figures: dict  # figure -> count(...) or total(...)
    group: dict = field(default_factory=dict)  # alias -> expression, e.g. the local day

    def read(self, periods, station=None):
        """[{"station_id", *group aliases, period key: {figure: value}}], one query.

        `periods` is {key: Period}; a row's figures are 0 for a period it is not in.
        """
        qs = self.rows()
        model = qs.model
        within = {key: model.period_condition(p.start, p.end) for key, p in periods.items()}
        aggregates = {
            f"{key}_{name}": make(within[key], periods[key])
            for key in periods
            for name, make in self.figures.items()
        }
        rows = (
            qs.for_station(station)
            .filter(reduce(or_, within.values()))
            .order_by()
            .values("station_id", **self.group)
            .annotate(**aggregates)
            .order_by()
        )
        out = []
        for row in rows:
            item = {key: row[key] for key in ("station_id", *self.group)}
            for key in periods:
                item[key] = {name: row[f"{key}_{name}"] for name in self.figures}
            out.append(item)
        return out


def _in_hazards(condition):
    return relative(condition, "hazards__")


NINE = NINE_SMALL_PLACES_INSPECTED
EXPLOSIVES = EXPLOSIVES_UNIT_INSPECTED
# Every category's effective reports, for the chart; the SPEC §3 figures are five of them.
REPORT_CATEGORIES = {c.value: count(EFFECTIVE & report_category(c)) for c in ReportCategory}

SOURCES = [
    Source(
        "police_reports",
        lambda: PoliceReport.objects.all(),
        {
            "entered": count(),  # any report, effective or not: the completeness table
            "effective": count(EFFECTIVE),
            **REPORT_CATEGORIES,
        },
        group={"day": TruncDate("received_at", tzinfo=LOCAL_TZ)},
    ),
    Source(
        "cases",
        lambda: Case.objects.all(),
        {
            "cracked": count(CRIMINAL),
            "suspects_arrested": total("suspects_arrested", CRIMINAL),
            "telecom_fraud": count(CRIMINAL & TELECOM_FRAUD),
            "gangs_smashed": total("gangs_smashed", CRIMINAL),
            "theft_robbery_fraud": count(CRIMINAL & THEFT_ROBBERY_FRAUD_CASES),
            "theft_robbery_fraud_suspects": total(
                "suspects_arrested", CRIMINAL & THEFT_ROBBERY_FRAUD_CASES
            ),
            "recovered_value": total("recovered_value", CRIMINAL, money=True),
            "fireworks_cases": count(FIREWORKS_CASES),
        },
        group={"of_category": F("category")},
    ),
    Source(
        "inspections",
        # Joined to hazards: inspection and venue counts are DISTINCT, hazard counts are not.
        lambda: Inspection.objects.all(),
        {
            "places_inspected": count(NINE, of="venue", distinct=True),
            "hazards_found": count(NINE, of="hazards"),
            "rectified_on_spot": count(NINE & _in_hazards(ON_SPOT), of="hazards"),
            "time_limited": count(NINE & _in_hazards(TIME_LIMITED), of="hazards"),
            "suspended": count(NINE & _in_hazards(SUSPENSION), of="venue", distinct=True),
            "notices_issued": count(NINE & WITH_NOTICE, distinct=True),
            "explosives_units_inspected": count(EXPLOSIVES, of="venue", distinct=True),
            "explosives_hazards_rectified": count(
                lambda p: EXPLOSIVES & _in_hazards(rectified_by(p.end)), of="hazards"
            ),
        },
    ),
    Source(
        "publicity",
        lambda: PublicityActivity.objects.filter(FIRE_SAFETY_PUBLICITY),
        {"publicity_activities": count(), "materials_distributed": total("materials_distributed")},
    ),
    Source(
        "persuasions",
        lambda: FireworksPersuasion.objects.all(),
        {"fireworks_persuasions": total("behaviours")},
    ),
    Source(
        "events",
        lambda: LargeEvent.objects.all(),
        {
            "large_events": count(),
            "with_security_plan": count(TIMELY_PLAN),
            "attendance": total("expected_attendance"),
            "police_deployed": total("police_deployed"),
        },
    ),
    Source(
        "disputes",
        lambda: Dispute.objects.all(),
        {"registered": count(), "resolved": count(lambda p: resolved_by_condition(p.end))},
        group={"of_category": F("category"), "of_risk": F("risk_level")},
    ),
    Source(
        "services",
        lambda: ServiceTally.objects.all(),
        {
            "tallies": count(),  # the completeness table: a counter's day was entered
            "handled": total("handled"),
            "vehicle_driving": total("vehicle_driving"),
            "on_time": total("on_time"),
            "praised": total("praised"),
        },
        group={"day": F("date")},
    ),
    Source(
        "patrols",
        lambda: PatrolDeployment.objects.all(),
        {
            "deployments": count(),
            "personnel": total("personnel"),
            "vehicles": total("vehicles"),
            "community_forces": total("community_forces"),
        },
        group={"day": F("date")},
    ),
]
