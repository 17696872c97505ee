"""The figures of issues 16 and 21, pinned with small hand-made data: traffic, fire and
assistance reports, events' attendance and police, patrol person-times and community forces,
gangs smashed over every category, the preceding period (环比) and the page's category table."""

import datetime
from decimal import Decimal

import pytest

from reports.summary import QUERIES, Period, festival_report, festival_summary, figures

from . import builders as b

D = datetime.date
DT = datetime.datetime
P = Period(D(2024, 2, 10), D(2024, 2, 17))

pytestmark = pytest.mark.django_db


def test_reports_of_each_category(station_a):
    for category in ("criminal", "public_security", "traffic", "fire", "assistance", "dispute"):
        b.report(station_a, DT(2024, 2, 12, 10), category=category)
    b.report(station_a, DT(2024, 2, 12, 11), category="traffic")
    b.report(station_a, DT(2024, 2, 10, 0, 0), category="fire")  # first local minute of P
    b.report(station_a, DT(2024, 2, 9, 23, 59), category="fire")  # the day before P
    b.report(station_a, DT(2024, 2, 17, 23, 59), category="assistance")  # last minute of P
    b.report(station_a, DT(2024, 2, 18, 0, 0), category="assistance")  # after P
    b.report(station_a, DT(2024, 2, 13, 9), category="traffic", effective=False)  # a misdial
    assert figures(P)[None]["police_reports"] == {
        "effective": 9,
        "criminal": 1,
        "public_security": 1,
        "traffic": 2,
        "fire": 2,
        "assistance": 2,
    }


def test_event_attendance_and_police_deployed_over_the_events_overlapping_the_period(station_a):
    b.event(station_a, D(2024, 2, 8), D(2024, 2, 10), attendance=5000, police=40)  # first day
    b.event(station_a, D(2024, 2, 17), D(2024, 2, 19), attendance=300, police=6)  # last day
    b.event(station_a, D(2024, 2, 8), D(2024, 2, 9), attendance=70000, police=900)  # before
    b.event(station_a, D(2024, 2, 18), D(2024, 2, 18), attendance=80000, police=800)  # after
    events = figures(P)[None]["events"]
    assert (events["large_events"], events["attendance"], events["police_deployed"]) == (
        2,
        5300,
        46,
    )


def test_patrol_person_times_and_community_forces(station_a, station_b):
    b.patrol(station_a, P.start, personnel=12, vehicles=2, community_forces=30)  # first day
    b.patrol(station_b, P.start, personnel=8, shift="night", community_forces=5)
    b.patrol(station_a, P.end, personnel=10, community_forces=7)  # last day
    b.patrol(station_a, D(2024, 2, 9), personnel=99, community_forces=99)  # the day before
    b.patrol(station_a, D(2024, 2, 18), personnel=99, community_forces=99)  # the day after
    patrols = figures(P)[None]["patrols"]
    assert (patrols["personnel_total"], patrols["community_forces_total"]) == (30, 42)
    assert patrols["deployments"] == 3
    assert figures(P, station_b)[None]["patrols"]["community_forces_total"] == 5


def test_gangs_smashed_over_criminal_cases_of_every_category(station_a):
    b.case(station_a, D(2024, 2, 11), "theft", gangs_smashed=4)
    b.case(station_a, D(2024, 2, 11), "telecom_fraud", gangs_smashed=1)
    b.case(station_a, D(2024, 2, 12), "drugs", gangs_smashed=2)
    b.case(station_a, D(2024, 2, 12), "gambling", nature="administrative", gangs_smashed=9)
    b.case(station_a, D(2024, 2, 18), "theft", gangs_smashed=9)  # after P
    assert figures(P)[None]["cases"]["gangs_smashed"] == 7


def test_the_preceding_period_has_as_many_days_and_ends_the_day_before():
    assert P.preceding() == Period(D(2024, 2, 2), D(2024, 2, 9))
    one_day = Period(D(2024, 3, 1), D(2024, 3, 1))
    assert one_day.preceding() == Period(D(2024, 2, 29), D(2024, 2, 29))


def test_preceding_figures_and_their_change(station_a):
    festival = b.festival("sf24")
    b.report(station_a, DT(2024, 2, 2, 0, 0))  # first minute of the preceding period
    b.report(station_a, DT(2024, 2, 9, 23, 59))  # its last minute
    b.report(station_a, DT(2024, 2, 1, 23, 59))  # before it
    for hour in range(3):
        b.report(station_a, DT(2024, 2, 10, hour))
    b.dispute(station_a, D(2024, 2, 3), resolved_on=D(2024, 2, 9))
    b.dispute(station_a, D(2024, 2, 4), resolved_on=D(2024, 2, 10))  # after the 2nd-9th
    b.dispute(station_a, D(2024, 2, 11), resolved_on=D(2024, 2, 11))
    b.case(station_a, D(2024, 2, 5), recovered_value=Decimal("10.5"))
    sections = festival_summary(festival)["sections"]
    assert sections["police_reports"]["effective"] == {
        "value": 3,
        "previous": None,
        "change_pct": None,
        "preceding": 2,
        "preceding_change_pct": Decimal("50.0"),
    }
    assert sections["disputes"]["resolution_rate"] == {
        "value": Decimal("100.0"),
        "previous": None,
        "change_pp": None,
        "preceding": Decimal("50.0"),
        "preceding_change_pp": Decimal("50.0"),
    }
    recovered = sections["cases"]["recovered_value"]
    assert (recovered["value"], recovered["preceding"]) == (Decimal("0.00"), Decimal("10.50"))
    assert recovered["preceding_change_pct"] == Decimal("-100.0")


