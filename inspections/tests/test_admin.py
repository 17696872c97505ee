"""Django admin: the hazards inline under the same rules, the re-inspection action."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..models import Hazard, Inspection
from .factories import HazardFactory, NoticeInspectionFactory, VenueFactory


def admin_post(venue, rows, **inspection):
    data = {
        "station": venue.station.pk,
        "venue": venue.pk,
        "inspected_on": "2024-02-10",
        "inspectors": "张三",
        "notes": "",
        "notice_number": "",
        "notice_deadline": "",
        "version": 1,
        "hazards-TOTAL_FORMS": str(len(rows)),
        "hazards-INITIAL_FORMS": "0",
        "hazards-MIN_NUM_FORMS": "0",
        "hazards-MAX_NUM_FORMS": "1000",
        **inspection,
    }
    for i, row in enumerate(rows):
        data.update({f"hazards-{i}-{key}": value for key, value in row.items()})
    return data


@pytest.mark.django_db
class TestInspectionAdmin:
    def test_time_limited_without_notice_is_refused(self, client_admin, station_a):
        venue = VenueFactory(station=station_a)
        rows = [
            {"description": "应急灯损坏", "kind": "lighting_signs", "disposition": "time_limited"}
        ]
        response = client_admin.post(
            reverse("admin:inspections_inspection_add"), admin_post(venue, rows)
        )
        assert response.status_code == 200
        assert "限期整改的隐患须开具责令限期改正通知书" in response.content.decode()
        assert not Inspection.objects.exists()

    def test_on_spot_hazard_gets_the_inspection_day(self, client_admin, admin_user, station_a):
        venue = VenueFactory(station=station_a)
        rows = [{"description": "灭火器过期", "kind": "extinguishers", "disposition": "on_spot"}]
        response = client_admin.post(
            reverse("admin:inspections_inspection_add"), admin_post(venue, rows)
        )
        assert response.status_code == 302
        hazard = Hazard.objects.get()
        assert hazard.rectified_on == datetime.date(2024, 2, 10)
        assert Inspection.objects.get().created_by == admin_user

    def test_venue_of_another_station_is_refused(self, client_admin, station_a, station_b):
        venue = VenueFactory(station=station_b)
        data = admin_post(venue, [], station=station_a.pk)
        response = client_admin.post(reverse("admin:inspections_inspection_add"), data)
        assert response.status_code == 200 and not Inspection.objects.exists()

    def test_reinspect_action(self, client_admin, station_a):
        inspection = NoticeInspectionFactory(venue__station=station_a)
        hazard = HazardFactory(inspection=inspection, disposition="time_limited")
        response = client_admin.post(
            reverse("admin:inspections_inspection_changelist"),
            {"action": "reinspect_today", "_selected_action": [inspection.pk]},
        )
        assert response.status_code == 302
        hazard.refresh_from_db()
        assert hazard.rectified_on == timezone.localdate()

    @pytest.mark.parametrize(
        "model", ["venue", "inspection", "publicityactivity", "fireworkspersuasion"]
    )
    def test_changelists_open(self, client_admin, station_a, model):
        HazardFactory(inspection__venue__station=station_a)
        response = client_admin.get(reverse(f"admin:inspections_{model}_changelist"))
        assert response.status_code == 200
        if model == "venue":
            assert reverse("inspections:venue_import") in response.content.decode()
