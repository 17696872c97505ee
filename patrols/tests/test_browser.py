import datetime

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_day_entry_reaches_the_board_and_event_warns_until_planned(login, live_server, staff_a):
    page = login("staff_a")
    day = datetime.date.today()

    page.goto(f"{live_server.url}/patrols/patrol-deployments/day/")
    page.fill("input[name=date]", day.isoformat())
    for index, (shift, personnel, vehicles, area) in enumerate(
        [("day", "120", "18", "断桥"), ("night", "60", "9", "湖滨"), ("day", "25", "4", "北山街")]
    ):
        page.select_option(f"select[name=rows-{index}-shift]", shift)
        page.fill(f"input[name=rows-{index}-personnel]", personnel)
        page.fill(f"input[name=rows-{index}-vehicles]", vehicles)
        page.fill(f"input[name=rows-{index}-area]", area)
    with page.expect_navigation():
        page.click("#day-entry-form button[name=_save]")

    board_day = page.locator(f"tbody.board-day[data-date='{day.isoformat()}']")
    assert board_day.locator(".day-personnel").inner_text() == "205"
    assert board_day.locator(".day-vehicles").inner_text() == "31"
    station_row = board_day.locator("tr.board-station[data-station=beishan]")
    assert station_row.locator("td").nth(1).inner_text() == "145"  # day shift personnel

    starts = day + datetime.timedelta(days=10)
    page.goto(f"{live_server.url}/patrols/large-events/add/")
    page.fill("input[name=name]", "西湖元宵灯会")
    page.fill("input[name=starts_on]", starts.isoformat())
    page.fill("input[name=ends_on]", starts.isoformat())
    page.fill("input[name=location]", "湖滨步行街")
    page.select_option("select[name=organiser]", "official")
    page.fill("input[name=expected_attendance]", "5000")
    with page.expect_navigation():
        page.click("#record-form button[name=_save]")
    event_url = page.url

    page.goto(f"{live_server.url}/")
    assert "西湖元宵灯会" not in page.content()  # the home page shows the count, not names
    panel = page.locator(
        "main .card", has=page.locator("a[href='/patrols/large-events/warnings/']")
    )
    assert panel.locator(".figure-value").inner_text() == "1"
    with page.expect_navigation():
        panel.locator("a").click()
    assert "西湖元宵灯会" in page.locator("main table").inner_text()

    page.goto(f"{event_url}edit/")
    page.fill("input[name=security_plan_issued_on]", day.isoformat())
    with page.expect_navigation():
        page.click("#record-form button[name=_save]")
    page.goto(f"{live_server.url}/patrols/large-events/warnings/")
    assert "西湖元宵灯会" not in page.locator("main table").inner_text()
