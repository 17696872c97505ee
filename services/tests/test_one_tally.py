"""Issue 18: one tally per station, date and department (run on SQLite and PostgreSQL)."""

import datetime
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from services.models import ServiceTally
from xihu.tests.importing import preview

from .factories import ServiceTallyFactory

pytestmark = pytest.mark.django_db
FORM = {
    "date": "2024-02-10",
    "department": "household",
    "handled": "30",
    "vehicle_driving": "0",
    "on_time": "30",
    "praised": "20",
}
MESSAGE = "本单位当天已有该部门的窗口服务统计，请修改那条统计。"


@pytest.fixture
def tally(station_a):
    return ServiceTallyFactory(station=station_a, date=datetime.date(2024, 2, 10))


def test_the_database_refuses_a_second_tally(tally, station_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceTally.objects.create(
            station=station_a, date=tally.date, department=tally.department, handled=1
        )


def test_the_form_refuses_it_and_links_to_the_saved_tally(client_a, tally):
    response = client_a.post(reverse("services:servicetally_add"), FORM)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MESSAGE]
    assert f'href="{reverse("services:servicetally_edit", args=[tally.pk])}"' in (
        response.content.decode()
    )
    assert ServiceTally.objects.count() == 1


def test_the_saved_tally_is_edited_and_other_days_or_stations_are_free(client_a, client_b, tally):
    edit = reverse("services:servicetally_edit", args=[tally.pk])
    response = client_a.post(edit, {**FORM, "handled": "200", "version": "1"})
    assert response.status_code == 302
    tally.refresh_from_db()
    assert (tally.handled, tally.version) == (200, 2)
    assert client_b.post(reverse("services:servicetally_add"), FORM).status_code == 302
    other_day = {**FORM, "date": "2024-02-11"}
    assert client_a.post(reverse("services:servicetally_add"), other_day).status_code == 302
    assert ServiceTally.objects.count() == 3


def test_the_api_refuses_it_with_the_message(api_a, tally):
    response = api_a.post("/api/v1/service-tallies/", FORM, format="json")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == [MESSAGE]


def test_the_admin_refuses_it(client_admin, tally, station_a):
    response = client_admin.post(
        reverse("admin:services_servicetally_add"),
        {**FORM, "station": station_a.pk, "version": "1"},
    )
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert ServiceTally.objects.count() == 1


def test_the_import_refuses_saved_and_repeated_tallies(client_a, tally):
    file = io.BytesIO(
        b"date,department,handled,vehicle_driving,on_time,praised\n"
        b"2024-02-10,household,5,0,5,5\n"
        b"2024-02-11,traffic,5,5,5,5\n"
        b"2024-02-11,traffic,6,6,6,6\n"
        b"2024-02-11,household,5,0,5,5\n"
    )
    batch = preview(client_a, "services:servicetally_import", file.getvalue(), name="t.csv")
    assert batch.state == "refused"
    errors = batch.report["errors"]
    assert [(line, texts) for line, _column, _value, texts in errors] == [
        (2, ["该记录已保存，请修改已有记录，不要重复导入。"]),
        (4, ["与第 3 行重复。"]),
    ]
    assert ServiceTally.objects.count() == 1
