"""API `disputes`: nested parties and follow-ups, masking, workflow actions, bad input."""

import datetime

import pytest
from django.utils import timezone

from xihu.models import AuditEntry

from ..models import Dispute, FollowUp, Party
from .factories import DisputeFactory, FollowUpFactory, PartyFactory, id_number

COLLECTION = "/api/v1/disputes/"
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def item(dispute):
    return f"{COLLECTION}{dispute.pk}/"


def payload(**overrides):
    return {
        "registered_on": (TODAY() - 5 * DAY).isoformat(),
        "category": "debt",
        "risk_level": "general",
        "source": "self_report",
        "summary": "借款纠纷",
        "parties": [
            {
                "name": "张三",
                "role": "applicant",
                "phone": "13812345678",
                "id_number": id_number(3),
            },
            {"name": "李四", "role": "respondent"},
        ],
        **overrides,
    }


@pytest.mark.django_db
class TestCrud:
    def test_create_with_parties_and_follow_ups(self, api_a, station_a, staff_a):
        data = payload(
            status="resolved",
            channel="people",
            resolved_on=(TODAY() - 2 * DAY).isoformat(),
            follow_ups=[{"visited_on": TODAY().isoformat(), "note": "稳定", "stable": True}],
        )
        response = api_a.post(COLLECTION, data, format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["station"] == "beishan" and body["version"] == 1
        assert body["parties"][0]["id_number"] == id_number(3)  # the caller's own input
        dispute = Dispute.objects.get()
        assert dispute.parties.count() == 2 and dispute.follow_ups.count() == 1
        assert Party.history.filter(history_user=staff_a).count() == 2

    def test_update_replaces_and_keeps_rows_by_id(self, api_a, station_a):
        dispute = DisputeFactory(station=station_a)
        kept, dropped = PartyFactory(dispute=dispute), PartyFactory(dispute=dispute)
        rows = [
            {"id": kept.pk, "name": "张三丰", "role": "applicant"},
            {"name": "新", "role": "other"},
        ]
        response = api_a.patch(item(dispute), {"version": 1, "parties": rows}, format="json")
        assert response.status_code == 200, response.json()
        names = list(dispute.parties.values_list("name", flat=True))
        assert names == ["张三丰", "新"] and not Party.objects.filter(pk=dropped.pk).exists()
        assert response.json()["version"] == 2

    def test_stale_version_is_409(self, api_a, station_a):
        dispute = DisputeFactory(station=station_a, version=3)
        response = api_a.patch(item(dispute), {"version": 2, "summary": "x"}, format="json")
        assert response.status_code == 409

    def test_other_station_is_404(self, api_a, station_b):
        dispute = DisputeFactory(station=station_b)
        assert api_a.get(item(dispute)).status_code == 404
        assert api_a.patch(item(dispute), {"version": 1}, format="json").status_code == 404
        for step in ("resolve", "escalate", "start-mediation", "follow-ups"):
            assert api_a.post(f"{item(dispute)}{step}/", {}, format="json").status_code == 404
        assert api_a.get(COLLECTION).json()["count"] == 0

    def test_filters(self, api_supervisor, station_a, station_b):
        DisputeFactory(station=station_a, risk_level="major", status="mediating", channel="people")
        DisputeFactory(station=station_b, risk_level="major")
        DisputeFactory(station=station_a, risk_level="minor")
        query = {"station": "beishan", "risk_level": "major", "status": "mediating"}
        assert api_supervisor.get(COLLECTION, query).json()["count"] == 1
        assert api_supervisor.get(COLLECTION, {"status": "lost"}).status_code == 400


@pytest.mark.django_db
class TestMasking:
    def test_list_is_masked(self, api_a, station_a):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute, name="张三", phone="13812345678", id_number=id_number(9))
        party = api_a.get(COLLECTION).json()["results"][0]["parties"][0]
        assert party["name"] == "张*" and party["phone"] == "138****5678"
        assert party["id_number"] == f"330106********{id_number(9)[-4:]}"
        assert not AuditEntry.objects.filter(action="unmask").exists()

    def test_retrieve_is_whole_and_audited(self, api_a, station_a, staff_a):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute, name="张三", phone="13812345678", id_number=id_number(9))
        party = api_a.get(item(dispute)).json()["parties"][0]
        assert (party["name"], party["id_number"]) == ("张三", id_number(9))
        entry = AuditEntry.objects.get(action="unmask")
        assert entry.user == staff_a and entry.object_id == str(dispute.pk)

    def test_masked_values_sent_back_are_refused(self, api_a, station_a):
        dispute = DisputeFactory(station=station_a)
        PartyFactory(dispute=dispute)
        listed = api_a.get(COLLECTION).json()["results"][0]
        response = api_a.put(item(dispute), {**listed, "station": "beishan"}, format="json")
        assert response.status_code == 400, response.json()
        # like DRF's own list errors: {row index: {field: [messages]}}
        assert set(response.json()["parties"]["0"]) >= {"name", "phone", "id_number"}


