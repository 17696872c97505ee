import datetime
from decimal import Decimal

import pytest

from services.figures import rate, service_figures

from .factories import ServiceTallyFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_rate_rounds_half_up_and_is_none_without_handled():
    assert rate(0, 0) is None
    assert rate(1, 8) == Decimal("12.5")
    assert rate(1, 16) == Decimal("6.3")  # 6.25
    assert rate(2, 3) == Decimal("66.7")
    assert rate(5, 5) == Decimal("100.0")


def test_service_figures_sum_and_rates(station_a, station_b, django_assert_num_queries):
    ServiceTallyFactory(
        station=station_a, handled=500, vehicle_driving=20, on_time=500, praised=499
    )
    ServiceTallyFactory(
        station=station_b,
        date=D(2024, 2, 17),
        handled=411,
        vehicle_driving=19,
        on_time=411,
        praised=411,
    )
    ServiceTallyFactory(station=station_a, date=D(2024, 2, 18), handled=1000, on_time=0, praised=0)

    with django_assert_num_queries(1):
        figures = service_figures(D(2024, 2, 10), D(2024, 2, 17))

    assert figures == {
        "handled": 911,
        "vehicle_driving": 39,
        "on_time": 911,
        "praised": 910,
        "on_time_rate": Decimal("100.0"),
        "praise_rate": Decimal("99.9"),
    }
    assert service_figures(D(2024, 2, 10), D(2024, 2, 17), station=station_b)["handled"] == 411


def test_service_figures_empty_period():
    assert service_figures(D(2024, 1, 1), D(2024, 1, 2)) == {
        "handled": 0,
        "vehicle_driving": 0,
        "on_time": 0,
        "praised": 0,
        "on_time_rate": None,
        "praise_rate": None,
    }
