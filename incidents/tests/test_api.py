"""API: police-reports and cases per SPEC §4 — filters, create, update with version, delete,
400 with a message per field for bad input, 404 for other stations, fixed query counts."""

import datetime

import pytest
from django.utils import timezone

from ..models import Case, PoliceReport
from .factories import CaseFactory, PoliceReportFactory

REPORTS = "/api/v1/police-reports/"
CASES = "/api/v1/cases/"
TZ = timezone.get_current_timezone()

GOOD_REPORT = {
    "received_at": "2024-02-10T08:30:00",
    "category": "criminal",
    "effective": True,
    "source": "walk_in",
    "location": "北山街",
    "summary": "盗窃",
}
GOOD_CASE = {
    "cracked_on": "2024-02-11",
    "nature": "criminal",
    "category": "telecom_fraud",
    "title": "电诈案",
    "suspects_arrested": 3,
    "gangs_smashed": 1,
    "recovered_value": "12000.50",
}


@pytest.mark.django_db
class TestCreateAndRead:
    def test_staff_create_report_for_own_station(self, api_a, station_a):
        response = api_a.post(REPORTS, GOOD_REPORT, format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["station"] == "beishan" and body["version"] == 1
        assert body["created_by"] == "staff_a"
        # a naive date-time is Beijing time, stored in UTC
        report = PoliceReport.objects.get()
        assert report.received_at == datetime.datetime(2024, 2, 10, 8, 30, tzinfo=TZ)
        assert (
            api_a.get(f"{REPORTS}{report.pk}/")
            .json()["received_at"]
            .startswith("2024-02-10T08:30:00+08:00")
        )

    def test_defaults_apply(self, api_a, station_a):
        body = api_a.post(
            REPORTS, {"received_at": "2024-02-10T08:30+08:00", "category": "fire"}, format="json"
        ).json()
        assert (body["effective"], body["source"]) == (True, "call_110")
        case = api_a.post(
            CASES, {"cracked_on": "2024-02-11", "category": "theft", "title": "t"}, format="json"
        ).json()
        assert (case["nature"], case["suspects_arrested"], case["recovered_value"]) == (
            "criminal",
            0,
            "0.00",
        )

    def test_supervisor_creates_for_named_station(self, api_supervisor, station_b):
        response = api_supervisor.post(CASES, {**GOOD_CASE, "station": "xixi"}, format="json")
        assert response.status_code == 201
        assert Case.objects.get().station == station_b
        missing = api_supervisor.post(CASES, GOOD_CASE, format="json")
        assert missing.status_code == 400 and "station" in missing.json()

    def test_list_filters(self, api_supervisor, station_a, station_b):
        day = datetime.datetime(2024, 2, 10, 12, tzinfo=TZ)
        PoliceReportFactory(station=station_a, received_at=day, category="fire")
        PoliceReportFactory(station=station_a, received_at=day, category="traffic")
        PoliceReportFactory(station=station_b, received_at=day, category="fire")
        PoliceReportFactory(station=station_a, received_at=day, category="fire", effective=False)
        PoliceReportFactory(station=station_a, received_at=day.replace(day=20), category="fire")
        query = {
            "station": "beishan",
            "category": "fire",
            "effective": "true",
            "date_after": "2024-02-10",
            "date_before": "2024-02-17",
        }
        assert api_supervisor.get(REPORTS, query).json()["count"] == 1
        assert api_supervisor.get(REPORTS, {"source": "call_110"}).json()["count"] == 5
        CaseFactory(station=station_a, nature="administrative", category="gambling")
        CaseFactory(station=station_b, nature="criminal", category="theft")
        assert api_supervisor.get(CASES, {"nature": "administrative"}).json()["count"] == 1
        assert (
            api_supervisor.get(CASES, {"station": "xixi", "category": "theft"}).json()["count"] == 1
        )

    @pytest.mark.parametrize(
        "query",
        [{"date_after": "2024-02-30"}, {"station": "nowhere"}, {"category": "arson"}],
    )
    def test_bad_filters_answer_400(self, api_supervisor, query):
        response = api_supervisor.get(REPORTS, query)
        assert response.status_code == 400
        assert set(response.json()) == set(query)


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "field, value",
        [
            ("category", "arson"),
            ("source", "fax"),
            ("effective", "perhaps"),
            ("received_at", "2024-02-30T10:00"),
            ("received_at", "yesterday"),
            ("station", "nowhere"),
            ("station", "xixi"),  # exists, but not staff_a's
            ("location", "x" * 201),
        ],
    )
    def test_report_field_errors(self, api_a, station_a, station_b, field, value):
        response = api_a.post(REPORTS, {**GOOD_REPORT, field: value}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == [field]
        assert not PoliceReport.objects.exists()

    @pytest.mark.parametrize(
        "field, value",
        [
            ("nature", "civil"),
            ("category", "arson"),
            ("cracked_on", "2024-13-01"),
            ("suspects_arrested", -1),
            ("suspects_arrested", 10**12),
            ("gangs_smashed", "many"),
            ("recovered_value", "1.234"),
            ("recovered_value", "-5.00"),
            ("recovered_value", "1e30"),
            ("recovered_value", "99999999999999.00"),
            ("title", ""),
        ],
    )
    def test_case_field_errors(self, api_a, station_a, field, value):
        response = api_a.post(CASES, {**GOOD_CASE, field: value}, format="json")
        assert response.status_code == 400, response.content
        assert list(response.json()) == [field]

    def test_messages_in_chinese_unless_asked(self, api_a, station_a):
        response = api_a.post(CASES, {**GOOD_CASE, "suspects_arrested": -1}, format="json")
        message = response.json()["suspects_arrested"][0]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        english = api_a.post(
            CASES, {**GOOD_CASE, "category": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
        assert "is not one of the choices" in english.json()["category"][0]

    def test_garbage_bodies_never_500(self, api_a, station_a):
        for body in ("{", "[]", '"text"', "null"):
            response = api_a.post(REPORTS, body, content_type="application/json")
            assert response.status_code == 400, body


@pytest.mark.django_db
class TestUpdateAndDelete:
    def test_put_and_patch_need_current_version(self, api_a, station_a):
        case = CaseFactory(station=station_a)
        url = f"{CASES}{case.pk}/"
        put = api_a.put(url, {**GOOD_CASE, "version": 1}, format="json")
        assert put.status_code == 200 and put.json()["version"] == 2
        stale = api_a.patch(url, {"title": "b", "version": 1}, format="json")
        assert stale.status_code == 409 and stale.json()["current_version"] == 2
        missing = api_a.put(url, GOOD_CASE, format="json")
        assert missing.status_code == 400 and "version" in missing.json()
        case.refresh_from_db()
        assert (case.title, case.version) == ("电诈案", 2)
        assert [h.history_type for h in case.history.order_by("history_id")] == ["+", "~"]

    def test_staff_cannot_move_a_record_to_another_station(self, api_a, station_a, station_b):
        report = PoliceReportFactory(station=station_a)
        url = f"{REPORTS}{report.pk}/"
        response = api_a.patch(url, {"station": "xixi", "version": 1}, format="json")
        assert response.status_code == 400 and "station" in response.json()

    def test_other_station_is_404_everywhere(self, api_a, station_b):
        for collection, factory in ((REPORTS, PoliceReportFactory), (CASES, CaseFactory)):
            record = factory(station=station_b)
            url = f"{collection}{record.pk}/"
            assert api_a.get(url).status_code == 404
            assert api_a.patch(url, {"version": 1}, format="json").status_code == 404
            assert api_a.put(url, {"version": 1}, format="json").status_code == 404
        assert api_a.get(REPORTS).json()["count"] == 0

    def test_delete_for_supervisors_and_admins(self, api_a, api_supervisor, api_admin, station_a):
        one, two = CaseFactory.create_batch(2, station=station_a)
        assert api_a.delete(f"{CASES}{one.pk}/").status_code == 403
        assert api_supervisor.delete(f"{CASES}{one.pk}/").status_code == 204
        assert api_admin.delete(f"{CASES}{two.pk}/").status_code == 204
        assert not Case.objects.exists()
        assert Case.history.filter(history_type="-").count() == 2

    def test_anonymous_gets_401(self, client, station_a):
        CaseFactory(station=station_a)
        assert client.get(CASES).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    "collection, factory", [(REPORTS, PoliceReportFactory), (CASES, CaseFactory)]
)
def test_api_list_query_count_is_fixed(
    api_supervisor, staff_a, django_assert_num_queries, collection, factory
):
    # the count and one page of rows with station and authors joined
    for total in (5, 50):
        factory.create_batch(
            total - factory._meta.model.objects.count(),
            station=staff_a.station,
            created_by=staff_a,
            updated_by=staff_a,
        )
        with django_assert_num_queries(2):
            response = api_supervisor.get(collection)
        assert len(response.json()["results"]) == total
