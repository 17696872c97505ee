"""Station pages: scoping, the inspection form with hazards, re-inspection, overdue board."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ..models import FireworksPersuasion, Hazard, Inspection, Venue
from .factories import (
    FireworksPersuasionFactory,
    HazardFactory,
    InspectionFactory,
    NoticeInspectionFactory,
    PublicityActivityFactory,
    VenueFactory,
)

TODAY = timezone.localdate


def url(model, action, *args, **kwargs):
    return reverse(f"inspections:{model}_{action}", args=args, kwargs=kwargs)


def inspection_of(station):
    return InspectionFactory(venue=VenueFactory(station=station))


PAGES = [
    ("venue", lambda station: VenueFactory(station=station)),
    ("inspection", inspection_of),
    ("publicityactivity", lambda station: PublicityActivityFactory(station=station)),
    ("fireworkspersuasion", lambda station: FireworksPersuasionFactory(station=station)),
]


def hazard_post(venue, rows, **inspection):
    data = {
        "venue": venue.pk,
        "inspected_on": "2024-02-10",
        "inspectors": "张三",
        "notes": "",
        "notice_number": "",
        "notice_deadline": "",
        "hazards-TOTAL_FORMS": str(len(rows)),
        "hazards-INITIAL_FORMS": "0",
        "hazards-MIN_NUM_FORMS": "0",
        "hazards-MAX_NUM_FORMS": "1000",
        **inspection,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"hazards-{i}-{key}"] = value
    return data


@pytest.mark.django_db
class TestScoping:
    @pytest.mark.parametrize("model, make", PAGES)
    def test_other_stations_records_are_404(self, client_a, station_b, model, make):
        record = make(station_b)
        for action in ("detail", "edit", "delete"):
            assert client_a.get(url(model, action, record.pk)).status_code == 404, action
        assert client_a.post(url(model, "edit", record.pk), {}).status_code == 404

    def test_other_stations_inspection_cannot_be_reinspected(self, client_a, station_b):
        hazard = HazardFactory(inspection=inspection_of(station_b), disposition="suspension")
        target = url("inspection", "reinspect", hazard.inspection.pk)
        assert client_a.get(target).status_code == 404
        post = {"reinspected_on": TODAY().isoformat(), "hazards": [hazard.pk], "version": 1}
        assert client_a.post(target, post).status_code == 404
        hazard.refresh_from_db()
        assert hazard.rectified_on is None

    @pytest.mark.parametrize("model, make", PAGES)
    def test_export_holds_only_own_station(self, client_a, station_a, station_b, model, make):
        mine, theirs = make(station_a), make(station_b)
        assert client_a.get(url(model, "export", fmt="xlsx")).status_code == 200
        body = client_a.get(url(model, "export", fmt="csv")).content.decode("utf-8-sig")
        ids = [line.split(",")[0] for line in body.splitlines()[1:]]
        assert ids == [str(mine.pk)] and str(theirs.pk) not in ids

    def test_staff_cannot_pick_another_stations_venue(self, client_a, station_a, station_b):
        theirs = VenueFactory(station=station_b)
        response = client_a.post(url("inspection", "add"), hazard_post(theirs, []))
        assert response.status_code == 200 and "venue" in response.context["form"].errors
        assert not Inspection.objects.exists()

    def test_overdue_board_shows_own_station_only(self, client_a, station_a, station_b):
        for station in (station_a, station_b):
            inspection = NoticeInspectionFactory(
                venue=VenueFactory(station=station, name=f"场所{station.code}"),
                inspected_on=TODAY() - datetime.timedelta(days=20),
                notice_deadline=TODAY() - datetime.timedelta(days=1),
            )
            HazardFactory(inspection=inspection, disposition="time_limited")
        body = client_a.get(reverse("inspections:overdue")).content.decode()
        assert "场所beishan" in body and "场所xixi" not in body


@pytest.mark.django_db
class TestInspectionForm:
    def test_three_hazards_saved_with_the_inspection(self, client_a, station_a, staff_a):
        venue = VenueFactory(station=station_a)
        rows = [
            {"description": "灭火器过期", "kind": "extinguishers", "disposition": "on_spot"},
            {"description": "电线私拉乱接", "kind": "wiring", "disposition": "time_limited"},
            {"description": "住人", "kind": "flammables_living", "disposition": "suspension"},
        ]
        data = hazard_post(
            venue, rows, notice_number="西公（消）限字〔2024〕0001号", notice_deadline="2024-02-20"
        )
        response = client_a.post(url("inspection", "add"), data)
        assert response.status_code == 302, response.context and response.context["form"].errors
        inspection = Inspection.objects.get()
        assert inspection.station == station_a and inspection.created_by == staff_a
        hazards = list(inspection.hazards.order_by("pk"))
        assert [h.disposition for h in hazards] == ["on_spot", "time_limited", "suspension"]
        assert hazards[0].rectified_on == datetime.date(2024, 2, 10)
        assert hazards[1].rectified_on is None and hazards[2].rectified_on is None

    def test_time_limited_without_notice_keeps_every_row(self, client_a, station_a):
        venue = VenueFactory(station=station_a)
        rows = [
            {"description": "通道堵塞", "kind": "exits_blocked", "disposition": "on_spot"},
            {"description": "应急灯损坏", "kind": "lighting_signs", "disposition": "time_limited"},
        ]
        response = client_a.post(url("inspection", "add"), hazard_post(venue, rows))
        assert response.status_code == 200
        formset = response.context["formsets"]["hazards"]
        assert "disposition" in formset.forms[1].errors
        body = response.content.decode()
        assert "通道堵塞" in body and "应急灯损坏" in body  # nothing typed is lost
        assert not Inspection.objects.exists() and not Hazard.objects.exists()

    @pytest.mark.parametrize(
        "inspection, row, field",
        [
            ({"notice_number": "N1", "notice_deadline": "2024-02-10"}, {}, "notice_deadline"),
            ({}, {"disposition": "suspension", "rectified_on": "2024-02-09"}, "rectified_on"),
            ({}, {"disposition": "arson"}, "disposition"),
            ({}, {"kind": "ghosts"}, "kind"),
        ],
    )
    def test_bad_input_is_shown_not_saved(self, client_a, station_a, inspection, row, field):
        venue = VenueFactory(station=station_a)
        base = {"description": "隐患", "kind": "other", "disposition": "on_spot"}
        response = client_a.post(
            url("inspection", "add"), hazard_post(venue, [{**base, **row}], **inspection)
        )
        assert response.status_code == 200
        form_errors = response.context["form"].errors
        row_errors = response.context["formsets"]["hazards"].forms[0].errors
        assert field in form_errors or field in row_errors
        assert not Inspection.objects.exists()

    def test_edit_moves_on_spot_dates_and_removes_rows(self, client_a, station_a):
        keep = HazardFactory(inspection__venue__station=station_a)
        inspection = keep.inspection
        gone = HazardFactory(inspection=inspection, disposition="suspension")
        data = hazard_post(
            inspection.venue, [], inspected_on="2024-02-01", version=str(inspection.version)
        )
        data.update({"hazards-TOTAL_FORMS": "2", "hazards-INITIAL_FORMS": "2"})
        for i, hazard in enumerate((keep, gone)):
            data.update(
                {
                    f"hazards-{i}-id": hazard.pk,
                    f"hazards-{i}-inspection": inspection.pk,
                    f"hazards-{i}-description": hazard.description,
                    f"hazards-{i}-kind": hazard.kind,
                    f"hazards-{i}-disposition": hazard.disposition,
                    f"hazards-{i}-rectified_on": (hazard.rectified_on or "") and "",
                }
            )
        data["hazards-1-DELETE"] = "on"
        response = client_a.post(url("inspection", "edit", inspection.pk), data)
        assert response.status_code == 302, response.context["formsets"]["hazards"].errors
        keep.refresh_from_db()
        assert keep.rectified_on == datetime.date(2024, 2, 1)
        assert list(inspection.hazards.all()) == [keep]

    def test_add_form_names_the_venue_of_its_page(self, client_a, station_a):
        venue = VenueFactory(station=station_a)
        form = client_a.get(url("inspection", "add"), {"venue": venue.pk}).context["form"]
        assert str(form["venue"].value()) == str(venue.pk)


@pytest.mark.django_db
class TestReinspectionPage:
    def test_records_and_refuses_an_early_date(self, client_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        hazard = HazardFactory(inspection=inspection, disposition="time_limited")
        target = url("inspection", "reinspect", inspection.pk)
        early = (inspection.inspected_on - datetime.timedelta(days=1)).isoformat()
        response = client_a.post(
            target, {"reinspected_on": early, "hazards": [hazard.pk], "version": 1}
        )
        assert response.status_code == 200 and "reinspected_on" in response.context["form"].errors
        foreign = HazardFactory(inspection__venue__station=station_a, disposition="suspension")
        response = client_a.post(
            target, {"reinspected_on": TODAY().isoformat(), "hazards": [foreign.pk], "version": 1}
        )
        assert "hazards" in response.context["form"].errors
        response = client_a.post(
            target, {"reinspected_on": TODAY().isoformat(), "hazards": [hazard.pk], "version": 1}
        )
        assert response.status_code == 302
        hazard.refresh_from_db()
        assert hazard.rectified_on == TODAY()

    def test_page_names_the_inspection_its_date_and_each_hazards_disposition(
        self, client_a, station_a
    ):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        timed = HazardFactory(inspection=inspection, disposition="time_limited")
        closed = HazardFactory(inspection=inspection, disposition="suspension")
        response = client_a.get(url("inspection", "reinspect", inspection.pk))
        html = response.content.decode()
        assert f"{inspection}</h1>" in html
        assert inspection.inspected_on.isoformat() in html
        assert f'href="{inspection.get_absolute_url()}"' in html
        labels = {
            str(choice.data["value"]): choice.choice_label
            for choice in response.context["form"]["hazards"]
        }
        deadline = inspection.notice_deadline.isoformat()
        assert labels[str(timed.pk)] == (f"{timed.description}（限期整改，整改期限 {deadline}）")
        assert labels[str(closed.pk)] == f"{closed.description}（责令停业整改）"


@pytest.mark.django_db
class TestOverdueBoardAndHome:
    def test_home_count_follows_the_deadline(self, client_a, client_b, station_a):
        inspection = NoticeInspectionFactory(
            venue__station=station_a,
            inspected_on=TODAY() - datetime.timedelta(days=10),
            notice_deadline=TODAY(),
        )
        HazardFactory(inspection=inspection, disposition="time_limited")

        def home_count(client):
            panels = client.get(reverse("home")).context["panels"]
            return next(p["value"] for p in panels if p["url"] == reverse("inspections:overdue"))

        assert home_count(client_a) == 0  # deadline today: not yet overdue
        Inspection.objects.filter(pk=inspection.pk).update(
            notice_deadline=TODAY() - datetime.timedelta(days=1)
        )
        assert home_count(client_a) == 1
        assert home_count(client_b) == 0

    def test_supervisor_sees_counts_by_station(self, client_supervisor, station_a, station_b):
        for station, count in ((station_a, 2), (station_b, 1)):
            inspection = NoticeInspectionFactory(
                venue__station=station,
                inspected_on=TODAY() - datetime.timedelta(days=10),
                notice_deadline=TODAY() - datetime.timedelta(days=2),
            )
            HazardFactory.create_batch(count, inspection=inspection, disposition="time_limited")
        response = client_supervisor.get(reverse("inspections:overdue"))
        counts = {
            row["inspection__station__code"]: row["count"] for row in response.context["by_station"]
        }
        assert counts == {"beishan": 2, "xixi": 1}
        only_b = client_supervisor.get(reverse("inspections:overdue"), {"station": "xixi"})
        assert only_b.context["table"].paginator.count == 1


@pytest.mark.django_db
class TestVenues:
    def test_venue_page_lists_inspections_and_open_hazards(self, client_a, station_a):
        venue = VenueFactory(station=station_a)
        inspection = NoticeInspectionFactory(venue=venue)
        HazardFactory(inspection=inspection, description="已整改")
        HazardFactory(inspection=inspection, disposition="time_limited", description="待整改")
        response = client_a.get(url("venue", "detail", venue.pk))
        assert [h.description for _i, h in response.context["open_hazards"]] == ["待整改"]
        assert response.context["inspections"] == [inspection]

    def test_venue_with_inspections_is_not_deleted(self, client_supervisor, station_a):
        venue = InspectionFactory(venue__station=station_a).venue
        response = client_supervisor.post(url("venue", "delete", venue.pk))
        assert response.status_code == 302 and Venue.objects.filter(pk=venue.pk).exists()

    def test_import_of_a_venue_register(self, client_a, station_a):
        content = (
            "name,address,kind,contact_name,contact_phone\n"
            "老街小吃店,北山街1号,restaurant,李四,13900000000\n"
            "湖滨网吧,湖滨路2号,internet_cafe,,\n"
        ).encode()
        from xihu.tests.importing import confirm, preview

        batch = preview(client_a, "inspections:venue_import", content, name="venues.csv")
        assert batch.state == "preview", batch.report
        confirm(client_a, batch)
        assert sorted(Venue.objects.values_list("name", "station__code", "kind")) == [
            ("湖滨网吧", "beishan", "internet_cafe"),
            ("老街小吃店", "beishan", "restaurant"),
        ]

    def test_import_refuses_an_unknown_kind(self, client_a, station_a):
        from xihu.tests.importing import preview

        batch = preview(client_a, "inspections:venue_import", "name,kind\n某场所,castle\n")
        assert batch.state == "refused"
        assert not Venue.objects.exists()


@pytest.mark.django_db
class TestQueryCounts:
    def grow(self, station, total):
        while Inspection.objects.count() < total:
            inspection = NoticeInspectionFactory(venue__station=station)
            HazardFactory(inspection=inspection)
            HazardFactory(inspection=inspection, disposition="time_limited")

    @pytest.mark.parametrize(
        "target",
        [
            lambda: url("inspection", "list"),
            lambda: url("venue", "list"),
            lambda: url("inspection", "export", fmt="csv"),
            lambda: reverse("inspections:overdue"),
        ],
    )
    def test_lists_are_constant(self, client_supervisor, station_a, target):
        counts = []
        for total in (3, 30):
            self.grow(station_a, total)
            Inspection.objects.update(
                notice_deadline=TODAY() - datetime.timedelta(days=1),
                inspected_on=TODAY() - datetime.timedelta(days=9),
            )
            client_supervisor.get(target())
            with CaptureQueriesContext(connection) as ctx:
                assert client_supervisor.get(target()).status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1], counts

    @pytest.mark.parametrize("model", ["venue", "inspection"])
    def test_detail_is_constant(self, client_a, station_a, model):
        venue = VenueFactory(station=station_a)
        counts = []
        for total in (1, 10):
            while venue.inspections.count() < total:
                inspection = NoticeInspectionFactory(venue=venue)
                HazardFactory.create_batch(3, inspection=inspection, disposition="time_limited")
            target = venue if model == "venue" else venue.inspections.last()
            client_a.get(url(model, "detail", target.pk))
            with CaptureQueriesContext(connection) as ctx:
                assert client_a.get(url(model, "detail", target.pk)).status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1], counts


@pytest.mark.django_db
class TestPlainPages:
    def test_anonymous_sees_nothing(self, client, station_a):
        venue = VenueFactory(station=station_a)
        for target in (
            url("venue", "list"),
            url("venue", "detail", venue.pk),
            url("inspection", "list"),
            reverse("inspections:overdue"),
        ):
            assert client.get(target).status_code == 302, target

    @pytest.mark.parametrize(
        "model, data, field",
        [
            (
                "publicityactivity",
                {
                    "held_on": "2024-02-10",
                    "topic": "fire_safety",
                    "title": "t",
                    "materials_distributed": "-5",
                    "attendees": "0",
                },
                "materials_distributed",
            ),
            (
                "fireworkspersuasion",
                {"occurred_on": "2024-02-10", "location": "广场", "behaviours": "0"},
                "behaviours",
            ),
        ],
    )
    def test_negative_counts_are_refused(self, client_a, station_a, model, data, field):
        response = client_a.post(url(model, "add"), data)
        assert response.status_code == 200 and field in response.context["form"].errors

    def test_staff_records_for_own_station(self, client_a, station_a):
        data = {"occurred_on": "2024-02-10", "location": "西湖文化广场", "behaviours": "3"}
        assert client_a.post(url("fireworkspersuasion", "add"), data).status_code == 302
        assert FireworksPersuasion.objects.get().station == station_a


@pytest.mark.django_db
class TestListFilters:
    def test_venue_by_name_dates_as_pickers_booleans_read_all(self, client_a, station_a):
        harbour = InspectionFactory(venue=VenueFactory(station=station_a, name="西湖国宾馆"))
        InspectionFactory(venue=VenueFactory(station=station_a, name="湖滨网吧"))
        response = client_a.get(url("inspection", "list"), {"venue": "国宾"})
        rows = list(response.context["table"].page.object_list.data)
        assert rows == [harbour]
        html = response.content.decode()
        assert 'type="date" name="date_after"' in html and 'type="date" name="date_before"' in html
        assert '<input type="text" name="venue"' in html
        with_notice = html[html.index('name="with_notice"') :]
        assert (
            '<option value="" selected>全部</option>'
            in with_notice[: with_notice.index("</select>")]
        )
        # a number is a name like any other now, not an id
        response = client_a.get(url("inspection", "list"), {"venue": str(harbour.venue.pk)})
        assert response.status_code == 200
        assert list(response.context["table"].page.object_list.data) == []
