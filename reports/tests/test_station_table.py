"""The per-station table: sortable by any column, 同比 changes coloured by meaning, and a
total row that equals the district's figure."""

import datetime

import pytest

from reports.labels import tone

from . import builders as b

D = datetime.date
DT = datetime.datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(db):
    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    return b.festival("spring-festival-2024", comparison=before)


@pytest.fixture
def records(festival, station_a, station_b):
    for hour in (9, 10, 11, 12):
        b.report(station_a, DT(2023, 1, 22, hour))
    b.report(station_a, DT(2024, 2, 11, 9))  # beishan: 1 now, 4 then: −75%
    for hour in (9, 10, 11):
        b.report(station_b, DT(2024, 2, 11, hour))  # xixi: 3 now, none then
    b.case(station_a, D(2024, 2, 11))


def order(response):
    return [
        code for code, _cells in [(s.code, c) for s, c in response.context["station_table"]["rows"]]
    ]


def test_total_row_is_the_district_figure(client_supervisor, records):
    response = client_supervisor.get("/reports/spring-festival-2024/")
    table = response.context["station_table"]
    district = response.context["summary"]["sections"]["police_reports"]["effective"]
    assert table["total"][0].value == district["value"] == 4
    assert table["total"][0].change == district["change_pct"] == 0
    assert sum(cells[0].value for _s, cells in table["rows"]) == 4
    html = response.content.decode()
    assert 'id="station-total"' in html


def test_sorted_by_any_column_both_ways(client_supervisor, records):
    url = "/reports/spring-festival-2024/"
    assert order(client_supervisor.get(url)) == ["beishan", "xixi"]
    effective = client_supervisor.get(url + "?sort=police_reports.effective&order=desc")
    assert order(effective) == ["xixi", "beishan"]
    # xixi had nothing to compare with: its change is undefined and stays last.
    change = client_supervisor.get(url + "?sort=police_reports.effective.change&order=desc")
    assert order(change) == ["beishan", "xixi"]
    assert order(client_supervisor.get(url + "?sort=station&order=desc")) == ["xixi", "beishan"]
    assert order(client_supervisor.get(url + "?sort=nonsense&order=up")) == ["beishan", "xixi"]
    html = effective.content.decode()
    assert 'aria-sort="descending"' in html
    assert "sort=police_reports.effective&amp;order=asc" in html


def test_change_arrows_coloured_by_meaning(client_supervisor, records):
    assert tone("police_reports", "effective", -75) == "good"
    assert tone("police_reports", "effective", 10) == "bad"
    assert tone("cases", "cracked", 10) == "good"
    assert tone("cases", "cracked", -10) == "bad"
    assert tone("patrols", "deployments", 10) == "neutral"
    assert tone("cases", "cracked", 0) == "neutral"
    response = client_supervisor.get("/reports/spring-festival-2024/")
    rows = response.context["station_table"]["rows"]
    beishan = dict((s.code, cells) for s, cells in rows)["beishan"]
    assert beishan[0].change == -75 and beishan[0].tone == "good"
    assert 'class="change-good">▼ -75.0%' in response.content.decode()


def test_a_staff_member_sees_only_their_row_without_total(client_a, records):
    response = client_a.get("/reports/spring-festival-2024/")
    assert order(response) == ["beishan"]
    assert response.context["station_table"]["total"] is None
