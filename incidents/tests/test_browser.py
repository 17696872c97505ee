"""A staff member records a police report and a case through the forms, in Chinese."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_enters_report_and_case_fixes_an_error_and_finds_them(login, live_server, staff_a):
    page = login("staff_a")
    page.goto(f"{live_server.url}/incidents/police-reports/add/")
    # The defaults cover the usual 110 call: only the category and the place are typed.
    assert page.locator("select[name=source]").input_value() == "call_110"
    assert page.locator("input[name=effective]").is_checked()
    assert page.locator("input[name=received_at]").input_value()
    page.select_option("select[name=category]", "public_security")
    page.fill("input[name=location]", "断桥残雪景区")
    page.click("button[name=_save]")
    page.wait_for_selector("text=断桥残雪景区")

    page.goto(f"{live_server.url}/incidents/cases/add/")
    page.select_option("select[name=category]", "telecom_fraud")
    page.fill("input[name=title]", "冒充客服电信诈骗案")
    page.fill("input[name=suspects_arrested]", "-2")
    page.fill("input[name=recovered_value]", "5000")
    page.click("button[name=_save]")
    error = page.locator(".invalid-feedback, .text-danger").first
    error.wait_for()
    assert "大于或等于" in error.inner_text()
    page.fill("input[name=suspects_arrested]", "2")
    page.click("button[name=_save]")
    page.wait_for_selector("text=冒充客服电信诈骗案")

    page.goto(f"{live_server.url}/incidents/cases/")
    assert "冒充客服电信诈骗案" in page.content()
    page.goto(f"{live_server.url}/incidents/police-reports/?q=断桥")
    assert "断桥残雪景区" in page.content()
    assert "治安" in page.content()
