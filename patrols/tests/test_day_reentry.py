"""Issue 18: a patrol day entered twice is not counted twice (run on SQLite and PostgreSQL)."""

import datetime
import io

import pytest
from django.urls import reverse

from patrols.models import PatrolDeployment
from xihu.tests.importing import preview

from .factories import PatrolDeploymentFactory
from .test_views import day_entry_data, row

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 2, 10)
URL = "/patrols/patrol-deployments/day/"


def existing_row(deployment, **changes):
    """The posted fields of a saved row as the day form shows it."""
    return {
        "id": str(deployment.pk),
        "version": str(deployment.version),
        "shift": deployment.shift,
        "mode": deployment.mode,
        "personnel": str(deployment.personnel),
        "vehicles": str(deployment.vehicles),
        "area_kind": deployment.area_kind,
        "area": deployment.area,
        **changes,
    }


def reentry_data(saved, new=(), **kwargs):
    data = day_entry_data(rows=[*saved, *new], **kwargs)
    data["rows-INITIAL_FORMS"] = str(len(saved))
    return data


@pytest.fixture
def day_rows(station_a):
    return [
        PatrolDeploymentFactory(station=station_a, date=DAY, area="断桥", personnel=40),
        PatrolDeploymentFactory(station=station_a, date=DAY, area="湖滨", shift="night"),
    ]


def test_reopening_a_day_shows_its_rows_for_editing(client_a, day_rows, station_b):
    PatrolDeploymentFactory(station=station_b, date=DAY, area="西溪")  # another station's
    response = client_a.get(URL, {"date": "2024-02-10"})
    formset = response.context["formset"]
    assert [form.instance for form in formset.initial_forms] == sorted(
        day_rows, key=lambda d: (d.shift, d.pk)
    )
    assert formset.initial_forms[0]["version"].value() == 1
    content = response.content.decode()
    assert 'value="断桥"' in content and "西溪" not in content
    assert "这一天已有 2 条勤务" in content  # Chinese first


def test_staff_open_today_without_asking(client_a, station_a):
    today = PatrolDeploymentFactory(station=station_a, date=datetime.date.today())
    response = client_a.get(URL)
    assert [form.instance for form in response.context["formset"].initial_forms] == [today]


def test_supervisor_opens_a_stations_day(client_supervisor, day_rows, station_a):
    response = client_supervisor.get(URL, {"date": "2024-02-10", "station": station_a.pk})
    assert len(response.context["formset"].initial_forms) == 2
    assert not client_supervisor.get(URL).context["formset"].initial_forms  # no station yet


def test_editing_the_opened_rows_changes_them_and_adds_new_ones(client_a, day_rows):
    first, second = sorted(day_rows, key=lambda d: (d.shift, d.pk))
    data = reentry_data(
        [existing_row(first, personnel="45"), existing_row(second)],
        [row(area="北山街", personnel="5")],
    )
    response = client_a.post(URL, data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.personnel, first.version) == (45, 2)
    assert PatrolDeployment.objects.count() == 3
    assert sum(PatrolDeployment.objects.values_list("personnel", flat=True)) == 45 + 10 + 5


def test_a_second_entry_of_the_same_row_is_refused(client_a, day_rows):
    # The form opened before the rows were saved (or on another date, then changed).
    data = day_entry_data(rows=[row(area="断桥", personnel="40")])
    response = client_a.post(URL, data)
    assert response.status_code == 200
    errors = response.context["formset"].forms[0].non_field_errors()
    assert "这一天已有同一班次、方式和区域的勤务" in errors[0]
    assert PatrolDeployment.objects.count() == 2


def test_the_same_row_twice_in_one_form_is_refused(client_a, station_a):
    response = client_a.post(URL, day_entry_data(rows=[row(), row(personnel="3")]))
    assert response.status_code == 200
    assert response.context["formset"].forms[1].non_field_errors()
    assert not PatrolDeployment.objects.exists()


def test_a_row_changed_by_someone_else_is_not_overwritten(client_a, day_rows):
    first, second = sorted(day_rows, key=lambda d: (d.shift, d.pk))
    data = reentry_data([existing_row(first, personnel="41"), existing_row(second)])
    first.personnel = 50
    first.save()  # someone else, after the day was opened
    response = client_a.post(URL, data)
    assert response.status_code == 200
    assert "被他人修改或删除" in response.context["form"].non_field_errors()[0]
    first.refresh_from_db()
    assert first.personnel == 50


def test_deleting_an_opened_row(client_a, day_rows, staff_a):
    first, second = sorted(day_rows, key=lambda d: (d.shift, d.pk))
    data = reentry_data([existing_row(first, DELETE="on"), existing_row(second)])
    assert client_a.post(URL, data).status_code == 302
    assert list(PatrolDeployment.objects.all()) == [second]
    assert first.history.latest().history_user == staff_a


def test_every_other_door_refuses_the_same_row(client_a, api_a, day_rows):
    # the single-record form
    response = client_a.post(
        reverse("patrols:patroldeployment_add"), {"date": "2024-02-10", **row(area="断桥")}
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    # the API
    payload = {"date": "2024-02-10", **row(area="断桥")}
    response = api_a.post("/api/v1/patrol-deployments/", payload, format="json")
    assert response.status_code == 400 and response.json()["non_field_errors"]
    # the import: a saved row and a row repeated within the file
    file = io.BytesIO(
        (
            "date,shift,mode,personnel,vehicles,area_kind,area\n"
            "2024-02-10,day,car,40,2,scenic_spot,断桥\n"
            "2024-02-11,day,car,5,1,square,武林广场\n"
            "2024-02-11,day,car,6,1,square,武林广场\n"
        ).encode()
    )
    batch = preview(client_a, "patrols:patroldeployment_import", file.getvalue(), name="r.csv")
    assert batch.state == "refused"
    # The saved row, repeated exactly, is counted as identical and skipped (SPEC §2
    # Imports); the same deployment with other values, repeated in the file, is refused.
    lines = [line for line, _column, _value, _texts in batch.report["errors"]]
    assert lines == [4] and batch.identical == 1
    assert PatrolDeployment.objects.count() == 2
