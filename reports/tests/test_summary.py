"""Every figure of SPEC §3 pinned with small hand-made data."""

import datetime
from decimal import Decimal

import pytest

from reports.summary import SECTIONS, Period, festival_summary, figures, round_1

from . import builders as b

D = datetime.date
DT = datetime.datetime
P = Period(D(2024, 2, 10), D(2024, 2, 17))

pytestmark = pytest.mark.django_db


def test_police_reports_count_by_local_date_at_midnight(station_a):
    b.report(station_a, DT(2024, 2, 9, 23, 59, 59))  # the day before, local time
    b.report(station_a, DT(2024, 2, 10, 0, 0))  # 2024-02-09 16:00 UTC: already in P
    b.report(station_a, DT(2024, 2, 17, 23, 59, 59), category="public_security")
    b.report(station_a, DT(2024, 2, 18, 0, 0))
    b.report(station_a, DT(2024, 2, 12, 8), category="traffic")
    b.report(station_a, DT(2024, 2, 12, 9), effective=False)  # a misdial
    got = figures(P)[None]["police_reports"]
    assert got == {
        "effective": 3,
        "criminal": 1,
        "public_security": 1,
        "traffic": 1,
        "fire": 0,
        "assistance": 0,
    }


def test_cases(station_a):
    b.case(station_a, D(2024, 2, 10), "theft", suspects_arrested=2, recovered_value=Decimal("5"))
    b.case(station_a, D(2024, 2, 11), "telecom_fraud", suspects_arrested=1, gangs_smashed=2)
    b.case(station_a, D(2024, 2, 11), "drugs", suspects_arrested=4, gangs_smashed=1)
    b.case(station_a, D(2024, 2, 12), "robbery", recovered_value=Decimal("100.5"))
    b.case(station_a, D(2024, 2, 12), "theft", nature="administrative", suspects_arrested=9)
    b.case(station_a, D(2024, 2, 13), "fireworks", nature="administrative")
    b.case(station_a, D(2024, 2, 13), "fireworks")
    b.case(station_a, D(2024, 2, 18), "theft", suspects_arrested=7)  # after P
    got = figures(P)[None]
    assert got["cases"] == {
        "cracked": 5,
        "suspects_arrested": 7,
        "telecom_fraud": 1,
        "gangs_smashed": 3,  # over every criminal case: telecom fraud 2, drugs 1 (SPEC §3)
        "theft_robbery_fraud": 3,
        "theft_robbery_fraud_suspects": 3,
        "recovered_value": Decimal("105.50"),
    }
    assert got["key_items"]["fireworks_cases"] == 2  # of any nature


def test_fire_safety_counts_distinct_places_and_their_hazards(station_a):
    shop, hotel, bar = (b.venue(station_a, k) for k in ("shop", "hotel", "entertainment"))
    b.inspection(shop, D(2024, 2, 10), [("on_spot", D(2024, 2, 10))] * 2)
    b.inspection(shop, D(2024, 2, 15), [("time_limited", None)], notice="N1")  # same place
    b.inspection(hotel, D(2024, 2, 11), [("suspension", None), ("suspension", None)])
    b.inspection(bar, D(2024, 2, 12))  # no hazard
    b.inspection(bar, D(2024, 2, 9), [("on_spot", D(2024, 2, 9))])  # before P
    dealer = b.venue(station_a, "fireworks")  # a key-item unit, not one of the nine
    b.inspection(dealer, D(2024, 2, 12), [("on_spot", D(2024, 2, 12))], notice="N2")
    b.publicity(station_a, D(2024, 2, 10), materials=150)
    b.publicity(station_a, D(2024, 2, 11), materials=260)
    b.publicity(station_a, D(2024, 2, 11), topic="anti_fraud", materials=999)
    assert figures(P)[None]["fire_safety"] == {
        "places_inspected": 3,
        "hazards_found": 5,
        "rectified_on_spot": 2,
        "time_limited": 1,
        "suspended": 1,  # one venue, two suspension hazards
        "notices_issued": 1,
        "publicity_activities": 2,
        "materials_distributed": 410,
    }


