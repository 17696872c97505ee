import datetime
from decimal import Decimal

import pytest

from patrols.figures import daily_totals, event_figures, patrol_figures, round_half_up
from patrols.models import LargeEvent

from .factories import LargeEventFactory, PatrolDeploymentFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_round_half_up():
    assert round_half_up(Decimal("2.25")) == Decimal("2.3")
    assert round_half_up(Decimal("2.35")) == Decimal("2.4")
    assert round_half_up(Decimal("-0.05")) == Decimal("-0.1")


def test_daily_totals_fill_days_without_deployment(station_a, station_b):
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 10), personnel=120, vehicles=20)
    PatrolDeploymentFactory(station=station_b, date=D(2024, 2, 10), personnel=90, vehicles=11)
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 12), personnel=5, vehicles=1)
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 13), personnel=500)  # outside

    days = daily_totals(D(2024, 2, 10), D(2024, 2, 12))

    assert [(d.date.day, d.deployments, d.personnel, d.vehicles) for d in days] == [
        (10, 2, 210, 31),
        (11, 0, 0, 0),
        (12, 1, 5, 1),
    ]
    assert [
        d.personnel for d in daily_totals(D(2024, 2, 10), D(2024, 2, 10), station=station_b)
    ] == [90]


def test_patrol_figures_min_counts_empty_day_as_zero(station_a, django_assert_num_queries):
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 10), personnel=210, vehicles=31)
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 11), personnel=205, vehicles=32)
    PatrolDeploymentFactory(station=station_a, date=D(2024, 2, 12), personnel=1, vehicles=0)

    with django_assert_num_queries(1):
        figures = patrol_figures(D(2024, 2, 10), D(2024, 2, 13))

    assert figures == {
        "deployments": 3,
        "personnel_daily_min": 0,  # the 13th had no deployment
        "personnel_daily_avg": Decimal("104.0"),  # 416 / 4
        "vehicles_daily_min": 0,
        "vehicles_daily_avg": Decimal("15.8"),  # 63 / 4 = 15.75, half up
    }
    full = patrol_figures(D(2024, 2, 10), D(2024, 2, 11))
    assert full["personnel_daily_min"] == 205
    assert full["vehicles_daily_min"] == 31
    assert full["personnel_daily_avg"] == Decimal("207.5")


def test_patrol_figures_for_one_station(station_a, station_b):
    PatrolDeploymentFactory(station=station_a, personnel=7, vehicles=1)
    PatrolDeploymentFactory(station=station_b, personnel=100, vehicles=9)
    day = D(2024, 2, 10)
    assert patrol_figures(day, day, station=station_a)["personnel_daily_min"] == 7
    assert patrol_figures(day, day)["personnel_daily_min"] == 107


def test_event_figures_overlap_and_timely_plan(station_a, station_b, django_assert_num_queries):
    LargeEventFactory(  # overlaps the start, plan on the first day: timely
        station=station_a,
        starts_on=D(2024, 2, 8),
        ends_on=D(2024, 2, 10),
        security_plan_issued_on=D(2024, 2, 8),
    )
    LargeEventFactory(  # inside, plan a day late
        station=station_a,
        starts_on=D(2024, 2, 12),
        ends_on=D(2024, 2, 14),
        security_plan_issued_on=D(2024, 2, 13),
    )
    LargeEventFactory(station=station_b, starts_on=D(2024, 2, 17), ends_on=D(2024, 2, 20))
    LargeEventFactory(station=station_a, starts_on=D(2024, 2, 18), ends_on=D(2024, 2, 18))

    with django_assert_num_queries(1):
        figures = event_figures(D(2024, 2, 10), D(2024, 2, 17))

    assert figures == {"large_events": 3, "with_security_plan": 1}
    assert event_figures(D(2024, 2, 10), D(2024, 2, 17), station=station_b) == {
        "large_events": 1,
        "with_security_plan": 0,
    }
    assert LargeEvent.objects.with_timely_plan().count() == 1
