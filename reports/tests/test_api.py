"""The festivals collection and the summary endpoint of SPEC §4."""

import datetime

import pytest

from reports.models import Festival
from reports.summary import SECTIONS

from . import builders as b

D = datetime.date
DT = datetime.datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def festivals(db):
    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    return b.festival("spring-festival-2024", comparison=before), before


def url(slug, station=None):
    query = f"?station={station}" if station else ""
    return f"/api/v1/festivals/{slug}/summary/{query}"


def test_summary_has_exactly_the_keys_of_the_spec(api_supervisor, festivals, station_a):
    b.report(station_a, DT(2024, 2, 11, 9))
    b.case(station_a, D(2024, 2, 11), recovered_value="1234.5")
    response = api_supervisor.get(url("spring-festival-2024"))
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"festival", "comparison", "station", "sections"}
    assert data["festival"]["slug"] == "spring-festival-2024"
    assert data["festival"]["comparison"] == "spring-festival-2023"
    assert data["comparison"]["slug"] == "spring-festival-2023"
    assert data["station"] is None
    assert {s: list(f) for s, f in data["sections"].items()} == SECTIONS
    effective = data["sections"]["police_reports"]["effective"]
    assert effective == {
        "value": 1,
        "previous": 0,
        "change_pct": None,
        "preceding": 0,
        "preceding_change_pct": None,
    }
    assert data["sections"]["cases"]["recovered_value"]["value"] == "1234.50"
    assert data["sections"]["cases"]["recovered_value"]["previous"] == "0.00"
    assert data["sections"]["cases"]["recovered_value"]["preceding"] == "0.00"
    assert set(data["sections"]["disputes"]["resolution_rate"]) == {
        "value",
        "previous",
        "change_pp",
        "preceding",
        "preceding_change_pp",
    }


def test_station_filter_and_staff_get_their_own(api_supervisor, api_a, festivals, station_b):
    station_a = api_a.handler._force_user.station
    b.report(station_a, DT(2024, 2, 11, 9))
    b.report(station_b, DT(2024, 2, 11, 9))
    b.report(station_b, DT(2024, 2, 11, 10))
    data = api_supervisor.get(url("spring-festival-2024", "xixi")).json()
    assert data["station"] == "xixi"
    assert data["sections"]["police_reports"]["effective"]["value"] == 2
    data = api_a.get(url("spring-festival-2024", "xixi")).json()
    assert data["station"] == "beishan"
    assert data["sections"]["police_reports"]["effective"]["value"] == 1


def test_bad_input(api_supervisor, festivals, client):
    response = api_supervisor.get(url("spring-festival-2024", "nowhere"))
    assert response.status_code == 400
    assert "station" in response.json()
    assert api_supervisor.get(url("no-such-festival")).status_code == 404
    assert client.get(url("spring-festival-2024")).status_code in (401, 403)


def test_festival_collection_by_slug_with_version(api_supervisor, api_a, festivals):
    listed = api_a.get("/api/v1/festivals/").json()
    assert [f["slug"] for f in listed["results"]] == [
        "spring-festival-2024",
        "spring-festival-2023",
    ]
    detail = api_a.get("/api/v1/festivals/spring-festival-2024/").json()
    assert detail["comparison"] == "spring-festival-2023"
    assert detail["version"] == 1
    change = {"narrative_overview_en": "Calm.", "version": 1}
    assert api_a.patch("/api/v1/festivals/spring-festival-2024/", change).status_code == 403
    response = api_supervisor.patch("/api/v1/festivals/spring-festival-2024/", change)
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    stale = api_supervisor.patch("/api/v1/festivals/spring-festival-2024/", change)
    assert stale.status_code == 409
    no_version = api_supervisor.patch("/api/v1/festivals/spring-festival-2024/", {"name_en": "x"})
    assert no_version.status_code == 400
    festival = Festival.objects.get(slug="spring-festival-2024")
    assert festival.narrative_overview_en == "Calm."
    assert festival.history.count() == 2


def test_create_festival_validates(api_supervisor, festivals):
    bad = {
        "slug": "mid-autumn-2024",
        "name_zh": "中秋",
        "name_en": "Mid-Autumn",
        "starts_on": "2024-09-17",
        "ends_on": "2024-09-15",
        "comparison": "no-such",
    }
    response = api_supervisor.post("/api/v1/festivals/", bad, format="json")
    assert response.status_code == 400
    assert "comparison" in response.json()
    bad["comparison"] = None
    response = api_supervisor.post("/api/v1/festivals/", bad, format="json")
    assert response.status_code == 400, response.json()
    bad["ends_on"] = "2024-09-17"
    response = api_supervisor.post("/api/v1/festivals/", bad, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["comparison"] is None


@pytest.mark.parametrize(
    "persona, read, write",
    [("api_a", 200, 403), ("api_supervisor", 200, 201), ("api_admin", 200, 201)],
)
def test_who_may_read_and_write_festivals(request, festivals, persona, read, write):
    api = request.getfixturevalue(persona)
    assert api.get("/api/v1/festivals/spring-festival-2024/summary/").status_code == read
    body = {
        "slug": "lantern-2025",
        "name_zh": "元宵",
        "name_en": "Lantern Festival",
        "starts_on": "2025-02-12",
        "ends_on": "2025-02-12",
        "comparison": "spring-festival-2024",
    }
    assert api.post("/api/v1/festivals/", body, format="json").status_code == write
    if write == 201:
        assert api.delete("/api/v1/festivals/lantern-2025/").status_code == 204
        assert Festival.history.filter(slug="lantern-2025").count() == 2  # created, deleted


def test_a_festival_is_not_compared_with_itself(api_supervisor, festivals):
    change = {"comparison": "spring-festival-2024", "version": 1}
    response = api_supervisor.patch("/api/v1/festivals/spring-festival-2024/", change)
    assert response.status_code == 400
    assert "comparison" in response.json()
