"""Sign-in throttling, sessions, logging out everywhere and password rules."""

import datetime
import logging
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from xihu.middleware import SESSION_STARTED_KEY
from xihu.models import AuditEntry

PASSWORD = "correct-horse-battery"


@pytest.fixture
def audit_log():
    """The lines the audit logger writes (its own handler: the logging plugin may be off)."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("xihu.audit")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def is_signed_in(client):
    return client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
class TestLockout:
    def test_five_failures_in_any_case_lock_the_account_for_ten_minutes(self, staff_a, audit_log):
        assert settings.AXES_FAILURE_LIMIT == 5
        assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=10)
        client = Client()
        answers = [
            login(client, name, "wrong-password").status_code
            for name in ("staff_a", "STAFF_A", "Staff_A", "sTaff_a", "staff_A")
        ]
        assert answers[:4] == [200] * 4  # the form again; the fifth failure locks
        locked = login(client, "staff_a")
        assert locked.status_code in (403, 429)
        assert not is_signed_in(client)
        print(f"\nlockout: 5 failures in 5 spellings locked staff_a ({locked.status_code})")
        assert AuditEntry.objects.filter(action="lockout", username="staff_a").exists()
        assert AuditEntry.objects.filter(action="login_failed").count() >= 5
        assert any("lockout user=staff_a" in line for line in audit_log)

        # Ten minutes later the lock has expired: the unlock is logged and sign-in works.
        AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=11))
        assert login(client, "staff_a").status_code == 302
        assert is_signed_in(client)
        assert AuditEntry.objects.filter(action="unlock", username="staff_a").exists()
        assert any("unlock user=staff_a" in line for line in audit_log)

    def test_four_failures_do_not_lock(self, staff_a):
        client = Client()
        for _ in range(4):
            login(client, "staff_a", "wrong-password")
        assert login(client, "staff_a").status_code == 302

    def test_the_token_endpoint_is_throttled_too(self, staff_a):
        api = APIClient()
        answers = [
            api.post("/api/v1/token/", {"username": name, "password": "nope"}).status_code
            for name in ("staff_a", "STAFF_A", "Staff_a", "staff_a", "STAFF_a")
        ]
        assert answers == [400, 400, 400, 400, 429]  # the fifth failure locks
        response = api.post("/api/v1/token/", {"username": "staff_a", "password": PASSWORD})
        assert response.status_code == 429
        assert "token" not in response.json()
        assert AuditEntry.objects.filter(action="lockout", username="staff_a").exists()

    def test_spraying_from_one_address_is_slowed(self, staff_a, staff_b, settings):
        limit = settings.AXES_IP_FAILURE_LIMIT
        assert limit == 20 and settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
        office, elsewhere = Client(REMOTE_ADDR="10.8.0.1"), Client(REMOTE_ADDR="10.9.0.1")
        for n in range(limit - 1):  # one try at each of 19 accounts: nobody is locked
            assert login(office, f"user{n}", "wrong-password").status_code == 200
        assert login(office, "staff_a").status_code == 302  # a colleague behind the same NAT
        Client(REMOTE_ADDR="10.8.0.1").post(reverse("logout"))
        # A success clears only its own account: the address still has 19 failures.
        assert login(Client(REMOTE_ADDR="10.8.0.1"), "user99", "wrong-password").status_code in (
            403,
            429,
        )
        assert login(Client(REMOTE_ADDR="10.8.0.1"), "staff_b").status_code in (403, 429)
        assert login(elsewhere, "staff_b").status_code == 302  # the accounts are not locked
        assert AuditEntry.objects.filter(action="lockout").exists()
        AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=11))
        assert login(Client(REMOTE_ADDR="10.8.0.1"), "staff_b").status_code == 302

    def test_an_administrator_unlocks_from_the_admin_audited(self, staff_a, client_admin):
        client = Client()
        for _ in range(5):
            login(client, "staff_a", "wrong-password")
        assert login(client, "staff_a").status_code == 429
        attempt = AccessAttempt.objects.get(username="staff_a")
        url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
        assert client_admin.get(url).status_code == 200
        assert client_admin.post(url, {"post": "yes"}).status_code == 302
        entry = AuditEntry.objects.get(action="unlock")
        assert entry.user.username == "admin" and entry.username == "staff_a"
        assert "failures=6" in entry.detail and "by=admin" in entry.detail  # 5 + the locked try
        assert entry.path == url
        assert login(client, "staff_a").status_code == 302

    def test_unlocking_several_from_the_list(self, staff_a, staff_b, client_admin):
        for name in ("staff_a", "staff_b"):
            for _ in range(5):
                login(Client(), name, "wrong-password")
        response = client_admin.post(
            reverse("admin:axes_accessattempt_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
                "post": "yes",
            },
        )
        assert response.status_code == 302 and not AccessAttempt.objects.exists()
        unlocked = AuditEntry.objects.filter(action="unlock", user__username="admin")
        assert sorted(unlocked.values_list("username", flat=True)) == ["staff_a", "staff_b"]

    def test_admin_login_is_throttled_too(self, admin_user):
        client = Client()
        url = reverse("admin:login")
        for _ in range(5):
            client.post(url, {"username": "ADMIN", "password": "wrong-password"})
        client.post(url, {"username": "admin", "password": PASSWORD})
        assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.django_db
class TestSessions:
    def test_thirty_minutes_idle_ends_the_session(self, staff_a):
        assert settings.SESSION_COOKIE_AGE == 30 * 60
        assert not settings.SESSION_SAVE_EVERY_REQUEST
        client = Client()
        login(client, "staff_a")
        assert is_signed_in(client)
        session = Session.objects.get()
        left = (session.expire_date - timezone.now()).total_seconds()
        assert 29 * 60 < left <= 30 * 60
        Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        assert not is_signed_in(client)


SIGNED_IN_AT = datetime.datetime(2026, 2, 10, 20, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    """A frozen clock starting at SIGNED_IN_AT; `clock(seconds)` moves it to that offset."""
    with time_machine.travel(SIGNED_IN_AT, tick=False) as traveller:
        yield lambda seconds: traveller.move_to(SIGNED_IN_AT + datetime.timedelta(seconds=seconds))


def session_expiry():
    return Session.objects.get().expire_date


@pytest.mark.django_db
class TestIdleExpiryOnAFrozenClock:
    """The session is written at most once a minute, and still ends after 30 idle minutes."""

    def test_requests_within_a_minute_write_nothing(self, staff_a, clock):
        client = Client()
        login(client, "staff_a")
        expires = session_expiry()
        assert expires == SIGNED_IN_AT + datetime.timedelta(minutes=30)
        clock(59)
        with CaptureQueriesContext(connection) as queries:
            assert is_signed_in(client)
        writes = [q["sql"] for q in queries if "django_session" in q["sql"]]
        assert writes and all(sql.startswith("SELECT") for sql in writes)
        assert session_expiry() == expires

    def test_a_request_a_minute_later_renews_the_thirty_minutes(self, staff_a, clock):
        client = Client()
        login(client, "staff_a")
        clock(60)
        assert is_signed_in(client)
        assert session_expiry() == SIGNED_IN_AT + datetime.timedelta(minutes=31)
        clock(90)
        assert is_signed_in(client)  # 30 s after the renewal: not written again
        assert session_expiry() == SIGNED_IN_AT + datetime.timedelta(minutes=31)

    def test_an_active_user_stays_signed_in_past_thirty_minutes(self, staff_a, clock):
        client = Client()
        login(client, "staff_a")
        for minute in range(5, 61, 5):
            clock(minute * 60)
            assert is_signed_in(client), f"signed out after {minute} active minutes"

    def test_thirty_idle_minutes_after_the_last_renewal_sign_out(self, staff_a, clock):
        client = Client()
        login(client, "staff_a")
        clock(10 * 60)
        assert is_signed_in(client)  # renews: ends at 40:00
        clock(40 * 60 - 1)
        assert is_signed_in(client)  # 29:59 idle; renews again
        clock(40 * 60 - 1 + 30 * 60)
        assert not is_signed_in(client)

    def test_never_more_than_thirty_idle_minutes(self, staff_a, clock):
        # The last request came 30 s after a renewal and did not write: the session ends 30
        # minutes after the renewal, 29.5 minutes after that request (never later than 30).
        client = Client()
        login(client, "staff_a")
        clock(30)
        assert is_signed_in(client)
        clock(30 * 60 + 1)
        assert not is_signed_in(client)

    def test_api_token_requests_create_no_session(self, staff_a, clock):
        _, token = AuthToken.objects.create(user=staff_a)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        clock(120)
        assert api.get("/api/v1/police-reports/").status_code == 200
        assert not Session.objects.exists()

    def test_twelve_hours_end_the_session_however_active(self, staff_a):
        assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
        client = Client()
        login(client, "staff_a")
        assert is_signed_in(client)
        session = client.session
        session[SESSION_STARTED_KEY] = int(time.time()) - 12 * 60 * 60 - 1
        session.save()
        response = client.get(reverse("home"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert not is_signed_in(client)

    def test_logout_everywhere_ends_every_session_and_token(self, staff_a, staff_b):
        phone, desk, other = Client(), Client(), Client()
        for client in (phone, desk):
            login(client, "staff_a")
        login(other, "staff_b")
        _, token = AuthToken.objects.create(user=staff_a)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api.get("/api/v1/police-reports/").status_code == 200

        response = desk.post(reverse("logout_everywhere"))
        assert response.status_code == 302
        assert not is_signed_in(phone) and not is_signed_in(desk)
        assert is_signed_in(other)  # someone else's sessions are untouched
        assert api.get("/api/v1/police-reports/").status_code == 401
        entry = AuditEntry.objects.get(action="logout_everywhere")
        assert entry.user == staff_a and "sessions=2" in entry.detail


@pytest.mark.parametrize(
    "password, ok",
    [
        ("short", False),
        ("nine-char", False),  # 9 characters
        ("12345678901", False),  # numeric only
        ("password123", False),  # common
        ("ten-chars!", True),  # exactly 10
        ("correct-horse-battery", True),
    ],
)
def test_password_rules(password, ok):
    try:
        validate_password(password)
    except ValidationError:
        assert not ok, password
    else:
        assert ok, password
