"""The foundation on a sample record type (PoliceReport): scoping, locking, history."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from incidents.models import PoliceReport
from xihu.models import User, VersionConflict


def make_report(station, **kwargs):
    defaults = {
        "received_at": timezone.now(),
        "category": "criminal",
        "source": "call_110",
        "location": "北山街",
    }
    report = PoliceReport(station=station, **{**defaults, **kwargs})
    report.save()
    return report


@pytest.mark.django_db
class TestScoping:
    def test_staff_get_404_on_other_station_pages(self, client_a, station_b):
        report = make_report(station_b)
        for action in ("detail", "edit", "delete"):
            url = reverse(f"incidents:policereport_{action}", args=[report.pk])
            assert client_a.get(url).status_code == 404, action

    def test_staff_list_shows_only_own_station(self, client_a, station_a, station_b):
        make_report(station_a, location="own-station-place")
        make_report(station_b, location="other-station-place")
        body = client_a.get(reverse("incidents:policereport_list")).content.decode()
        assert "own-station-place" in body
        assert "other-station-place" not in body

    def test_supervisor_sees_every_station(self, client_supervisor, station_a, station_b):
        report = make_report(station_b)
        url = reverse("incidents:policereport_detail", args=[report.pk])
        assert client_supervisor.get(url).status_code == 200

    def test_staff_get_404_on_other_station_in_api(self, api_a, station_b):
        report = make_report(station_b)
        assert api_a.get(f"/api/v1/police-reports/{report.pk}/").status_code == 404
        listed = api_a.get("/api/v1/police-reports/").json()
        assert listed["count"] == 0

    def test_staff_create_records_for_own_station_whatever_the_form_says(
        self, client_a, station_a, station_b
    ):
        response = client_a.post(
            reverse("incidents:policereport_add"),
            {
                "station": station_b.pk,
                "received_at": "2024-02-10T10:00",
                "category": "traffic",
                "effective": "on",
                "source": "call_110",
            },
        )
        assert response.status_code == 302
        assert PoliceReport.objects.get().station == station_a

    def test_api_refuses_other_station(self, api_a, station_b):
        response = api_a.post(
            "/api/v1/police-reports/",
            {"station": "xixi", "received_at": "2024-02-10T10:00", "category": "fire"},
            format="json",
        )
        assert response.status_code == 400
        assert "station" in response.json()

    def test_anonymous_is_sent_to_login(self, client, station_a):
        report = make_report(station_a)
        response = client.get(reverse("incidents:policereport_detail", args=[report.pk]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        assert client.get("/api/v1/police-reports/").status_code == 401

    def test_staff_cannot_delete(self, client_a, station_a):
        report = make_report(station_a)
        url = reverse("incidents:policereport_delete", args=[report.pk])
        assert client_a.post(url).status_code == 403
        assert PoliceReport.objects.filter(pk=report.pk).exists()


@pytest.mark.django_db
class TestOptimisticLocking:
    def test_model_refuses_stale_version(self, station_a):
        report = make_report(station_a)
        first = PoliceReport.objects.get(pk=report.pk)
        second = PoliceReport.objects.get(pk=report.pk)
        first.location = "first"
        first.save()
        second.location = "second"
        with pytest.raises(VersionConflict):
            second.save()
        report.refresh_from_db()
        assert (report.location, report.version) == ("first", 2)

    def test_form_shows_conflict_and_keeps_entries(self, client_a, staff_a, station_a):
        report = make_report(station_a)
        other = PoliceReport.objects.get(pk=report.pk)
        other.location = "their change"
        other.save(by=staff_a)
        url = reverse("incidents:policereport_edit", args=[report.pk])
        data = {
            "received_at": "2024-02-10T10:00",
            "category": "traffic",
            "effective": "on",
            "source": "call_110",
            "location": "my change",
            "version": 1,
        }
        response = client_a.post(url, data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "their change" in body  # the other person's change is shown
        assert "my change" in body  # and nothing the user typed is lost
        report.refresh_from_db()
        assert report.location == "their change"
        # Saving again deliberately replaces their change (the form now carries version 2).
        data["version"] = 2
        assert client_a.post(url, data).status_code == 302
        report.refresh_from_db()
        assert (report.location, report.version) == ("my change", 3)

    def test_api_answers_409_on_stale_version(self, api_a, station_a):
        report = make_report(station_a)
        url = f"/api/v1/police-reports/{report.pk}/"
        ok = api_a.patch(url, {"location": "a", "version": 1}, format="json")
        assert ok.status_code == 200 and ok.json()["version"] == 2
        stale = api_a.patch(url, {"location": "b", "version": 1}, format="json")
        assert stale.status_code == 409
        assert stale.json()["current_version"] == 2
        missing = api_a.patch(url, {"location": "b"}, format="json")
        assert missing.status_code == 400 and "version" in missing.json()


@pytest.mark.django_db
def test_history_keeps_create_change_and_delete(client_supervisor, supervisor, station_a):
    report = make_report(station_a)
    report.location = "changed"
    report.save(by=supervisor)
    url = reverse("incidents:policereport_delete", args=[report.pk])
    assert client_supervisor.post(url).status_code == 302
    history = PoliceReport.history.filter(id=report.pk).order_by("history_id")
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert history[1].history_user == supervisor  # save(by=) outside a request names the user
    assert history.last().history_user == supervisor
    assert history.last().location == "changed"  # nothing lost: the deleted row is kept


@pytest.mark.django_db
class TestAddUser:
    def test_creates_staff_with_station(self, station_a):
        call_command("add_user", "li", role="staff", station="beishan", password="long-enough-pw-1")
        user = User.objects.get(username="li")
        assert (user.role, user.station, user.check_password("long-enough-pw-1")) == (
            "staff",
            station_a,
            True,
        )

    @pytest.mark.parametrize(
        "kwargs, message",
        [
            ({"role": "king"}, "Unknown role"),
            ({"role": "staff", "station": "nowhere"}, "Unknown station"),
            ({"role": "staff"}, "need a station"),
            ({"role": "supervisor", "password": "short"}, "too short"),
        ],
    )
    def test_clear_errors(self, db, kwargs, message):
        with translation.override("en"), pytest.raises(CommandError, match=message):
            call_command("add_user", "x", stdout=StringIO(), **kwargs)

    def test_errors_are_in_chinese_by_default(self, db):
        with pytest.raises(CommandError, match="未知单位"):
            call_command("add_user", "x", role="staff", station="nowhere", stdout=StringIO())


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    out = StringIO()
    call_command("load_demo", stdout=out)
    counts = (User.objects.count(), PoliceReport.objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (User.objects.count(), PoliceReport.objects.count()) == counts
    assert "supervisor-demo-2024" in out.getvalue()


OUTSIDE = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.I)


@pytest.mark.django_db
def test_no_page_references_an_outside_asset(client_supervisor, client, station_a):
    """Every GET page of the project renders with no http(s):// or //host asset."""
    from django.urls import get_resolver

    make_report(station_a)
    pages = {"/accounts/login/": client}
    for pattern in _walk(get_resolver()):
        if "<" in pattern or "(?P" in pattern or pattern.startswith("api/") or "admin/" in pattern:
            continue
        pages[f"/{pattern}"] = client_supervisor
    pages["/admin/"] = None
    checked = 0
    for url, who in pages.items():
        if who is None:
            continue
        response = who.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        assert not OUTSIDE.search(response.content.decode()), url
        checked += 1
    assert checked >= 3


