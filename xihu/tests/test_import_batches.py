"""Import batches (issue 12): round trip, duplicates, same file twice, double confirm, undo,
the batch pages' scoping, the import template, and the flat inspection imports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import PoliceReport
from incidents.tests.factories import PoliceReportFactory
from inspections.models import FireworksPersuasion, PublicityActivity
from xihu.imports.models import BatchState, ImportBatch
from xihu.tests.importing import FIXTURES, confirm, preview, upload

pytestmark = pytest.mark.django_db

REPORTS = "incidents:policereport_import"
DAY = datetime.datetime(2024, 2, 10, 9, 0, tzinfo=timezone.get_fixed_timezone(480))


def export_csv(client) -> str:
    url = reverse("incidents:policereport_export", kwargs={"fmt": "csv"})
    return client.get(url).content.decode("utf-8-sig")


def reports(station, count=3, **kwargs):
    return [
        PoliceReportFactory(
            station=station, received_at=DAY + datetime.timedelta(hours=i), **kwargs
        )
        for i in range(count)
    ]


def edit_csv(text, row_index, column, value) -> str:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows[row_index][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


class TestRoundTrip:
    def test_export_changed_in_one_cell_imports_as_one_update(self, client_a, station_a):
        records = reports(station_a)
        formula = PoliceReportFactory(station=station_a, received_at=DAY, summary="=SUM(A1)")
        exported = export_csv(client_a)
        assert "'=SUM(A1)" in exported  # the export's guard
        target = records[1]
        line = next(
            i for i, row in enumerate(csv.reader(io.StringIO(exported))) if row[0] == str(target.pk)
        )
        batch = preview(client_a, REPORTS, edit_csv(exported, line, "location", "新地点"))
        assert (batch.to_create, batch.to_update, batch.identical) == (0, 1, 3)
        confirm(client_a, batch)
        assert (batch.created, batch.updated, batch.skipped) == (0, 1, 3)
        target.refresh_from_db()
        assert (target.location, target.version) == ("新地点", 2)
        formula.refresh_from_db()
        assert (formula.summary, formula.version) == ("=SUM(A1)", 1)
        assert PoliceReport.objects.count() == 4
        assert target.history.first().history_type == "~"

    def test_a_stale_version_is_a_row_error(self, client_a, station_a, staff_a):
        (record,) = reports(station_a, 1)
        exported = export_csv(client_a)
        record.location = "别人改过"
        record.save(by=staff_a)
        batch = preview(client_a, REPORTS, edit_csv(exported, 1, "location", "我改的"))
        assert batch.state == "refused"
        assert {c for _l, c, _v, _m in batch.report["errors"]} == {"version"}

    def test_stale_between_preview_and_confirm_saves_nothing(self, client_a, station_a, staff_a):
        (record,) = reports(station_a, 1)
        batch = preview(client_a, REPORTS, edit_csv(export_csv(client_a), 1, "location", "甲"))
        record.location = "乙"
        record.save(by=staff_a)
        confirm(client_a, batch)
        assert batch.state == "failed" and "2" in batch.message
        record.refresh_from_db()
        assert (record.location, record.version) == ("乙", 2)

    def test_another_stations_id_is_not_found(self, client_b, station_a, station_b):
        (record,) = reports(station_a, 1)
        text = f"id,version,received_at,category\n{record.pk},1,2024-02-10 09:00,fire\n"
        batch = preview(client_b, REPORTS, text)
        assert [c for _l, c, _v, _m in batch.report["errors"]] == ["id"]


class TestDuplicates:
    TEXT = (
        "received_at,category,location\n"
        "2024-02-10 09:00,public_security,北山街0号\n"  # identical to the stored record
        "2024-02-11 09:00,fire,断桥\n"
        "2024-02-11 09:00,fire,断桥\n"  # the same as the row above
    )

    def test_counted_and_skipped(self, client_a, station_a):
        PoliceReportFactory(
            station=station_a,
            received_at=DAY,
            category="public_security",
            location="北山街0号",
            summary="",
        )
        batch = preview(client_a, REPORTS, self.TEXT)
        assert (batch.to_create, batch.identical, batch.repeated) == (1, 1, 1)
        confirm(client_a, batch)
        assert (batch.created, batch.skipped) == (1, 2)
        assert PoliceReport.objects.count() == 2

    def test_imported_when_asked(self, client_a, station_a):
        PoliceReportFactory(
            station=station_a,
            received_at=DAY,
            category="public_security",
            location="北山街0号",
            summary="",
        )
        batch = confirm(client_a, preview(client_a, REPORTS, self.TEXT), include_identical="1")
        assert (batch.created, batch.skipped) == (3, 0)
        assert PoliceReport.objects.count() == 4


def test_the_same_file_twice_is_warned_about(client_a, station_a):
    text = "received_at,category\n2024-02-10 09:00,fire\n"
    confirm(client_a, preview(client_a, REPORTS, text))
    again = preview(client_a, REPORTS, text)
    page = client_a.get(reverse("imports:batch_detail", args=[again.pk])).content.decode()
    assert 'id="same-file"' in page
    assert again.identical == 1  # and the row is the record stored by the first import
    confirm(client_a, again, include_identical="1")
    assert again.state == BatchState.PREVIEW  # not without saying "I know"
    confirm(client_a, again, include_identical="1", same_file_ok="1")
    assert again.state == BatchState.DONE and PoliceReport.objects.count() == 2


def test_a_double_confirm_saves_once(client_a, station_a):
    batch = preview(client_a, REPORTS, "received_at,category\n2024-02-10 09:00,fire\n")
    url = reverse("imports:batch_confirm", args=[batch.pk])
    first, second = client_a.post(url), client_a.post(url)
    assert first.status_code == second.status_code == 302
    assert PoliceReport.objects.count() == 1
    batch.refresh_from_db()
    assert (batch.state, batch.created) == ("done", 1)


class TestUndo:
    def test_undo_deletes_created_reverts_updated_and_leaves_changed(
        self, client_a, staff_a, station_a
    ):
        kept, changed_later = reports(station_a, 2)
        exported = export_csv(client_a)
        text = edit_csv(edit_csv(exported, 1, "location", "改一"), 2, "location", "改二")
        text += ",,,2024-02-12T09:00:00+08:00,fire,true,call_110,新增,\n"
        batch = confirm(client_a, preview(client_a, REPORTS, text))
        assert (batch.created, batch.updated) == (1, 2)
        created = PoliceReport.objects.get(location="新增")
        updated_ids = {r.pk for r in PoliceReport.objects.filter(location__startswith="改")}
        assert updated_ids == {kept.pk, changed_later.pk}
        later = PoliceReport.objects.get(pk=sorted(updated_ids)[1])
        later.summary = "之后又改"
        later.save(by=staff_a)
        response = client_a.post(reverse("imports:batch_undo", args=[batch.pk]))
        assert response.status_code == 302
        batch.refresh_from_db()
        assert batch.state == BatchState.UNDONE and batch.undone_by == staff_a
        assert [row[0] for row in batch.report["left_alone"]] == [later.pk]
        assert not PoliceReport.objects.filter(pk=created.pk).exists()
        assert PoliceReport.history.filter(id=created.pk, history_type="-").exists()
        reverted = PoliceReport.objects.get(pk=sorted(updated_ids)[0])
        assert not reverted.location.startswith("改") and reverted.version == 3
        assert client_a.post(reverse("imports:batch_undo", args=[batch.pk])).status_code == 302
        assert PoliceReport.objects.count() == 2  # a second undo does nothing

    def test_only_the_author_or_a_supervisor_undoes(
        self, client_a, station_a, staff_a, client_supervisor
    ):
        from xihu.tests.factories import UserFactory

        batch = confirm(
            client_a, preview(client_a, REPORTS, "received_at,category\n2024-02-10 09:00,fire\n")
        )
        colleague = UserFactory(username="colleague", role="staff", station=station_a)
        from django.test import Client

        other = Client()
        other.force_login(colleague)
        assert other.post(reverse("imports:batch_undo", args=[batch.pk])).status_code == 403
        assert (
            client_supervisor.post(reverse("imports:batch_undo", args=[batch.pk])).status_code
            == 302
        )
        assert not PoliceReport.objects.exists()


class TestBatchPages:
    def test_list_is_station_scoped_and_paginated(
        self,
        client_a,
        client_b,
        client_supervisor,
        station_a,
        station_b,
        django_assert_max_num_queries,
    ):
        batch = confirm(
            client_a, preview(client_a, REPORTS, "received_at,category\n2024-02-10 09:00,fire\n")
        )
        url = reverse("imports:batch_list")
        detail = reverse("imports:batch_detail", args=[batch.pk])
        with django_assert_max_num_queries(12):
            page = client_a.get(url).content.decode()
        assert detail in page and "rows.csv" in page
        assert detail not in client_b.get(url).content.decode()
        assert client_b.get(detail).status_code == 404
        assert client_b.get(reverse("imports:batch_status", args=[batch.pk])).status_code == 404
        assert detail in client_supervisor.get(url).content.decode()
        assert client_supervisor.get(detail).status_code == 200
        status = client_a.get(reverse("imports:batch_status", args=[batch.pk])).json()
        assert (status["state"], status["percent"], status["rows_saved"]) == ("done", 100, 1)

    def test_navigation_reaches_the_batches(self, client_a):
        assert reverse("imports:batch_list") in client_a.get(reverse("home")).content.decode()

    def test_unconfirmed_previews_do_not_pile_up(self, client_a, staff_a, station_a):
        for i in range(8):
            preview(client_a, REPORTS, f"received_at,category\n2024-02-10 09:{i:02d},fire\n")
        assert ImportBatch.objects.filter(created_by=staff_a).count() == 5
        ImportBatch.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
        preview(client_a, REPORTS, "received_at,category\n2024-02-10 10:00,fire\n")
        assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize(
    "url_name, model, header, row",
    [
        (
            "inspections:publicityactivity_import",
            PublicityActivity,
            "活动日期,主题,标题,发放宣传资料（份）,参加人数",
            "2024-02-10,消防安全,消防进社区,200,80",
        ),
        (
            "inspections:fireworkspersuasion_import",
            FireworksPersuasion,
            "occurred_on,location,behaviours",
            "2024-02-10,断桥,3",
        ),
    ],
)
def test_flat_inspection_records_import(client_a, station_a, url_name, model, header, row):
    batch = preview(client_a, url_name, f"{header}\n{row}\n")
    assert batch.state == "preview", batch.report
    confirm(client_a, batch)
    assert model.objects.get().station == station_a


@pytest.mark.parametrize(
    "url_name",
    [
        "incidents:policereport_import",
        "incidents:case_import",
        "inspections:venue_import",
        "inspections:publicityactivity_import",
        "inspections:fireworkspersuasion_import",
        "patrols:patroldeployment_import",
        "patrols:largeevent_import",
        "services:servicetally_import",
    ],
)
def test_import_template(client_a, station_a, url_name):
    url = reverse(url_name.replace("_import", "_import_template"))
    response = client_a.get(url)
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, _choices, about = book.worksheets
    headers = [c.value for c in data[1]]
    assert headers[0] == "单位" and all(h and not h.isascii() for h in headers)
    described = [row[1] for row in about.iter_rows(min_row=2, values_only=True)]
    assert described[0] == "station" and len(described) == len(headers)
    choice_columns = [
        row[1] for row in about.iter_rows(min_row=2, values_only=True) if "(" in (row[4] or "")
    ]
    assert len(data.data_validations.dataValidation) >= len(choice_columns)
    # The template as downloaded imports (its headers are the fields' labels).
    empty = upload(client_a, url_name, response.content, name="template.xlsx")
    assert "没有数据行" in str(empty.context["form"].errors["file"])


@pytest.mark.parametrize(
    "sample, url_name, api, count",
    [
        ("case_excel_date_cell.xlsx", "incidents:case_import", "cases", 1),
        (
            "service_tally_excel_date_cell.xlsx",
            "services:servicetally_import",
            "service-tallies",
            1,
        ),
        ("case_stale_dimension_3_rows.xlsx", "incidents:case_import", "cases", 3),
        ("police_utf8_plus_gbk_row.csv", REPORTS, "police-reports", 0),
        ("police_datetime_0001.csv", REPORTS, "police-reports", 0),
    ],
)
def test_every_sample_through_the_page_and_the_api(client_a, api_a, sample, url_name, api, count):
    response = upload(client_a, url_name, (FIXTURES / sample).read_bytes(), name=sample)
    if response.status_code == 302:
        batch = ImportBatch.objects.latest("pk")
        if batch.state == BatchState.PREVIEW:
            confirm(client_a, batch)
    else:
        assert response.status_code == 400
    assert api_a.get(f"/api/v1/{api}/").json()["count"] == count