def test_key_items_hazards_rectified_after_the_last_day_do_not_count(station_a):
    for n in range(2):
        unit = b.venue(station_a, "explosives", name=f"爆破{n}")
        b.inspection(
            unit,
            D(2024, 2, 11),
            [
                ("on_spot", D(2024, 2, 11)),
                ("time_limited", D(2024, 2, 17)),  # the last day: counts
                ("time_limited", D(2024, 2, 18)),  # the day after: does not
                ("time_limited", None),
            ],
            notice=f"E{n}",
        )
    b.persuasion(station_a, D(2024, 2, 10), 3)
    b.persuasion(station_a, D(2024, 2, 17), 2)
    b.persuasion(station_a, D(2024, 2, 18), 50)
    got = figures(P)[None]
    assert got["key_items"] == {
        "explosives_units_inspected": 2,
        "explosives_hazards_rectified": 4,
        "fireworks_cases": 0,
        "fireworks_persuasions": 5,
    }
    assert got["fire_safety"]["notices_issued"] == 0  # notices of key-item units are apart


def test_events_overlapping_the_period_and_timely_plans(station_a):
    b.event(station_a, D(2024, 2, 5), D(2024, 2, 10), plan_on=D(2024, 2, 1))  # overlaps
    b.event(station_a, D(2024, 2, 17), D(2024, 2, 20), plan_on=D(2024, 2, 17))  # on the day
    b.event(station_a, D(2024, 2, 12), D(2024, 2, 12), plan_on=D(2024, 2, 12))
    b.event(station_a, D(2024, 2, 13), D(2024, 2, 14))  # no plan
    b.event(station_a, D(2024, 2, 14), D(2024, 2, 15), plan_on=D(2024, 2, 15))  # late
    b.event(station_a, D(2024, 2, 18), D(2024, 2, 19), plan_on=D(2024, 2, 1))  # after P
    assert figures(P)[None]["events"] == {
        "large_events": 5,
        "with_security_plan": 3,
        "attendance": 0,
        "police_deployed": 0,
    }


def test_disputes_resolved_by_the_last_day(station_a):
    b.dispute(station_a, D(2024, 2, 10), resolved_on=D(2024, 2, 10))
    b.dispute(station_a, D(2024, 2, 12), resolved_on=D(2024, 2, 17))
    b.dispute(station_a, D(2024, 2, 12), resolved_on=D(2024, 2, 18))  # too late
    b.dispute(station_a, D(2024, 2, 13), status="mediating")
    b.dispute(station_a, D(2024, 2, 9), resolved_on=D(2024, 2, 10))  # registered before P
    assert figures(P)[None]["disputes"] == {
        "registered": 4,
        "resolved": 2,
        "resolution_rate": Decimal("50.0"),
    }


def test_patrol_daily_minimum_counts_a_day_without_patrols_as_zero(station_a, station_b):
    for day in P.days[:-1]:  # nobody on the last day
        b.patrol(station_a, day, personnel=10, vehicles=2)
        b.patrol(station_b, day, personnel=5, vehicles=1, shift="night")
    b.patrol(station_a, D(2024, 2, 18), personnel=100, vehicles=100)
    got = figures(P)[None]["patrols"]
    assert got == {
        "deployments": 14,
        "personnel_total": 105,
        "community_forces_total": 0,
        "personnel_daily_min": 0,
        "personnel_daily_avg": Decimal("13.1"),  # 105 / 8 = 13.125
        "vehicles_daily_min": 0,
        "vehicles_daily_avg": Decimal("2.6"),  # 21 / 8 = 2.625
    }
    b.patrol(station_b, D(2024, 2, 17), personnel=3, vehicles=1)
    got = figures(P)[None]["patrols"]
    assert (got["personnel_daily_min"], got["vehicles_daily_min"]) == (3, 1)


