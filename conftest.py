"""Personas shared by every app's tests: staff of station A and B, supervisor, admin.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright; where it is
not installed they skip and say so.
"""

import os
import shutil

import pytest

# Playwright's sync API keeps an event loop in the test thread; Django refuses ORM calls
# there unless told that the tests, not an async server, own that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def station_a(db):
    from xihu.tests.factories import StationFactory

    return StationFactory(code="beishan", name_zh="北山派出所", name_en="Beishan Police Station")


@pytest.fixture
def station_b(db):
    from xihu.tests.factories import StationFactory

    return StationFactory(code="xixi", name_zh="西溪派出所", name_en="Xixi Police Station")


@pytest.fixture
def staff_a(station_a):
    from xihu.tests.factories import UserFactory

    return UserFactory(username="staff_a", role="staff", station=station_a)


@pytest.fixture
def staff_b(station_b):
    from xihu.tests.factories import UserFactory

    return UserFactory(username="staff_b", role="staff", station=station_b)


@pytest.fixture
def supervisor(db):
    from xihu.tests.factories import UserFactory

    return UserFactory(username="supervisor", role="supervisor", station=None)


@pytest.fixture
def admin_user(db):
    from xihu.tests.factories import UserFactory

    return UserFactory(username="admin", role="admin", station=None)


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_a(staff_a):
    return _client_for(staff_a)


@pytest.fixture
def client_b(staff_b):
    return _client_for(staff_b)


@pytest.fixture
def client_supervisor(supervisor):
    return _client_for(supervisor)


@pytest.fixture
def client_admin(admin_user):
    return _client_for(admin_user)


def _api_for(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def api_a(staff_a):
    return _api_for(staff_a)


@pytest.fixture
def api_b(staff_b):
    return _api_for(staff_b)


@pytest.fixture
def api_supervisor(supervisor):
    return _api_for(supervisor)


@pytest.fixture
def api_admin(admin_user):
    return _api_for(admin_user)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def login(live_server, page):
    """Log a user in through the real login form; returns the page."""

    def _login(username, password="correct-horse-battery"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        return page

    return _login
