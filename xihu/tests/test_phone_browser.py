"""At a phone's width (390 px) the multi-row forms stack each row as a card of full-width inputs
whose selects show their text, and a list's filters fold away behind a button."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
MIN_WIDTH = 200  # px, the narrowest usable input on the phone

# For every visible input, select and textarea of the rows: its width, and for a select the
# width of its longest option's text against the room the box leaves for text (its inner width
# less padding, which holds the arrow). The longest option is selected first: if it shows,
# every option does.
MEASURE_ROWS = """(rows) => {
  const canvas = document.createElement("canvas").getContext("2d");
  const found = [];
  for (const el of rows.querySelectorAll("input, select, textarea")) {
    if (["hidden", "checkbox", "radio"].includes(el.type) || !el.offsetParent) continue;
    const box = el.getBoundingClientRect();
    const item = {name: el.name, width: box.width, right: box.right};
    if (el.tagName === "SELECT") {
      let longest = 0;
      for (let i = 1; i < el.options.length; i++) {
        if (el.options[i].text.length > el.options[longest].text.length) longest = i;
      }
      el.selectedIndex = longest;
      const style = getComputedStyle(el);
      canvas.font = style.font;
      item.text = el.options[longest].text;
      item.textWidth = canvas.measureText(item.text).width;
      item.room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      item.overflow = el.scrollWidth - el.clientWidth;
    }
    found.push(item);
  }
  return found;
}"""


def assert_rows_usable(page, url, rows_selector):
    page.set_viewport_size(PHONE)
    page.goto(url)
    rows = page.locator(rows_selector)
    fields = rows.evaluate(MEASURE_ROWS)
    assert len(fields) >= 3, fields
    selects = [f for f in fields if "text" in f]
    assert selects, fields
    for field in fields:
        assert field["width"] >= MIN_WIDTH, field
        assert field["right"] <= PHONE["width"], field  # nothing runs off the screen
    for select in selects:
        assert select["textWidth"] <= select["room"] + 2, select
        assert select["overflow"] <= 2, select
    # The page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_hazard_rows_on_a_phone(login, live_server, staff_a):
    page = login("staff_a")
    assert_rows_usable(
        page, f"{live_server.url}/inspections/inspections/add/", "fieldset.formset .formset-rows"
    )


def test_patrol_day_rows_on_a_phone(login, live_server, staff_a):
    page = login("staff_a")
    assert_rows_usable(
        page, f"{live_server.url}/patrols/patrol-deployments/day/", "fieldset.formset .formset-rows"
    )


def test_dispute_party_rows_on_a_phone(login, live_server, staff_a):
    page = login("staff_a")
    assert_rows_usable(
        page,
        f"{live_server.url}/disputes/disputes/add/",
        "fieldset.formset[data-prefix=parties] .formset-rows",
    )


def test_list_filters_fold_on_a_phone_and_open_on_demand(login, live_server, staff_a):
    page = login("staff_a")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/incidents/police-reports/")
    filters = page.locator("#filters")
    assert not filters.is_visible()
    page.click("#filters-toggle")
    filters.wait_for(state="visible")
    assert page.locator("#filters button[type=submit]").is_visible()
    # The table scrolls inside its box rather than widening the page.
    assert page.locator(".table-responsive table").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # On a desktop the filters are always shown, with no toggle.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    assert page.locator("#filters").is_visible()
    assert not page.locator("#filters-toggle").is_visible()


@pytest.mark.parametrize(
    "url", ["/patrols/patrol-deployments/board/", "/services/service-tallies/rates/"]
)
def test_wide_pages_scroll_their_table_not_the_page(url, login, live_server, staff_a):
    """A hand-written wide table (the patrol board was 431 px at 390) scrolls inside itself."""
    page = login("staff_a")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{url}")
    table = page.locator("main table.table").first
    assert table.evaluate("t => getComputedStyle(t).overflowX") == "auto"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
