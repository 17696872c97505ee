import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_sees_chinese_and_switches_to_english(login, staff_a):
    page = login("staff_a")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert "北山派出所" in page.content()
    assert "退出" in page.content()
    page.click("#language-switcher button[value=en]")
    page.wait_for_selector("html[lang=en]")
    assert "Log out" in page.content()
