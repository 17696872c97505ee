"""API: venues, inspections with nested hazards, re-inspection, publicity and persuasions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ..models import Hazard, Inspection, Venue
from .factories import (
    FireworksPersuasionFactory,
    HazardFactory,
    InspectionFactory,
    NoticeInspectionFactory,
    PublicityActivityFactory,
    VenueFactory,
)

API = "/api/v1/"
THREE_HAZARDS = [
    {"description": "灭火器过期", "kind": "extinguishers", "disposition": "on_spot"},
    {"description": "电线私拉乱接", "kind": "wiring", "disposition": "time_limited"},
    {"description": "人员住宿", "kind": "flammables_living", "disposition": "suspension"},
]


def inspection_payload(place, **extra):
    return {
        "venue": place.pk,
        "inspected_on": "2024-02-10",
        "inspectors": "张三",
        "notice_number": "西公（消）限字〔2024〕0001号",
        "notice_deadline": "2024-02-20",
        "hazards": THREE_HAZARDS,
        **extra,
    }


@pytest.mark.django_db
class TestInspections:
    def test_create_with_hazards(self, api_a, station_a):
        venue = VenueFactory(station=station_a)
        response = api_a.post(f"{API}inspections/", inspection_payload(venue), format="json")
        assert response.status_code == 201, response.json()
        body = response.json()
        assert body["station"] == "beishan" and body["version"] == 1
        assert [h["disposition"] for h in body["hazards"]] == [
            "on_spot",
            "time_limited",
            "suspension",
        ]
        assert body["hazards"][0]["rectified_on"] == "2024-02-10"
        assert Hazard.objects.count() == 3

    def test_supervisor_gets_the_venues_station(self, api_supervisor, station_b):
        venue = VenueFactory(station=station_b)
        body = api_supervisor.post(
            f"{API}inspections/", inspection_payload(venue), format="json"
        ).json()
        assert body["station"] == "xixi"

    @pytest.mark.parametrize(
        "change, field",
        [
            ({"notice_number": "", "notice_deadline": None}, "hazards"),
            ({"notice_deadline": "2024-02-10"}, "notice_deadline"),
            ({"notice_deadline": None}, "notice_deadline"),
            ({"venue": 999999}, "venue"),
            ({"hazards": [{"description": "x", "disposition": "later"}]}, "hazards"),
            (
                {"hazards": [{"description": "x", "disposition": "on_spot", "kind": "ufo"}]},
                "hazards",
            ),
            (
                {
                    "hazards": [
                        {
                            "description": "x",
                            "disposition": "suspension",
                            "rectified_on": "2024-02-09",
                        }
                    ]
                },
                "hazards",
            ),
            ({"inspected_on": "not a date"}, "inspected_on"),
        ],
    )
    def test_bad_input_is_400_and_saves_nothing(self, api_a, station_a, change, field):
        venue = VenueFactory(station=station_a)
        response = api_a.post(
            f"{API}inspections/", inspection_payload(venue, **change), format="json"
        )
        assert response.status_code == 400, response.content
        assert field in response.json(), response.json()
        assert not Inspection.objects.exists() and not Hazard.objects.exists()

    def test_time_limited_without_notice_names_the_row(self, api_a, station_a):
        venue = VenueFactory(station=station_a)
        body = api_a.post(
            f"{API}inspections/",
            inspection_payload(venue, notice_number="", notice_deadline=None),
            format="json",
        ).json()
        assert body["hazards"][0] == {} and "disposition" in body["hazards"][1]

    def test_another_stations_venue_is_unknown(self, api_a, station_b):
        venue = VenueFactory(station=station_b)
        response = api_a.post(f"{API}inspections/", inspection_payload(venue), format="json")
        assert response.status_code == 400 and "venue" in response.json()

    def test_update_hazards_in_one_go(self, api_a, station_a):
        venue = VenueFactory(station=station_a)
        body = api_a.post(f"{API}inspections/", inspection_payload(venue), format="json").json()
        keep, drop = body["hazards"][1], body["hazards"][2]
        rows = [
            {**keep, "rectified_on": "2024-02-15"},
            {"description": "疏散指示标志损坏", "kind": "lighting_signs", "disposition": "on_spot"},
        ]
        response = api_a.patch(
            f"{API}inspections/{body['id']}/",
            {"version": 1, "inspected_on": "2024-02-11", "hazards": rows},
            format="json",
        )
        assert response.status_code == 200, response.json()
        hazards = response.json()["hazards"]
        assert [h["id"] for h in hazards][0] == keep["id"]
        assert drop["id"] not in [h["id"] for h in hazards] and len(hazards) == 2
        assert hazards[1]["rectified_on"] == "2024-02-11"
        assert Hazard.objects.get(pk=keep["id"]).history.count() == 2

    def test_failed_update_changes_nothing(self, api_a, station_a):
        hazard = HazardFactory(inspection__venue__station=station_a, disposition="suspension")
        inspection = hazard.inspection
        rows = [{"id": hazard.pk, "description": "x", "disposition": "time_limited"}]
        response = api_a.patch(
            f"{API}inspections/{inspection.pk}/",
            {"version": 1, "inspectors": "改", "hazards": rows},
            format="json",
        )
        assert response.status_code == 400
        inspection.refresh_from_db()
        hazard.refresh_from_db()
        assert inspection.inspectors != "改" and hazard.disposition == "suspension"

    def test_date_moved_after_a_rectification_is_refused(self, api_a, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        HazardFactory(
            inspection=inspection, disposition="time_limited", rectified_on=inspection.inspected_on
        )
        later = (inspection.inspected_on + datetime.timedelta(days=1)).isoformat()
        response = api_a.patch(
            f"{API}inspections/{inspection.pk}/",
            {"version": 1, "inspected_on": later},
            format="json",
        )
        assert response.status_code == 400 and "hazards" in response.json()

    def test_foreign_hazard_id_is_refused(self, api_a, station_a, station_b):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        theirs = HazardFactory(inspection__venue__station=station_b)
        rows = [{"id": theirs.pk, "description": "x", "disposition": "on_spot"}]
        response = api_a.patch(
            f"{API}inspections/{inspection.pk}/", {"version": 1, "hazards": rows}, format="json"
        )
        assert response.status_code == 400
        theirs.refresh_from_db()
        assert theirs.description != "x"

    def test_stale_version_is_409(self, api_a, staff_a, station_a):
        inspection = InspectionFactory(venue__station=station_a)
        inspection.save(by=staff_a)
        response = api_a.patch(
            f"{API}inspections/{inspection.pk}/", {"version": 1, "notes": "x"}, format="json"
        )
        assert response.status_code == 409

    def test_reinspect(self, api_a, station_a, station_b):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        hazard = HazardFactory(inspection=inspection, disposition="time_limited")
        target = f"{API}inspections/{inspection.pk}/reinspect/"
        early = (inspection.inspected_on - datetime.timedelta(days=1)).isoformat()
        today = timezone.localdate().isoformat()
        bad = api_a.post(
            target, {"reinspected_on": early, "hazards": [hazard.pk], "version": 1}, format="json"
        )
        assert bad.status_code == 400 and "reinspected_on" in bad.json()
        theirs = HazardFactory(inspection__venue__station=station_b, disposition="suspension")
        bad = api_a.post(
            target, {"reinspected_on": today, "hazards": [theirs.pk], "version": 1}, format="json"
        )
        assert bad.status_code == 400 and "hazards" in bad.json()
        done = api_a.post(
            target, {"reinspected_on": today, "hazards": [hazard.pk], "version": 1}, format="json"
        )
        assert done.status_code == 200, done.json()
        assert done.json()["hazards"][0]["rectified_on"] == today
        assert done.json()["reinspected_on"] == today and done.json()["version"] == 2
        stale = api_a.post(
            target, {"reinspected_on": today, "hazards": [hazard.pk], "version": 1}, format="json"
        )
        assert stale.status_code == 400  # the hazard is no longer open


@pytest.mark.django_db
class TestScopingAndCounts:
    @pytest.mark.parametrize(
        "collection, make",
        [
            ("venues", lambda s: VenueFactory(station=s)),
            ("inspections", lambda s: InspectionFactory(venue__station=s)),
            ("publicity-activities", lambda s: PublicityActivityFactory(station=s)),
            ("fireworks-persuasions", lambda s: FireworksPersuasionFactory(station=s)),
        ],
    )
    def test_other_station_is_404(self, api_a, station_a, station_b, collection, make):
        mine, theirs = make(station_a), make(station_b)
        assert api_a.get(f"{API}{collection}/{theirs.pk}/").status_code == 404
        assert api_a.patch(f"{API}{collection}/{theirs.pk}/", {"version": 1}).status_code == 404
        # Another station's record is not found, for a delete too (SPEC §1).
        assert api_a.delete(f"{API}{collection}/{theirs.pk}/").status_code == 404
        assert type(theirs).objects.filter(pk=theirs.pk).exists()
        ids = [row["id"] for row in api_a.get(f"{API}{collection}/").json()["results"]]
        assert ids == [mine.pk]

    def test_reinspect_other_station_is_404(self, api_a, station_b):
        hazard = HazardFactory(inspection__venue__station=station_b, disposition="suspension")
        response = api_a.post(
            f"{API}inspections/{hazard.inspection.pk}/reinspect/",
            {
                "reinspected_on": timezone.localdate().isoformat(),
                "hazards": [hazard.pk],
                "version": 1,
            },
            format="json",
        )
        assert response.status_code == 404

    @pytest.mark.parametrize("collection", ["inspections", "venues"])
    def test_list_is_constant(self, api_supervisor, station_a, collection):
        counts = []
        for total in (3, 30):
            while Inspection.objects.count() < total:
                HazardFactory.create_batch(
                    2, inspection=InspectionFactory(venue__station=station_a)
                )
            with CaptureQueriesContext(connection) as ctx:
                assert api_supervisor.get(f"{API}{collection}/").status_code == 200
            counts.append(len(ctx))
        assert counts[0] == counts[1], counts

    def test_filters(self, api_supervisor, station_a, station_b):
        hotel = InspectionFactory(venue__station=station_a, venue__kind="hotel")
        InspectionFactory(venue__station=station_b, venue__kind="shop")
        rows = api_supervisor.get(f"{API}inspections/", {"venue_kind": "hotel"}).json()["results"]
        assert [r["id"] for r in rows] == [hotel.pk]
        rows = api_supervisor.get(f"{API}inspections/", {"station": "xixi"}).json()["results"]
        assert len(rows) == 1 and rows[0]["station"] == "xixi"
        assert api_supervisor.get(f"{API}venues/", {"kind": "castle"}).status_code == 400


@pytest.mark.django_db
class TestPlainRecords:
    def test_negative_counts_are_400(self, api_a, station_a):
        response = api_a.post(
            f"{API}publicity-activities/",
            {
                "held_on": "2024-02-10",
                "topic": "fire_safety",
                "title": "t",
                "materials_distributed": -1,
            },
            format="json",
        )
        assert response.status_code == 400 and "materials_distributed" in response.json()
        response = api_a.post(
            f"{API}fireworks-persuasions/",
            {"occurred_on": "2024-02-10", "location": "广场", "behaviours": 0},
            format="json",
        )
        assert response.status_code == 400 and "behaviours" in response.json()

    def test_venue_create_and_unknown_kind(self, api_a, station_a):
        ok = api_a.post(f"{API}venues/", {"name": "小旅馆", "kind": "hotel"}, format="json")
        assert ok.status_code == 201 and ok.json()["station"] == "beishan"
        bad = api_a.post(f"{API}venues/", {"name": "x", "kind": "castle"}, format="json")
        assert bad.status_code == 400 and "kind" in bad.json()
        assert Venue.objects.count() == 1

    def test_venue_with_inspections_is_not_deleted(self, api_supervisor, station_a):
        venue = InspectionFactory(venue__station=station_a).venue
        assert api_supervisor.delete(f"{API}venues/{venue.pk}/").status_code == 409
