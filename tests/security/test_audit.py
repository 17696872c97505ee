"""The audit log: who, when, what and from where, for every kind of event; read-only."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from xihu import audit
from xihu.models import AuditEntry

from .conftest import client_for

REPORT = {
    "received_at": "2024-02-10T10:00",
    "category": "traffic",
    "effective": "on",
    "source": "call_110",
    "location": "断桥",
}


def entries(action):
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


@pytest.mark.django_db
def test_create_change_delete_and_export_leave_entries(staff_a, supervisor, station_a):
    from incidents.models import PoliceReport

    client = client_for(staff_a)
    client.post(reverse("incidents:policereport_add"), REPORT, REMOTE_ADDR="10.1.2.3")
    report = PoliceReport.objects.get()
    edit = reverse("incidents:policereport_edit", args=[report.pk])
    client.post(edit, {**REPORT, "location": "白堤", "version": 1}, REMOTE_ADDR="10.1.2.3")
    client.get(
        reverse("incidents:policereport_export", kwargs={"fmt": "csv"}) + "?category=traffic"
    )
    boss = client_for(supervisor)
    boss.post(reverse("incidents:policereport_delete", args=[report.pk]), REMOTE_ADDR="10.9.9.9")

    created, changed, deleted = entries("create")[-1], entries("change")[-1], entries("delete")[-1]
    for entry in (created, changed):
        assert (entry.user, entry.username, entry.ip_address) == (staff_a, "staff_a", "10.1.2.3")
        assert (entry.model, entry.object_id) == ("incidents.PoliceReport", str(report.pk))
        assert entry.at is not None and entry.path
    assert (deleted.user, deleted.ip_address, deleted.object_id) == (
        supervisor,
        "10.9.9.9",
        str(report.pk),
    )
    export = entries("export")[-1]
    assert export.user == staff_a and export.model == "incidents.PoliceReport"
    assert "rows=1" in export.detail and "category=traffic" in export.detail
    print(f"\naudit: {AuditEntry.objects.count()} entries for create, change, export, delete")


@pytest.mark.django_db
def test_sign_in_success_and_failure_leave_entries(staff_a):
    from django.test import Client

    client = Client(REMOTE_ADDR="10.4.4.4")
    client.post(reverse("login"), {"username": "staff_a", "password": "wrong-password-x"})
    client.post(reverse("login"), {"username": "staff_a", "password": "correct-horse-battery"})
    failed, ok = entries("login_failed")[-1], entries("login")[-1]
    assert (failed.username, failed.user, failed.ip_address) == ("staff_a", None, "10.4.4.4")
    assert (ok.user, ok.ip_address) == (staff_a, "10.4.4.4")


@pytest.mark.django_db
def test_record_function_for_reveals(staff_a, station_a):
    """What the disputes app calls when a user reveals a party's phone or ID number."""
    request = RequestFactory().get("/disputes/disputes/7/", REMOTE_ADDR="10.5.5.5")
    request.user = staff_a
    entry = audit.record(
        "unmask", request=request, model="disputes.Party", object_id=3, detail="phone"
    )
    entry.refresh_from_db()
    assert (entry.user, entry.action, entry.model, entry.object_id, entry.ip_address) == (
        staff_a,
        "unmask",
        "disputes.Party",
        "3",
        "10.5.5.5",
    )


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted(admin_user, staff_a):
    entry = audit.record("export", user=staff_a, detail="rows=1")
    model_admin = site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = admin_user
    assert model_admin.has_view_permission(request, entry)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)

    client = client_for(admin_user)
    change = reverse("admin:xihu_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # readable
    assert client.post(change, {"detail": "rewritten"}).status_code == 403
    delete = reverse("admin:xihu_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:xihu_auditentry_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [entry.pk]})
    entry.refresh_from_db()
    assert entry.detail == "rows=1"

    entry.detail = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_bulletin_downloads_are_audited_as_exports(kind, staff_a, station_a, monkeypatch):
    """The bulletin's files carry the figures: each download is an export (who, which
    festival, file, language, station). The PDF's rendering is faked: the entry is the point."""
    from reports import documents
    from reports.tests import builders

    festival = builders.festival("spring-festival-2024")
    monkeypatch.setattr(documents, "cjk_font", lambda: "Noto Sans CJK SC")
    monkeypatch.setattr(documents, "bulletin_pdf", lambda context: b"%PDF-1.7 fake")
    url = reverse(f"reports:bulletin_{kind}", args=[festival.slug]) + "?lang=en"
    response = client_for(staff_a).get(url, REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{festival.slug}-en.{kind}"'
    [entry] = entries("export")
    assert (entry.user, entry.ip_address) == (staff_a, "10.1.2.3")
    assert (entry.model, entry.object_id) == ("reports.Festival", str(festival.pk))
    # Station staff see their own station's bulletin only.
    assert entry.detail == f"bulletin file={kind} lang=en station={station_a.code}"


@pytest.mark.django_db
def test_a_refused_bulletin_download_is_not_an_export(supervisor):
    from reports.tests import builders

    festival = builders.festival("spring-festival-2024")
    url = reverse("reports:bulletin_docx", args=[festival.slug]) + "?station=no-such"
    assert client_for(supervisor).get(url).status_code == 400
    assert not entries("export")
