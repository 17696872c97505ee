"""Station pages: scoping, masking, the form with parties and follow-ups, workflow pages,
the attention board and fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from xihu.models import AuditEntry

from ..models import Dispute, FollowUp, Party
from .factories import (
    DisputeFactory,
    FollowUpFactory,
    PartyFactory,
    ResolvedDisputeFactory,
    id_number,
)

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
WHOLE = ("张三", "13812345678", id_number(42))


def url(action, *args, **kwargs):
    name = "attention" if action == "attention" else f"dispute_{action}"
    return reverse(f"disputes:{name}", args=args, kwargs=kwargs)


def with_party(station, **kwargs):
    dispute = DisputeFactory(station=station, **kwargs)
    PartyFactory(dispute=dispute, name=WHOLE[0], phone=WHOLE[1], id_number=WHOLE[2])
    return dispute


def form_post(parties=(), follow_ups=(), **fields):
    data = {
        "registered_on": (TODAY() - 3 * DAY).isoformat(),
        "category": "wage_arrears",
        "risk_level": "high",
        "source": "visit",
        "summary": "农民工讨薪",
        **fields,
    }
    for prefix, rows in (("parties", parties), ("follow_ups", follow_ups)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


def assert_masked(body):
    for value in WHOLE:
        assert value not in body
    assert "张*" in body or "138****5678" in body


@pytest.mark.django_db
class TestScoping:
    def test_other_stations_dispute_is_404_everywhere(self, client_a, station_b):
        dispute = with_party(station_b)
        for action in ("detail", "edit", "delete", "mediate", "resolve", "escalate", "followup"):
            assert client_a.get(url(action, dispute.pk)).status_code == 404, action
        assert client_a.post(url("resolve", dispute.pk), {"version": 1}).status_code == 404
        assert client_a.post(url("edit", dispute.pk), {}).status_code == 404

    def test_export_and_board_hold_only_own_station(self, client_a, station_a, station_b):
        mine = DisputeFactory(station=station_a, risk_level="major")
        DisputeFactory(station=station_b, risk_level="major", summary="西溪纠纷")
        body = client_a.get(url("export", fmt="csv")).content.decode("utf-8-sig")
        assert [line.split(",")[0] for line in body.splitlines()[1:]] == [str(mine.pk)]
        board = client_a.get(url("attention")).content.decode()
        assert "xixi" not in board and board.count(f'href="/disputes/disputes/{mine.pk}/"') == 1


@pytest.mark.django_db
class TestMasking:
    def test_list_shows_masked_names_only(self, client_a, station_a):
        with_party(station_a)
        response = client_a.get(url("list"))
        assert_masked(response.content.decode())

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_export_is_masked(self, client_a, station_a, fmt):
        with_party(station_a)
        response = client_a.get(url("export", fmt=fmt))
        if fmt == "csv":
            body = response.content.decode("utf-8-sig")
            assert "138****5678" in body and f"330106********{WHOLE[2][-4:]}" in body
            assert_masked(body)
        else:
            import io

            import openpyxl

            sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
            cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
            assert_masked(cells)

    def test_attention_board_is_masked(self, client_supervisor, station_a):
        with_party(station_a, risk_level="major")
        assert_masked(client_supervisor.get(url("attention")).content.decode())

    def test_detail_shows_whole_values_and_records_the_reveal(self, client_a, station_a, staff_a):
        dispute = with_party(station_a)
        body = client_a.get(url("detail", dispute.pk)).content.decode()
        assert all(value in body for value in WHOLE)
        entry = AuditEntry.objects.get(action="unmask")
        assert (entry.user, entry.object_id) == (staff_a, str(dispute.pk))
        client_a.get(url("edit", dispute.pk))
        assert AuditEntry.objects.filter(action="unmask").count() == 2

    def test_badge_colour(self, client_a, station_a):
        dispute = DisputeFactory(station=station_a, risk_level="major")
        assert 'class="badge risk-major"' in client_a.get(url("list")).content.decode()
        assert "risk-major" in client_a.get(url("detail", dispute.pk)).content.decode()


@pytest.mark.django_db
class TestForm:
    def test_register_with_two_parties(self, client_a, station_a, staff_a):
        parties = [
            {
                "name": "张三",
                "role": "applicant",
                "phone": "13812345678",
                "id_number": id_number(1),
            },
            {"name": "李四建筑公司", "role": "respondent", "phone": "", "id_number": ""},
        ]
        response = client_a.post(url("add"), form_post(parties))
        assert response.status_code == 302
        dispute = Dispute.objects.get()
        assert dispute.station == station_a and dispute.created_by == staff_a
        assert dispute.status == "open"
        assert [p.name for p in dispute.parties.all()] == ["张三", "李四建筑公司"]

    @pytest.mark.parametrize(
        "party, field",
        [
            ({"name": "张三", "role": "applicant", "id_number": "110105194912310021"}, "id_number"),
            ({"name": "张三", "role": "applicant", "id_number": "12345"}, "id_number"),
            ({"name": "张*", "role": "applicant"}, "name"),
            ({"name": "张三", "role": "applicant", "phone": "138****5678"}, "phone"),
            ({"name": "张三", "role": "boss"}, "role"),
        ],
    )
    def test_bad_party_saves_nothing(self, client_a, station_a, party, field):
        response = client_a.post(url("add"), form_post([party]))
        assert response.status_code == 200
        assert field in response.context["formsets"]["parties"].forms[0].errors
        assert not Dispute.objects.exists() and not Party.objects.exists()

    def test_unknown_choice_is_a_field_error(self, client_a, station_a):
        response = client_a.post(url("add"), form_post(category="arson", risk_level="huge"))
        assert set(response.context["form"].errors) == {"category", "risk_level"}

    def test_registration_after_the_resolution_is_a_field_error(self, client_a, station_a):
        dispute = ResolvedDisputeFactory(station=station_a)
        data = form_post(registered_on=(dispute.resolved_on + DAY).isoformat(), version=1)
        response = client_a.post(url("edit", dispute.pk), data)
        assert response.status_code == 200
        assert "registered_on" in response.context["form"].errors

    def test_follow_up_before_registration_is_refused(self, client_a, station_a):
        visit = {"visited_on": (TODAY() - 10 * DAY).isoformat(), "note": "", "stable": "on"}
        response = client_a.post(url("add"), form_post(follow_ups=[visit]))
        assert "visited_on" in response.context["formsets"]["follow_ups"].forms[0].errors
        assert not Dispute.objects.exists() and not FollowUp.objects.exists()


@pytest.mark.django_db
class TestWorkflowPages:
    def test_mediate_resolve_follow_up(self, client_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        detail = client_a.get(url("detail", dispute.pk)).content.decode()
        assert url("mediate", dispute.pk) in detail
        mediated = TODAY() - 3 * DAY
        post = {
            "channel": "people",
            "mediator": "王调解员",
            "mediated_on": mediated.isoformat(),
            "version": 1,
        }
        assert client_a.post(url("mediate", dispute.pk), post).status_code == 302
        before = {"resolved_on": (mediated - DAY).isoformat(), "resolution": "和解", "version": 2}
        response = client_a.post(url("resolve", dispute.pk), before)
        assert response.context["form"].errors["resolved_on"] == ["化解日期不能早于调解日期。"]
        post = {"resolved_on": (mediated + DAY).isoformat(), "resolution": "和解", "version": 2}
        assert client_a.post(url("resolve", dispute.pk), post).status_code == 302
        post = {"visited_on": TODAY().isoformat(), "note": "稳定", "stable": "on"}
        assert client_a.post(url("followup", dispute.pk), post).status_code == 302
        dispute.refresh_from_db()
        assert (dispute.status, dispute.channel, dispute.version) == ("resolved", "people", 3)
        assert dispute.follow_ups.count() == 1 and dispute.mediated_on == mediated
        response = client_a.get(url("detail", dispute.pk))
        body = response.content.decode()
        timeline = body[body.index('id="timeline"') :]
        # registered, mediation started, resolved, the visit: in that order, on their days
        assert timeline.count("list-group-item timeline-") == 4
        days = [(event["kind"], event["day"]) for event in response.context["timeline"]]
        assert days == [
            ("open", dispute.registered_on),
            ("mediating", mediated),
            ("resolved", mediated + DAY),
            ("follow_up", TODAY()),
        ]
        # a resolved dispute is neither mediated, resolved again nor escalated
        actions = [action for _label, _url, action in response.context["actions"]]
        assert actions == ["followup"]
        for step in ("mediate", "resolve", "escalate"):
            assert url(step, dispute.pk) not in body

    def test_resolution_before_registration_is_a_field_error(self, client_a, station_a):
        dispute = DisputeFactory(station=station_a, registered_on=TODAY() - 5 * DAY)
        post = {"resolved_on": (TODAY() - 6 * DAY).isoformat(), "resolution": "和解", "version": 1}
        response = client_a.post(url("resolve", dispute.pk), post)
        assert response.status_code == 200 and "resolved_on" in response.context["form"].errors
        dispute.refresh_from_db()
        assert dispute.status == "open"

    def test_stale_version_is_a_form_error(self, client_a, station_a, staff_a):
        dispute = DisputeFactory(station=station_a)
        dispute.save(by=staff_a)
        response = client_a.post(
            url("escalate", dispute.pk), {"escalated_to": "分局", "version": 1}
        )
        assert response.status_code == 200 and response.context["form"].non_field_errors()


@pytest.mark.django_db
class TestFilters:
    def test_filters_combine(self, client_supervisor, station_a, station_b):
        day = datetime.date(2024, 2, 10)
        ResolvedDisputeFactory(station=station_a, registered_on=day, summary="甲", channel="people")
        ResolvedDisputeFactory(
            station=station_a, registered_on=day, summary="乙", channel="judicial"
        )
        ResolvedDisputeFactory(station=station_b, registered_on=day, summary="丙", channel="people")
        DisputeFactory(station=station_a, registered_on=day, summary="丁")
        ResolvedDisputeFactory(station=station_a, registered_on=day + 5 * DAY, summary="戊")
        query = {
            "station": "beishan",
            "status": "resolved",
            "channel": "people",
            "category": "neighbourhood",
            "risk_level": "general",
            "date_after": "2024-02-10",
            "date_before": "2024-02-12",
        }
        response = client_supervisor.get(url("list"), query)
        assert [r.summary for r in response.context["table"].page.object_list.data] == ["甲"]

    @pytest.mark.parametrize(
        "query", [{"date_after": "2024-13-45"}, {"status": "lost"}, {"channel": "x"}]
    )
    def test_malformed_filters_are_form_errors(self, client_a, query):
        response = client_a.get(url("list"), query)
        assert response.status_code == 400
        assert list(response.context["filter"].errors) == list(query)

    def test_found_by_a_partys_name_once(
        self, client_a, station_a, station_b, django_assert_max_num_queries
    ):
        both = DisputeFactory(station=station_a, summary="甲")
        PartyFactory(dispute=both, name="张三")
        PartyFactory(dispute=both, name="张三丰")
        other = DisputeFactory(station=station_a, summary="乙")
        PartyFactory(dispute=other, name="李四")
        PartyFactory(dispute=DisputeFactory(station=station_b, summary="丙"), name="张三")
        response = client_a.get(url("list"), {"party": " 张三 "})
        rows = [r.summary for r in response.context["table"].page.object_list.data]
        assert rows == ["甲"]  # once, though two of its parties match; not station B's
        assert 'name="party"' in response.content.decode()
        with django_assert_max_num_queries(20) as few:
            client_a.get(url("list"), {"party": "张"})
        for index in range(5):
            PartyFactory(dispute=DisputeFactory(station=station_a), name=f"张{index}")
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client_a.get(url("list"), {"party": "张"})
        assert len(response.context["table"].page.object_list.data) == 6

    def test_filters_take_labels(self, client_a, station_a):
        DisputeFactory(station=station_a, summary="甲", status="mediating")
        DisputeFactory(station=station_a, summary="乙", status="open")
        for spelling in ("mediating", "MEDIATING", "Mediating", "调解中"):
            response = client_a.get(url("list"), {"status": spelling})
            rows = [r.summary for r in response.context["table"].page.object_list.data]
            assert rows == ["甲"], spelling


@pytest.mark.django_db
class TestBoardAndHome:
    def test_home_panel_counts_the_board(self, client_a, station_a):
        ResolvedDisputeFactory(
            station=station_a, registered_on=TODAY() - 30 * DAY, resolved_on=TODAY() - 10 * DAY
        )
        DisputeFactory(station=station_a, risk_level="high")
        panels = [p for p in client_a.get("/").context["panels"] if p["url"] == url("attention")]
        assert panels[0]["value"] == 2


# session, user, count, rows, parties, follow-ups, the menu's station
PAGE_QUERIES = 7


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("who", ["client_a", "client_supervisor"])
    def test_list_is_fixed(self, request, station_a, django_assert_num_queries, who):
        client = request.getfixturevalue(who)
        for total in (5, 50):
            for _ in range(total - Dispute.objects.count()):
                dispute = with_party(station_a)
                PartyFactory(dispute=dispute)
            client.get(url("list"))
            with django_assert_num_queries(PAGE_QUERIES):
                response = client.get(url("list"))
            assert len(response.context["table"].page.object_list) == total

    def test_detail_is_fixed(self, client_a, station_a, staff_a, django_assert_num_queries):
        client_a.get(url("list"))
        counts = []
        for rows in (2, 20):
            dispute = ResolvedDisputeFactory(station=station_a, created_by=staff_a)
            PartyFactory.create_batch(rows, dispute=dispute)
            FollowUpFactory.create_batch(rows, dispute=dispute)
            for _ in range(rows):
                dispute.save(by=staff_a)
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                client_a.get(url("detail", dispute.pk))
            counts.append(len(queries))
        assert counts[0] == counts[1]

    def test_board_is_fixed(self, client_supervisor, station_a, station_b):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = []
        for total in (3, 30):
            for station in (station_a, station_b):
                for _ in range(total - Dispute.objects.filter(station=station).count()):
                    with_party(station, risk_level="major")
            client_supervisor.get(url("attention"))
            with CaptureQueriesContext(connection) as queries:
                client_supervisor.get(url("attention"))
            counts.append(len(queries))
        assert counts[0] == counts[1]
