"""Staff register a venue, record an inspection with three hazards, then the re-inspection,
and watch the overdue count on the home page change."""

import datetime

import pytest
from django.utils import timezone

from ..models import Hazard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def overdue_count(page, base):
    page.goto(f"{base}/")
    card = page.locator(".card", has=page.locator("a[href='/inspections/overdue/']"))
    return int(card.locator(".figure-value").inner_text().strip())


def test_inspection_with_three_hazards_then_reinspection(login, live_server, staff_a):
    base = live_server.url
    today = timezone.localdate()
    page = login("staff_a")
    assert overdue_count(page, base) == 0

    page.goto(f"{base}/inspections/venues/add/")
    page.fill("input[name=name]", "湖滨小旅馆")
    page.select_option("select[name=kind]", "hotel")
    page.fill("input[name=address]", "湖滨路8号")
    page.click("button[name=_save]")
    page.click("#add-inspection")

    # Inspected ten days ago with a notice that ran out yesterday.
    page.fill("input[name=inspected_on]", (today - datetime.timedelta(days=10)).isoformat())
    page.fill("input[name=notice_number]", "西公（消）限字〔2024〕0007号")
    page.fill("input[name=notice_deadline]", (today - datetime.timedelta(days=1)).isoformat())
    rows = [
        ("灭火器过期", "extinguishers", "on_spot"),
        ("电线私拉乱接", "wiring", "time_limited"),
        ("仓库住人", "flammables_living", "suspension"),
    ]
    for index, (description, kind, disposition) in enumerate(rows):
        if index:
            page.click("fieldset.formset .add-row")
        page.fill(f"input[name=hazards-{index}-description]", description)
        page.select_option(f"select[name=hazards-{index}-kind]", kind)
        page.select_option(f"select[name=hazards-{index}-disposition]", disposition)
    # A mistake first: without the notice the time-limited row is refused, rows kept.
    page.fill("input[name=notice_number]", "")
    page.fill("input[name=notice_deadline]", "")
    page.click("button[name=_save]")
    page.locator(".invalid-feedback").first.wait_for()
    assert page.input_value("input[name=hazards-2-description]") == "仓库住人"
    page.fill("input[name=notice_number]", "西公（消）限字〔2024〕0007号")
    page.fill("input[name=notice_deadline]", (today - datetime.timedelta(days=1)).isoformat())
    page.click("button[name=_save]")
    page.wait_for_selector("#hazards")
    assert Hazard.objects.count() == 3
    assert overdue_count(page, base) == 1

    page.go_back()
    page.click("#reinspect-link")
    page.fill("input[name=reinspected_on]", today.isoformat())
    page.get_by_label("电线私拉乱接").check()
    page.click("#reinspection-form button[type=submit]")
    page.wait_for_selector("#hazards")
    assert overdue_count(page, base) == 0
