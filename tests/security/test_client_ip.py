"""The client's address behind 0 or 1 trusted proxies (TRUSTED_PROXIES), one rule for the
audit log and for django-axes (issue 15)."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from xihu.audit import client_ip
from xihu.models import AuditEntry

PASSWORD = "correct-horse-battery"
NGINX = "10.0.0.2"


def request(remote=NGINX, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        # No trusted proxy: the header is the client's own words and never read.
        (0, "203.0.113.7", None, "203.0.113.7"),
        (0, "203.0.113.7", "1.2.3.4", "203.0.113.7"),
        (0, "203.0.113.7", "1.2.3.4, 5.6.7.8", "203.0.113.7"),
        # One proxy (nginx appends the address it saw): the last entry is the client.
        (1, NGINX, "198.51.100.4", "198.51.100.4"),
        (1, NGINX, "6.6.6.6, 198.51.100.4", "198.51.100.4"),  # a forged entry is left of it
        (1, NGINX, "2001:db8::1", "2001:db8::1"),
        (1, NGINX, None, NGINX),  # no header: the proxy's own address, not a guess
        (1, NGINX, "", NGINX),
        (1, NGINX, "not-an-address", NGINX),
        (1, NGINX, "198.51.100.4, junk", NGINX),
        # Two proxies: the second from the right.
        (2, NGINX, "6.6.6.6, 198.51.100.4, 10.0.0.1", "198.51.100.4"),
        (2, NGINX, "198.51.100.4", NGINX),  # shorter than the chain: not trusted
    ],
)
def test_client_address(proxies, remote, forwarded, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request(remote, forwarded)) == expected


def test_no_request_and_no_address():
    assert client_ip(None) is None
    assert client_ip(request(remote="")) is None


def sign_in_failing(forwarded):
    return Client(REMOTE_ADDR=NGINX).post(
        reverse("login"),
        {"username": "staff_a", "password": "wrong-password"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("proxies, expected", [(0, NGINX), (1, "198.51.100.4")])
def test_audit_log_and_axes_record_the_same_address(staff_a, proxies, expected):
    with override_settings(TRUSTED_PROXIES=proxies):
        sign_in_failing("6.6.6.6, 198.51.100.4")
        Client(REMOTE_ADDR=NGINX).post(
            reverse("login"),
            {"username": "staff_a", "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="198.51.100.4",
        )
    failed = AuditEntry.objects.get(action="login_failed")
    assert failed.ip_address == expected
    assert AuditEntry.objects.get(action="login").ip_address == expected
    assert AccessLog.objects.get().ip_address == expected  # axes' record of the sign-in


@pytest.mark.django_db
def test_a_forged_header_does_not_dodge_the_per_address_limit(staff_a, settings):
    """With no trusted proxy, a new X-Forwarded-For on every try is still one address."""
    settings.TRUSTED_PROXIES = 0
    for n in range(settings.AXES_IP_FAILURE_LIMIT):
        Client(REMOTE_ADDR=NGINX).post(
            reverse("login"),
            {"username": f"victim{n}", "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"1.1.1.{n}",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {NGINX}
    response = Client(REMOTE_ADDR=NGINX).post(
        reverse("login"), {"username": "staff_a", "password": PASSWORD}
    )
    assert response.status_code == 429
