"""A supervisor edits the bulletin, previews and publishes it; a staff member then adds a
police report; the summary shows the figure that moved against publication 1, and the
published PDF still says what it said."""

import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone

from . import builders as b

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EDITED = "本节日期间全区共接报有效警情{police_reports.effective}起，较往年明显减少。"


def pdf_text(content):
    from pypdf import PdfReader

    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def download(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_edit_publish_then_a_new_report_moves_the_figure(
    login, live_server, supervisor, staff_a, station_a
):
    today = timezone.localdate()
    slug = "spring-festival-live"
    b.festival(slug, today - datetime.timedelta(days=3), today + datetime.timedelta(days=3))
    now = timezone.localtime().replace(tzinfo=None)
    for hours in (1, 2):
        b.report(station_a, now - datetime.timedelta(hours=hours))

    page = login("supervisor")
    page.set_default_timeout(120_000)  # publishing renders four files
    page.goto(f"{live_server.url}/reports/{slug}/bulletin/edit/?lang=zh")
    page.fill("textarea[name=overview]", EDITED)
    with page.expect_navigation():
        page.click("#draft-preview")
    assert "本节日期间全区共接报有效警情2起，较往年明显减少。" in page.inner_text("#preview")
    with page.expect_navigation():
        page.click("#draft-save")
    page.goto(f"{live_server.url}/reports/{slug}/")
    with page.expect_navigation():
        page.click("#publish-button")
    assert "1" in page.inner_text("#publication-status")
    published = download(page, "#publication-1-zh-pdf")
    assert "本节日期间全区共接报有效警情2起" in pdf_text(published)

    page.context.clear_cookies()
    login("staff_a")
    page.goto(f"{live_server.url}/incidents/police-reports/add/")
    page.select_option("select[name=category]", "criminal")
    page.fill("input[name=location]", "断桥")
    with page.expect_navigation():
        page.click("button[name=_save]")

    page.context.clear_cookies()
    login("supervisor")
    page.goto(f"{live_server.url}/reports/{slug}/")
    figure = page.locator("#figure-police_reports-effective")
    assert figure.locator(".value").inner_text() == "3"
    moved = figure.locator('[data-moved="police_reports.effective"]')
    assert "2" in moved.inner_text() and "1" in moved.inner_text()
    assert "changed_after=" in moved.locator("a").get_attribute("href")
    again = download(page, "#publication-1-zh-pdf")
    assert again == published
    assert "本节日期间全区共接报有效警情2起" in pdf_text(again)
