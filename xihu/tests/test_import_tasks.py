"""Large imports as background tasks (issue 13): progress, all or nothing, state that
survives closing the page, history for every record, and one rule per field."""

import pytest
from django.test import override_settings
from django.urls import reverse

from incidents.models import PoliceReport
from xihu.imports.models import BatchState, ImportBatch
from xihu.imports.tasks import confirm_task, preview_task
from xihu.tests.importing import confirm, preview, upload

pytestmark = pytest.mark.django_db

REPORTS = "incidents:policereport_import"
HEADER = "received_at,category,effective,source,location,summary\n"


def rows(count, *, bad_line=None):
    lines = []
    for i in range(count):
        category = "arson" if i + 2 == bad_line else "public_security"
        when = f"2024-02-{10 + i % 8} {i % 24:02d}:{i % 60:02d}"
        lines.append(f"{when},{category},是,110报警,地点{i},摘要{i}\n")
    return HEADER + "".join(lines)


@pytest.fixture
def progress_reports(monkeypatch):
    """Every counter the import reports while it works, as (name, value) pairs.

    Recorded at the Progress object rather than as SQL: on PostgreSQL the counters go
    through a second connection while the import's transaction is open.
    """
    from xihu.imports import tasks

    reports = []
    report = tasks.Progress.__call__

    def recording(self, **counts):
        reports.extend((f"rows_{k}", v) for k, v in counts.items() if f"rows_{k}" in self.fields)
        return report(self, **counts)

    monkeypatch.setattr(tasks.Progress, "__call__", recording)
    return reports


def reported(reports, column):
    return [value for name, value in reports if name == column]


@pytest.mark.slow  # 5,000 rows: out of make test-fast, like the 10,000-row import
def test_five_thousand_rows_run_as_tasks_reporting_progress(client_a, station_a, progress_reports):
    batch = preview(client_a, REPORTS, rows(5000))
    assert batch.state == BatchState.PREVIEW and batch.to_create == 5000
    checked = reported(progress_reports, "rows_checked")
    assert len(checked) >= 3 and checked == sorted(checked) and checked[-1] <= 5000
    progress_reports.clear()
    confirm(client_a, batch)
    saved = reported(progress_reports, "rows_saved")
    assert len(saved) >= 3 and saved == sorted(saved) and saved[-1] == 5000
    assert (batch.state, batch.created, batch.rows_saved, batch.percent) == (
        "done",
        5000,
        5000,
        100,
    )
    # history rows for every imported record, by the importer, naming the batch
    assert PoliceReport.history.filter(history_type="+").count() == 5000
    assert set(PoliceReport.history.values_list("history_change_reason", flat=True)) == {
        f"import #{batch.pk}"
    }
    assert batch.items.filter(created=True).count() == 5000


def test_a_failing_row_aborts_without_saving(client_a, station_a):
    batch = preview(client_a, REPORTS, rows(5000, bad_line=4321))
    assert batch.state == BatchState.REFUSED and batch.error_rows == 1
    assert [line for line, *_rest in batch.report["errors"]] == [4321]
    assert not PoliceReport.objects.exists()