def _walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        if hasattr(entry, "url_patterns"):
            yield from _walk(entry, route)
        else:
            yield route


@pytest.mark.django_db
def test_home_fits_role(client_a, client_supervisor):
    assert "北山派出所" in client_a.get("/").content.decode()
    assert client_supervisor.get("/").status_code == 200


@pytest.mark.django_db
def test_local_midnight_boundaries(station_a):
    tz = timezone.get_current_timezone()
    last_second = datetime.datetime(2024, 2, 17, 23, 59, 59, tzinfo=tz)
    next_midnight = datetime.datetime(2024, 2, 18, 0, 0, 0, tzinfo=tz)
    first_midnight = datetime.datetime(2024, 2, 10, 0, 0, 0, tzinfo=tz)
    for moment in (last_second, next_midnight, first_midnight):
        make_report(station_a, received_at=moment)
    found = PoliceReport.objects.in_period(datetime.date(2024, 2, 10), datetime.date(2024, 2, 17))
    assert sorted(r.received_at for r in found) == [first_midnight, last_second]


@pytest.mark.django_db
def test_multiple_choice_refuses_ids_past_64_bits(station_a):
    """SQLite raises OverflowError for such ids; the field must answer a field error."""
    from xihu.forms import RecordMultipleChoiceField
    from xihu.models import Station

    field = RecordMultipleChoiceField(queryset=Station.objects.all())
    with pytest.raises(Exception) as caught:
        field.clean([str(2**63)])
    assert caught.type.__name__ == "ValidationError"
    assert list(field.clean([str(station_a.pk)])) == [station_a]
