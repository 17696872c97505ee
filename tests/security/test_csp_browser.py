"""The CSP in a real browser (Chromium): no page breaks a rule of script-src or style-src,
and the API docs still render. Chromium reports each refused inline script or style on the
console ("Refused to apply inline style ... Content Security Policy")."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


def test_pages_and_admin_break_no_csp_rule(login, live_server, admin_user, station_a, violations):
    from disputes.tests.factories import DisputeFactory, PartyFactory

    dispute = DisputeFactory(station=station_a)
    PartyFactory(dispute=dispute, name="张三")
    page = login("admin")
    for path in (
        "/",
        "/accounts/api-tokens/",
        "/disputes/disputes/",
        f"/disputes/disputes/{dispute.pk}/",
        f"/disputes/disputes/{dispute.pk}/edit/",
        "/admin/",
        "/admin/disputes/dispute/",
        f"/admin/disputes/dispute/{dispute.pk}/change/",
        f"/admin/disputes/dispute/{dispute.pk}/history/",
        f"/admin/disputes/dispute/{dispute.pk}/delete/",
        "/admin/xihu/auditentry/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_api_docs_render_under_the_csp(login, live_server, staff_a, violations):
    page = login("staff_a")
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".opblock-tag", timeout=30_000)  # the schema's groups are drawn
    assert page.locator(".opblock-tag").count() > 5
    assert violations == []
