"""Staff register a dispute with two parties, mediate, resolve and visit it, and watch the
attention board; the list never shows an ID number whole."""

import datetime

import pytest
from django.utils import timezone

from ..models import Dispute
from .factories import id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def board_count(page, base):
    page.goto(f"{base}/")
    card = page.locator(".card", has=page.locator("a[href='/disputes/disputes/attention/']"))
    return int(card.locator(".figure-value").inner_text().strip())


def test_register_mediate_resolve_follow_up(login, live_server, staff_a):
    base = live_server.url
    today = timezone.localdate()
    page = login("staff_a")
    assert board_count(page, base) == 0

    page.goto(f"{base}/disputes/disputes/add/")
    page.fill("input[name=registered_on]", (today - datetime.timedelta(days=20)).isoformat())
    page.select_option("select[name=category]", "wage_arrears")
    page.select_option("select[name=risk_level]", "high")
    page.select_option("select[name=source]", "visit")
    page.fill("textarea[name=summary]", "工地农民工讨薪")
    parties = [("张三", "applicant", "13812345678", id_number(8)), ("李四", "respondent", "", "")]
    for index, (name, role, phone, number) in enumerate(parties):
        page.fill(f"input[name=parties-{index}-name]", name)
        page.select_option(f"select[name=parties-{index}-role]", role)
        page.fill(f"input[name=parties-{index}-phone]", phone)
        page.fill(f"input[name=parties-{index}-id_number]", number)
    page.click("button[name=_save]")
    page.wait_for_selector("#parties")
    assert id_number(8) in page.inner_text("#parties")  # whole on the detail page
    detail = page.url
    assert board_count(page, base) == 1  # high risk, not yet resolved

    page.goto(detail)
    page.click("#action-mediate")
    page.select_option("select[name=channel]", "people")
    page.fill("input[name=mediator]", "王调解员")
    page.fill("input[name=mediated_on]", (today - datetime.timedelta(days=15)).isoformat())
    page.click("#workflow-form button[type=submit]")
    page.wait_for_selector("#timeline")
    page.click("#action-resolve")
    page.fill("input[name=resolved_on]", (today - datetime.timedelta(days=10)).isoformat())
    page.fill("textarea[name=resolution]", "工资已结清")
    page.click("#workflow-form button[type=submit]")
    page.wait_for_selector("#timeline")
    assert Dispute.objects.get().status == "resolved"
    assert board_count(page, base) == 1  # resolved ten days ago, no follow-up visit yet

    page.goto(detail)
    page.click("#action-followup")
    page.fill("textarea[name=note]", "双方情绪稳定")
    page.click("#workflow-form button[type=submit]")
    page.wait_for_selector("#timeline")
    assert page.locator("#timeline li").count() == 4
    assert board_count(page, base) == 0

    page.goto(f"{base}/disputes/disputes/")
    listing = page.content()
    assert id_number(8) not in listing and "张*" in listing and "张三" not in listing
