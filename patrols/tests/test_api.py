import pytest

from patrols.models import LargeEvent, PatrolDeployment

from .factories import LargeEventFactory, PatrolDeploymentFactory

pytestmark = pytest.mark.django_db

DEPLOYMENTS = "/api/v1/patrol-deployments/"
EVENTS = "/api/v1/large-events/"


def deployment(**changes):
    return {
        "date": "2024-02-10",
        "shift": "night",
        "mode": "mixed",
        "personnel": 12,
        "vehicles": 3,
        "area_kind": "transport_hub",
        "area": "城站",
        "joint_armed": True,
        **changes,
    }


def event(**changes):
    return {
        "name": "西湖灯会",
        "starts_on": "2024-02-12",
        "ends_on": "2024-02-14",
        "location": "湖滨",
        "organiser": "official",
        "expected_attendance": 5000,
        "security_plan_issued_on": "2024-02-05",
        "police_deployed": 80,
        **changes,
    }


def test_staff_create_for_own_station(api_a, station_a, staff_a):
    response = api_a.post(DEPLOYMENTS, deployment(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["station"] == "beishan"
    assert body["created_by"] == "staff_a"
    assert body["version"] == 1
    assert PatrolDeployment.objects.get().joint_armed is True

    response = api_a.post(EVENTS, event(), format="json")
    assert response.status_code == 201, response.json()


def test_staff_cannot_record_for_another_station(api_a, station_b):
    response = api_a.post(DEPLOYMENTS, deployment(station="xixi"), format="json")
    assert response.status_code == 400
    assert "station" in response.json()


@pytest.mark.parametrize(
    "url, payload, field",
    [
        (DEPLOYMENTS, deployment(personnel=0), "personnel"),
        (DEPLOYMENTS, deployment(personnel=-3), "personnel"),
        (DEPLOYMENTS, deployment(vehicles=-1), "vehicles"),
        (DEPLOYMENTS, deployment(date="2024-02-30"), "date"),
        (DEPLOYMENTS, deployment(date="not a date"), "date"),
        (DEPLOYMENTS, deployment(shift="evening"), "shift"),
        (DEPLOYMENTS, deployment(area_kind="moon"), "area_kind"),
        (DEPLOYMENTS, deployment(personnel="many"), "personnel"),
        (DEPLOYMENTS, deployment(personnel=10**12), "personnel"),
        (EVENTS, event(ends_on="2024-02-11"), "ends_on"),
        (EVENTS, event(security_plan_issued_on="2024-02-15"), "security_plan_issued_on"),
        (EVENTS, event(starts_on="2024-13-01"), "starts_on"),
        (EVENTS, event(starts_on="0001-01-01"), "starts_on"),
        (EVENTS, event(security_plan_issued_on="0024-02-05"), "security_plan_issued_on"),
        (EVENTS, event(expected_attendance=-1), "expected_attendance"),
        (EVENTS, event(organiser="private"), "organiser"),
    ],
)
def test_bad_input_answers_400_per_field(api_a, url, payload, field):
    response = api_a.post(url, payload, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not PatrolDeployment.objects.exists() and not LargeEvent.objects.exists()


def test_patch_keeps_event_rules(api_a, station_a):
    record = LargeEventFactory(station=station_a)
    response = api_a.patch(
        f"{EVENTS}{record.pk}/", {"ends_on": "2024-02-01", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()


def test_other_station_is_404(api_a, station_b):
    for url, record in (
        (DEPLOYMENTS, PatrolDeploymentFactory(station=station_b)),
        (EVENTS, LargeEventFactory(station=station_b)),
    ):
        assert api_a.get(f"{url}{record.pk}/").status_code == 404
        assert api_a.patch(f"{url}{record.pk}/", {"version": 1}, format="json").status_code == 404
        # Another station's record is not found, for a delete too (SPEC §1).
        assert api_a.delete(f"{url}{record.pk}/").status_code == 404
        assert type(record).objects.filter(pk=record.pk).exists()


def test_stale_version_is_409(api_a, station_a):
    record = PatrolDeploymentFactory(station=station_a)
    url = f"{DEPLOYMENTS}{record.pk}/"
    assert api_a.patch(url, {"personnel": 20, "version": 1}, format="json").status_code == 200
    assert api_a.patch(url, {"personnel": 30, "version": 1}, format="json").status_code == 409


def test_list_filters(api_supervisor, station_a, station_b):
    PatrolDeploymentFactory(station=station_a, shift="day")
    PatrolDeploymentFactory(station=station_b, shift="night")
    PatrolDeploymentFactory(station=station_b, shift="night", date="2024-03-01")
    assert api_supervisor.get(DEPLOYMENTS, {"station": "xixi"}).json()["count"] == 2
    assert api_supervisor.get(DEPLOYMENTS, {"shift": "day"}).json()["count"] == 1
    period = {"date_after": "2024-02-10", "date_before": "2024-02-29"}
    assert api_supervisor.get(DEPLOYMENTS, period).json()["count"] == 2
    assert api_supervisor.get(DEPLOYMENTS, {"date_after": "2024-02-30"}).status_code == 400


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_count_is_fixed(
    api_supervisor, station_a, staff_a, supervisor, count, django_assert_num_queries
):
    PatrolDeploymentFactory.create_batch(
        count, station=station_a, created_by=staff_a, updated_by=supervisor
    )
    LargeEventFactory.create_batch(count, station=station_a, created_by=staff_a, updated_by=staff_a)
    # count, page rows with stations and authors
    with django_assert_num_queries(2):
        assert api_supervisor.get(DEPLOYMENTS).status_code == 200
    with django_assert_num_queries(2):
        assert api_supervisor.get(EVENTS).status_code == 200


def test_plan_warning_filter(api_a, station_a):
    import datetime

    soon = datetime.date.today() + datetime.timedelta(days=10)
    warned = LargeEventFactory(station=station_a, expected_attendance=5000, starts_on=soon)
    LargeEventFactory(station=station_a, expected_attendance=50, starts_on=soon)
    ids = [row["id"] for row in api_a.get(EVENTS, {"plan_warning": "true"}).json()["results"]]
    assert ids == [warned.pk]
    assert api_a.get(EVENTS, {"plan_warning": "false"}).json()["count"] == 1