@pytest.mark.django_db
class TestBadInput:
    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"status": "resolved"}, "resolved_on"),
            ({"status": "resolved", "resolved_on": "2000-01-01"}, "resolved_on"),
            ({"resolved_on": TODAY().isoformat()}, "resolved_on"),
            ({"category": "arson"}, "category"),
            ({"risk_level": "huge"}, "risk_level"),
            ({"status": "lost"}, "status"),
            ({"channel": "tv"}, "channel"),
            ({"parties": {"name": "张三", "role": "applicant"}}, "parties"),
            ({"parties": "张三"}, "parties"),
            ({"parties": ["张三"]}, "parties"),
            ({"parties": [{"name": "张三", "role": "x"}]}, "parties"),
            ({"parties": [{"name": "张三", "role": "applicant", "id_number": "1234"}]}, "parties"),
            (
                {"parties": [{"name": "张", "role": "other", "id_number": "110105194912310021"}]},
                "parties",
            ),
            ({"follow_ups": [{"visited_on": "2000-01-01"}]}, "follow_ups"),
            ({"follow_ups": "yes"}, "follow_ups"),
            ({"registered_on": "2024-02-30"}, "registered_on"),
        ],
    )
    def test_400_with_field_messages_and_nothing_saved(self, api_a, station_a, overrides, field):
        response = api_a.post(COLLECTION, payload(**overrides), format="json")
        assert response.status_code == 400
        assert field in response.json()
        assert not Dispute.objects.exists() and not Party.objects.exists()

    def test_garbage_bodies(self, api_a, station_a):
        for body in ("[]", "null", "42", '"x"', "{"):
            response = api_a.post(COLLECTION, body, content_type="application/json")
            assert response.status_code == 400


@pytest.mark.django_db
class TestWorkflowActions:
    def test_mediate_resolve_follow_up(self, api_a, station_a, staff_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        url = item(dispute)
        response = api_a.post(f"{url}start-mediation/", {"channel": "people", "version": 1})
        assert response.status_code == 200 and response.json()["status"] == "mediating"
        resolve = {"resolved_on": TODAY().isoformat(), "resolution": "和解", "version": 2}
        response = api_a.post(f"{url}resolve/", resolve)
        assert response.json()["status"] == "resolved" and response.json()["version"] == 3
        response = api_a.post(f"{url}follow-ups/", {"visited_on": TODAY().isoformat()})
        assert response.status_code == 201 and len(response.json()["follow_ups"]) == 1
        assert FollowUp.objects.get().history.get().history_user == staff_a

    def test_bad_steps(self, api_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        url = item(dispute)
        cases = [
            ("start-mediation", {"channel": "tv", "version": 1}, 400, "channel"),
            ("start-mediation", {"channel": "people"}, 400, "version"),
            (
                "resolve",
                {"resolved_on": "2000-01-01", "resolution": "x", "version": 1},
                400,
                "resolved_on",
            ),
            ("resolve", {"resolved_on": TODAY().isoformat(), "version": 1}, 400, "resolution"),
            ("escalate", {"escalated_to": "", "version": 1}, 400, "escalated_to"),
            ("escalate", {"escalated_to": "分局", "version": 9}, 409, "detail"),
            ("follow-ups", {"visited_on": "tomorrow"}, 400, "visited_on"),
            ("follow-ups", {"visited_on": (TODAY() + DAY).isoformat()}, 400, "visited_on"),
        ]
        for step, body, code, key in cases:
            response = api_a.post(f"{url}{step}/", body, format="json")
            assert response.status_code == code, (step, body, response.json())
            assert key in response.json(), (step, response.json())
        dispute.refresh_from_db()
        assert dispute.status == "open" and dispute.version == 1 and not dispute.follow_ups.exists()


@pytest.mark.django_db
def test_list_queries_are_fixed(api_supervisor, station_a, staff_a, django_assert_num_queries):
    # the count, one page of rows with station and authors, parties, follow-ups
    for total in (5, 50):
        for _ in range(total - Dispute.objects.count()):
            dispute = DisputeFactory(station=station_a, created_by=staff_a, updated_by=staff_a)
            PartyFactory.create_batch(2, dispute=dispute)
            FollowUpFactory(dispute=dispute, visited_on=dispute.registered_on)
        with django_assert_num_queries(4):
            response = api_supervisor.get(COLLECTION)
        assert len(response.json()["results"]) == total