def test_public_services_rates(station_a):
    b.tally(station_a, D(2024, 2, 10), handled=3, vehicle_driving=1, on_time=3, praised=2)
    b.tally(station_a, D(2024, 2, 11), handled=0)
    assert figures(P)[None]["public_services"] == {
        "handled": 3,
        "vehicle_driving": 1,
        "on_time_rate": Decimal("100.0"),
        "praise_rate": Decimal("66.7"),
    }


def test_rates_are_null_on_a_zero_denominator(db):
    got = figures(P)[None]
    assert got["disputes"]["resolution_rate"] is None
    assert got["public_services"]["on_time_rate"] is None
    assert got["public_services"]["praise_rate"] is None
    assert got["cases"]["recovered_value"] == Decimal("0.00")
    assert got["patrols"]["personnel_daily_min"] == 0


def test_rounding_is_half_up():
    assert round_1(Decimal("0.05")) == Decimal("0.1")
    assert round_1(Decimal("2.25")) == Decimal("2.3")
    assert round_1(Decimal("-32.15")) == Decimal("-32.2")


def test_station_filter(station_a, station_b):
    b.report(station_a, DT(2024, 2, 11, 12))
    b.report(station_b, DT(2024, 2, 11, 12))
    b.report(station_b, DT(2024, 2, 11, 13))
    assert figures(P, station_a)[None]["police_reports"]["effective"] == 1
    assert figures(P, station_b)[None]["police_reports"]["effective"] == 2
    by_station = figures(P, by_station=True)
    assert by_station["xixi"]["police_reports"]["effective"] == 2
    assert by_station["beishan"]["disputes"]["resolution_rate"] is None


def test_previous_and_changes(station_a):
    before = b.festival("sf23", D(2023, 1, 21), D(2023, 1, 27))
    now = b.festival("sf24", comparison=before)
    for hour in range(4):
        b.report(station_a, DT(2023, 1, 22, hour))
    b.report(station_a, DT(2024, 2, 11, 1))
    b.tally(station_a, D(2023, 1, 22), handled=4, on_time=3, praised=4)
    b.tally(station_a, D(2024, 2, 11), handled=2, on_time=2, praised=1)
    sections = festival_summary(now)["sections"]
    assert sections["police_reports"]["effective"] == {
        "value": 1,
        "previous": 4,
        "change_pct": Decimal("-75.0"),
        "preceding": 0,
        "preceding_change_pct": None,
    }
    # previous 0: no percentage
    assert sections["police_reports"]["criminal"]["change_pct"] == Decimal("-75.0")
    assert sections["police_reports"]["public_security"] == {
        "value": 0,
        "previous": 0,
        "change_pct": None,
        "preceding": 0,
        "preceding_change_pct": None,
    }
    assert sections["public_services"]["on_time_rate"] == {
        "value": Decimal("100.0"),
        "previous": Decimal("75.0"),
        "change_pp": Decimal("25.0"),
        "preceding": None,
        "preceding_change_pp": None,
    }
    # a rate without a denominator on one side has no change either
    assert sections["disputes"]["resolution_rate"] == {
        "value": None,
        "previous": None,
        "change_pp": None,
        "preceding": None,
        "preceding_change_pp": None,
    }


def test_a_festival_without_comparison_has_no_previous(station_a):
    alone = b.festival("alone")
    b.report(station_a, DT(2024, 2, 11, 1))
    sections = festival_summary(alone)["sections"]
    assert list(sections) == list(SECTIONS)
    for section, names in SECTIONS.items():
        assert list(sections[section]) == names
        for name in names:
            figure = sections[section][name]
            assert figure["previous"] is None
            assert figure.get("change_pct", figure.get("change_pp", "absent")) is None
