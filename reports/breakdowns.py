"""What the summary page shows beside the figures: chart series, per-station figures and
which stations left days empty. Each function runs one grouped query (or a fixed few)."""

from django.db.models import Count
from django.db.models.functions import TruncDate

from disputes.models import Dispute
from incidents.models import PoliceReport
from patrols.figures import daily_totals
from patrols.models import PatrolDeployment
from services.models import ServiceTally
from xihu.models import LOCAL_TZ, Station

from .summary import period_of


def daily_reports(period, station):
    """Effective police reports per local day, every day of the period (0 when none)."""
    rows = (
        PoliceReport.objects.effective()
        .in_period(period.start, period.end)
        .for_station(station)
        .annotate(day=TruncDate("received_at", tzinfo=LOCAL_TZ))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {row["day"]: row["n"] for row in rows}
    return [found.get(day, 0) for day in period.days]


def reports_by_category(period, station):
    rows = (
        PoliceReport.objects.effective()
        .in_period(period.start, period.end)
        .for_station(station)
        .values("category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["category"]: row["n"] for row in rows}


def disputes_by_category_and_risk(period, station):
    rows = (
        Dispute.objects.in_period(period.start, period.end)
        .for_station(station)
        .values("category", "risk_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["category"], row["risk_level"]): row["n"] for row in rows}


def chart_data(festival, station):
    """The series the charts draw (5 queries, 6 with a comparison festival)."""
    period = period_of(festival)
    previous = None
    if festival.comparison is not None:
        previous = daily_reports(period_of(festival.comparison), station)
    return {
        "period": period,
        "daily_reports": daily_reports(period, station),
        "daily_reports_previous": previous,
        "categories": reports_by_category(period, station),
        "disputes": disputes_by_category_and_risk(period, station),
        "patrol_days": daily_totals(period.start, period.end, station=station),
    }


def _days_entered(qs, period, station, day_field):
    rows = qs.in_period(period.start, period.end).for_station(station)
    if day_field == "received_at":
        rows = rows.annotate(day=TruncDate("received_at", tzinfo=LOCAL_TZ))
        day_field = "day"
    pairs = rows.values_list("station_id", day_field).distinct().order_by()
    out = {}
    for station_id, day in pairs:
        out.setdefault(station_id, set()).add(day)
    return out


COMPLETENESS = [
    ("police_reports", PoliceReport, "received_at"),
    ("patrols", PatrolDeployment, "date"),
    ("tallies", ServiceTally, "date"),
]


def completeness(festival, station):
    """[(station, {kind: missing days})] for the police stations (or the one): the days of
    the period on which a station entered no police report, patrol or tally."""
    period = period_of(festival)
    entered = {
        kind: _days_entered(model.objects.all(), period, station, field)
        for kind, model, field in COMPLETENESS
    }
    stations = [station] if station else Station.objects.filter(kind="police_station")
    rows = []
    for s in stations:
        missing = {
            kind: [day for day in period.days if day not in days.get(s.pk, set())]
            for kind, days in entered.items()
        }
        rows.append((s, missing))
    return rows
