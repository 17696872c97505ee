"""Django admin: filters, search, date hierarchy, export of the selection, import link."""

import pytest
from django.urls import reverse

from ..models import PoliceReport
from .factories import CaseFactory, PoliceReportFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, factory", [("policereport", PoliceReportFactory), ("case", CaseFactory)]
)
def test_changelist_filters_search_and_import_link(client_admin, station_a, model, factory):
    factory.create_batch(3, station=station_a)
    url = reverse(f"admin:incidents_{model}_changelist")
    response = client_admin.get(url, {"q": "北山", "station__id__exact": station_a.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse(f"incidents:{model}_import") in body
    assert response.context["cl"].date_hierarchy in ("received_at", "cracked_on")


@pytest.mark.django_db
def test_admin_exports_the_selected_rows(client_admin, station_a):
    chosen, other = PoliceReportFactory.create_batch(2, station=station_a)
    chosen.location = "=cmd"
    chosen.save()
    response = client_admin.post(
        reverse("admin:incidents_policereport_changelist"),
        {"action": "export_csv", "_selected_action": [chosen.pk]},
    )
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,version,station,received_at")
    assert len(lines) == 2 and lines[1].startswith(f"{chosen.pk},2,beishan,")
    assert "'=cmd" in lines[1]


@pytest.mark.django_db
def test_admin_edit_keeps_history_and_version(client_admin, admin_user, station_a):
    report = PoliceReportFactory(station=station_a)
    url = reverse("admin:incidents_policereport_change", args=[report.pk])
    data = {
        "station": station_a.pk,
        "received_at_0": "2024-02-10",
        "received_at_1": "10:00:00",
        "category": "fire",
        "effective": "on",
        "source": "call_110",
        "location": "changed",
        "summary": "",
        "version": 1,
    }
    assert client_admin.post(url, data).status_code == 302
    report = PoliceReport.objects.get()
    assert (report.location, report.version, report.updated_by) == ("changed", 2, admin_user)


@pytest.mark.django_db
def test_staff_cannot_reach_the_admin(client_a):
    response = client_a.get(reverse("admin:incidents_policereport_changelist"))
    assert response.status_code == 302
