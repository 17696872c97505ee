"""Personas shared by every app's tests: staff of station A and B, supervisor, admin.

Browser tests drive Debian's Chromium (/usr/bin/chromium) through Playwright; where it is
not installed they skip and say so.

Hypothesis profiles (HYPOTHESIS_PROFILE): "quick" (the default, `make test-fast`) tries a
few inputs per form or endpoint, "ci" (set by .ci/run) the full 200.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

hypothesis_settings.register_profile("quick", max_examples=15)
hypothesis_settings.register_profile("ci", max_examples=200)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def migrations_fingerprint():
    """A short hash of every migration file of every installed app (names and contents)."""
    import sys

    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        migration = loader.disk_migrations[key]
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[migration.__module__].__file__).read_bytes())
    return digest.hexdigest()[:12]


@pytest.fixture(scope="session")
def sqlite_test_db_file(request):
    """With --reuse-db on SQLite, keep the test database in a file that outlives the run.

    The in-memory database Django uses by default dies with the run, so --reuse-db would save
    nothing. The file is named after the migrations' fingerprint: a migration added, edited
    or renumbered after a merge gets a fresh database instead of a stale schema; older files
    are removed. xdist workers get their own file (pytest-django adds _gw0, _gw1, ...).
    """
    from django.conf import settings

    db = settings.DATABASES["default"]
    if not request.config.getoption("reuse_db") or db["ENGINE"] != "django.db.backends.sqlite3":
        return
    if db.get("TEST", {}).get("NAME"):
        return
    folder = Path(settings.BASE_DIR) / ".pytest_cache" / "xihu-test-db"
    folder.mkdir(parents=True, exist_ok=True)
    fingerprint = migrations_fingerprint()
    for old in folder.glob("*.sqlite3*"):  # workers share the fingerprint: no race on ours
        if not old.name.startswith(fingerprint):
            old.unlink(missing_ok=True)
    db.setdefault("TEST", {})["NAME"] = str(folder / f"{fingerprint}.sqlite3")
    # Durability is no concern for a test database; speed is.
    db.setdefault("OPTIONS", {}).setdefault("init_command", "PRAGMA synchronous=OFF")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(sqlite_test_db_file, django_db_modify_db_settings_parallel_suffix):
    """pytest-django's hook, with the SQLite file for --reuse-db named first."""


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