def test_a_row_the_database_refuses_saves_nothing(client_a, station_a):
    from incidents.views import PoliceReportImport

    batch = preview(client_a, REPORTS, rows(3000))
    plan = PoliceReportImport.load_plan(batch.plan)
    plan.creates[2500][2][PoliceReportImport.fields.index("effective")] = None  # NOT NULL
    batch.plan = PoliceReportImport.dump_plan(plan)
    batch.save()
    confirm(client_a, batch)
    assert batch.state == BatchState.FAILED and batch.message
    assert not PoliceReport.objects.exists() and not PoliceReport.history.exists()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_the_batch_page_shows_the_state_after_the_tab_is_closed(client_a, station_a):
    # The dummy backend keeps the task queued, as a worker that has not started yet.
    response = upload(client_a, REPORTS, rows(3000))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.state == BatchState.CHECKING
    page = client_a.get(reverse("imports:batch_detail", args=[batch.pk])).content.decode()
    assert 'id="batch-progress"' in page and "import_progress.js" in page
    assert "<script>" not in page  # no inline script (CSP)
    status = client_a.get(reverse("imports:batch_status", args=[batch.pk])).json()
    assert status["running"] and status["state"] == "checking"
    preview_task.call(batch.pk)  # the worker runs it; the page, opened again, shows the result
    page = client_a.get(reverse("imports:batch_detail", args=[batch.pk])).content.decode()
    assert 'id="import-confirm"' in page
    client_a.post(reverse("imports:batch_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == BatchState.SAVING
    assert client_a.get(reverse("imports:batch_status", args=[batch.pk])).json()["running"]
    confirm_task.call(batch.pk)
    status = client_a.get(reverse("imports:batch_status", args=[batch.pk])).json()
    assert (status["state"], status["percent"], status["running"]) == ("done", 100, False)
    assert PoliceReport.objects.count() == 3000


def test_a_file_error_found_by_the_worker_is_the_batch_message(client_a, station_a):
    batch = preview(client_a, REPORTS, "colour\n" + "red\n" * 3000)
    assert batch.state == BatchState.FAILED and "colour" in batch.message


def test_the_import_uses_the_shared_field_rules(client_a, station_a, monkeypatch):
    """The per-field rules are xihu.inputs' functions, the objects forms and API call too."""
    from xihu import inputs
    from xihu.imports import engine

    calls = []
    for name in ("parse_choice", "parse_boolean", "parse_datetime"):
        original = getattr(inputs, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(inputs, name, spy)
    assert engine.inputs is inputs
    from incidents.forms import PoliceReportForm
    from incidents.views import PoliceReportImport

    row_form = PoliceReportImport.get_form_class()()
    record_form = PoliceReportForm()
    for name in PoliceReportImport.fields:  # the same rule's field class, door by door
        assert type(row_form.fields[name]) is type(record_form.fields[name]), name
    preview(client_a, REPORTS, rows(3))
    assert calls.count("parse_choice") == 6  # category and source of each row
    assert calls.count("parse_boolean") == 3 and calls.count("parse_datetime") == 3


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_db_worker_runs_the_queued_import(client_a, station_a):
    """SPEC §4: `manage.py db_worker` runs the background tasks against the same database."""
    from django.core.management import call_command

    response = upload(client_a, REPORTS, rows(2500))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.state == BatchState.CHECKING
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    batch.refresh_from_db()
    assert batch.state == BatchState.PREVIEW and batch.to_create == 2500
    client_a.post(reverse("imports:batch_confirm", args=[batch.pk]))
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    batch.refresh_from_db()
    assert (batch.state, batch.created) == (BatchState.DONE, 2500)
    assert PoliceReport.objects.count() == 2500


def test_a_large_csv_export_streams_the_same_cells(client_a, station_a, monkeypatch):
    from incidents.tests.factories import PoliceReportFactory
    from xihu import exports
    from xihu.views import records

    PoliceReportFactory.create_batch(5, station=station_a, summary="=1+1")
    url = reverse("incidents:policereport_export", kwargs={"fmt": "csv"})
    whole = client_a.get(url).content.decode("utf-8-sig")
    monkeypatch.setattr(records, "STREAM_ROWS", 3)
    response = client_a.get(url)
    assert response.streaming
    streamed = b"".join(response.streaming_content).decode("utf-8-sig")
    assert streamed.replace("\r\n", "\n") == whole.replace("\r\n", "\n")
    assert "'=1+1" in streamed
    xlsx = client_a.get(reverse("incidents:policereport_export", kwargs={"fmt": "xlsx"}))
    assert xlsx.status_code == 302
    assert exports.STREAM_ROWS == 50_000


def test_a_damaged_plan_fails_the_batch_and_never_answers_500(client_a, station_a):
    batch = preview(client_a, REPORTS, rows(3))
    ImportBatch.objects.filter(pk=batch.pk).update(plan=b"not a plan")
    confirm(client_a, batch)
    assert batch.state == BatchState.FAILED and batch.message
    assert not PoliceReport.objects.exists()