def test_negative_changes_round_half_away_from_zero(station_a):
    festival = b.festival("sf24")
    for n in range(16):  # preceding 16, now 15: -6.25 % -> -6.3
        b.report(station_a, DT(2024, 2, 3, n))
    for n in range(15):
        b.report(station_a, DT(2024, 2, 11, n))
    effective = festival_summary(festival)["sections"]["police_reports"]["effective"]
    assert effective["preceding_change_pct"] == Decimal("-6.3")


def test_the_category_table_and_station_rows(station_a, station_b, django_assert_num_queries):
    festival = b.festival("sf24")
    b.case(
        station_a,
        D(2024, 2, 11),
        "theft",
        suspects_arrested=3,
        gangs_smashed=2,
        recovered_value=Decimal("100"),
    )
    b.case(station_b, D(2024, 2, 12), "theft", suspects_arrested=1, gangs_smashed=1)
    b.case(station_b, D(2024, 2, 12), "drugs", suspects_arrested=2)
    b.case(station_b, D(2024, 2, 12), "fireworks", nature="administrative")
    with django_assert_num_queries(QUERIES + 1):  # + the stations
        report = festival_report(festival)
    assert [
        (
            r["category"],
            r["cracked"],
            r["suspects_arrested"],
            r["gangs_smashed"],
            r["recovered_value"],
        )
        for r in report["case_categories"]
    ] == [("theft", 2, 4, 3, Decimal("100.00")), ("drugs", 1, 2, 0, Decimal("0.00"))]
    rows = {s.code: sections for s, sections in report["stations"]}
    assert rows["beishan"]["cases"]["gangs_smashed"]["value"] == 2
    assert rows["xixi"]["cases"]["cracked"]["value"] == 2
    assert rows["xixi"]["key_items"]["fireworks_cases"]["value"] == 1
    total = report["summary"]["sections"]["cases"]["cracked"]["value"]
    assert total == sum(s["cases"]["cracked"]["value"] for _st, s in report["stations"])


def test_category_table_on_the_page(client_supervisor, station_a):
    b.festival("spring-festival-2024")
    b.case(station_a, D(2024, 2, 11), "theft", gangs_smashed=10)
    html = client_supervisor.get("/reports/spring-festival-2024/").content.decode()
    table = html.split('id="case-categories"')[1].split("</table>")[0]
    assert 'data-category="theft"' in table and '<td class="text-end gangs">10</td>' in table
    assert "category=theft" in table and "nature=criminal" in table


def _records(station_a, station_b, n):
    """n records spread over every kind the summary reads."""
    rng = range(n // 10)
    for i in rng:
        station = station_a if i % 2 else station_b
        day = D(2024, 2, 10 + i % 8)
        b.report(station, DT(2024, 2, 10 + i % 8, i % 24), category="traffic")
        b.case(station, day, "theft", gangs_smashed=i % 2)
        b.patrol(station, day, personnel=3, community_forces=i % 4)
        b.event(station, day, day, attendance=100)
        b.dispute(station, day, resolved_on=day)
        if i < 8:  # one tally per station, day and department
            b.tally(station, day, handled=2, on_time=2)
        b.persuasion(station, day)
        b.publicity(station, day, materials=5)
        b.inspection(b.venue(station), day, [("on_spot", day)])
        b.report(station, DT(2024, 2, 3, i % 24))  # the preceding period


# The API: the festival + one query per record type (festival, comparison and preceding
# period together). The page: its session and user, the festival, the same queries, the
# stations, and the latest publication and (for supervisors) the list of publications; the
# per-station table, the charts, the completeness and category tables are computed from
# those results, never queried again.
API_QUERIES = 1 + QUERIES
PAGE_QUERIES = 2 + 1 + QUERIES + 1 + 2


@pytest.mark.parametrize("records", [10, 1000])
def test_summary_queries_are_fixed(
    client_supervisor, api_supervisor, station_a, station_b, records, django_assert_num_queries
):
    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    b.festival("spring-festival-2024", comparison=before)
    _records(station_a, station_b, records)
    page, api = "/reports/spring-festival-2024/", "/api/v1/festivals/spring-festival-2024/summary/"
    client_supervisor.get(page)  # the session's renewal is written once a minute, not here
    with django_assert_num_queries(PAGE_QUERIES):
        assert client_supervisor.get(page).status_code == 200
    with django_assert_num_queries(PAGE_QUERIES + 1):  # + the station named
        assert client_supervisor.get(page + "?station=xixi").status_code == 200
    with django_assert_num_queries(API_QUERIES):
        response = api_supervisor.get(api)
    assert response.json()["sections"]["events"]["attendance"]["value"] == records // 10 * 100


def test_station_summaries_from_one_reading_equal_each_stations_own(
    station_a, station_b, django_assert_num_queries
):
    """What a publication freezes per station (summaries_by_station, 9 queries in all) is
    what the API answers for that station, a station without records included."""
    from reports.api.serializers import summary_payload
    from reports.summary import QUERIES, summaries_by_station
    from xihu.tests.factories import StationFactory

    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    festival = b.festival("spring-festival-2024", comparison=before)
    _records(station_a, station_b, 100)
    b.report(station_a, DT(2023, 1, 22, 9))  # the comparison festival
    quiet = StationFactory(code="quiet")
    stations = [station_a, station_b, quiet]
    with django_assert_num_queries(QUERIES):
        district, by_station = summaries_by_station(festival, stations)
    assert summary_payload(district) == summary_payload(festival_summary(festival))
    for station in stations:
        own = summary_payload(festival_summary(festival, station))
        assert summary_payload(by_station[station]) == own, station.code
    assert by_station[station_a]["sections"]["police_reports"]["traffic"]["value"] > 0
    assert by_station[quiet]["sections"]["police_reports"]["effective"]["value"] == 0
