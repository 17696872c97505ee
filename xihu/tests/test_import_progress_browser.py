"""The batch page's progress bar follows a 5,000-row import run by the worker (issue 13)."""

import pytest
from django.test import override_settings

from incidents.models import PoliceReport
from xihu.imports.models import ImportBatch
from xihu.imports.tasks import confirm_task, preview_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=QUEUED)  # tasks wait in the queue; the test plays the worker
def test_progress_bar_moves_to_100_percent(login, live_server, staff_a, tmp_path):
    page = login("staff_a")
    seen = []

    def on_response(response):
        if "status.json" in response.url:
            try:
                seen.append(response.json()["percent"])
            except Exception:  # noqa: BLE001  (a poll cut short by the page's reload)
                pass

    page.on("response", on_response)
    lines = ["接警时间,类别,有效警情,警情来源,发生地点"] + [
        f"2024-02-{10 + i % 8} {i % 24:02d}:{i % 60:02d},治安,是,110报警,地点{i}"
        for i in range(5000)
    ]
    upload = tmp_path / "reports.csv"
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page.goto(f"{live_server.url}/incidents/police-reports/import/")
    page.set_input_files("input[name=file]", str(upload))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#batch-progress")  # the worker has not started: 0%
    page.wait_for_timeout(1200)  # one poll at least
    batch = ImportBatch.objects.get()
    preview_task.call(batch.pk)
    page.wait_for_selector("#import-confirm", timeout=30_000)  # reloaded when done
    assert page.locator("[data-count=to_create]").inner_text() == "5000"
    page.click("#import-confirm")
    page.wait_for_selector("#batch-progress")
    confirm_task.call(batch.pk)
    page.wait_for_selector("[data-count=created]", timeout=30_000)
    assert page.locator("[data-count=created]").inner_text() == "5000"
    assert PoliceReport.objects.count() == 5000
    # The bar was polled from 0% up to the end of the check; it ends at 100%.
    assert seen[0] == 0 and max(seen) >= 99
    status = page.request.get(f"{live_server.url}/imports/{batch.pk}/status.json").json()
    assert (status["state"], status["percent"]) == ("done", 100)
