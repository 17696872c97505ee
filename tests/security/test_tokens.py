"""API tokens (issue 15): hashed, 30 minutes idle and 12 hours in all, revoked on a password
change, a deactivation and "log out everywhere", several per user, audited, listed and
revoked by their owner."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from xihu.models import AuditEntry

PASSWORD = "correct-horse-battery"
LIST = "/api/v1/police-reports/"
START = datetime.datetime(2026, 2, 10, 8, 0, tzinfo=datetime.UTC)


def issue(username="staff_a", password=PASSWORD, **extra):
    return APIClient().post(
        "/api/v1/token/", {"username": username, "password": password, **extra}, format="json"
    )


def api(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def works(token):
    return api(token).get(LIST).status_code == 200


@pytest.mark.django_db
class TestIssue:
    def test_the_interface_of_spec_4(self, staff_a):
        response = issue()
        assert response.status_code == 200
        body = response.json()
        token = body["token"]
        assert len(token) == 64 and set(body) == {"token", "expiry"}
        assert works(token)
        assert api("0" * 64).get(LIST).status_code == 401

    def test_stored_hashed(self, staff_a):
        token = issue().json()["token"]
        stored = AuthToken.objects.get(user=staff_a)
        assert stored.digest != token and token not in stored.digest
        assert stored.token_key == token[:15]  # the prefix the owner's list shows

    def test_asking_again_gives_a_new_token_and_both_work(self, staff_a):
        first, second = issue().json()["token"], issue().json()["token"]
        assert first != second and works(first) and works(second)
        assert AuthToken.objects.filter(user=staff_a).count() == 2

    def test_one_token_per_named_client(self, staff_a):
        laptop = issue(client="laptop").json()["token"]
        script = issue(client="nightly-import").json()["token"]
        laptop_again = issue(client="laptop").json()["token"]
        assert not works(laptop) and works(script) and works(laptop_again)
        assert sorted(AuthToken.objects.values_list("client__name", flat=True)) == [
            "laptop",
            "nightly-import",
        ]
        assert AuditEntry.objects.filter(action="token_revoke", detail__contains="replaced")

    def test_each_issue_is_audited_as_a_sign_in(self, staff_a):
        token = issue(client="laptop").json()["token"]
        entry = AuditEntry.objects.get(action="login")
        assert entry.user == staff_a and entry.path == "/api/v1/token/"
        assert f"api token {token[:15]} client=laptop" == entry.detail

    def test_wrong_password_gives_no_token(self, staff_a):
        response = issue(password="wrong-password")
        assert response.status_code == 400 and "token" not in response.json()
        assert not AuthToken.objects.exists()

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"username": "staff_a"},
            {"username": "staff\x00a", "password": PASSWORD},
            {"username": "staff_a", "password": PASSWORD, "client": "x\x00"},
            {"username": "staff_a", "password": PASSWORD, "client": "x" * 101},
            {"username": ["staff_a"], "password": {"a": 1}},
        ],
    )
    def test_bad_input_is_a_400(self, staff_a, body):
        response = APIClient().post("/api/v1/token/", body, format="json")
        assert response.status_code == 400 and "token" not in response.json()

    def test_an_inactive_user_gets_none(self, staff_a):
        staff_a.is_active = False
        staff_a.save()
        assert issue().status_code == 400


@pytest.mark.django_db
class TestExpiry:
    def test_thirty_minutes_idle_end_the_token(self, staff_a):
        with time_machine.travel(START, tick=False) as clock:
            token = issue().json()["token"]
            clock.shift(datetime.timedelta(minutes=29))
            assert works(token)  # used: 30 more minutes from now
            clock.shift(datetime.timedelta(minutes=29))
            assert works(token)
            clock.shift(datetime.timedelta(minutes=31))
            assert not works(token)
        assert not AuthToken.objects.exists()  # knox deletes it on sight

    def test_twelve_hours_end_the_token_however_busy(self, staff_a):
        with time_machine.travel(START, tick=False) as clock:
            token = issue().json()["token"]
            for _ in range(12 * 60 // 20 - 1):  # used every 20 minutes for 11 h 40 min
                clock.shift(datetime.timedelta(minutes=20))
                assert works(token)
            expiry = AuthToken.objects.get().expiry
            assert expiry == START + datetime.timedelta(hours=12)  # capped, not 30 min on
            clock.shift(datetime.timedelta(minutes=20, seconds=1))
            assert not works(token)

    def test_the_list_page_shows_only_live_tokens(self, staff_a, client_a):
        with time_machine.travel(START, tick=False) as clock:
            old = issue(client="old").json()["token"]
            clock.shift(datetime.timedelta(minutes=31))
            new = issue(client="new").json()["token"]
            body = client_a.get(reverse("api_tokens")).content.decode()
        assert new[:15] in body and old[:15] not in body


@pytest.mark.django_db
class TestRevocation:
    def test_a_new_password_revokes_every_token(self, staff_a):
        tokens = [issue().json()["token"] for _ in range(2)]
        staff_a.set_password("another-long-password")
        staff_a.save()
        assert not any(works(t) for t in tokens)
        entry = AuditEntry.objects.get(action="token_revoke")
        assert entry.user == staff_a and "reason=password" in entry.detail

    def test_an_admin_setting_a_password_revokes_them(self, staff_a, client_admin):
        token = issue().json()["token"]
        url = reverse("admin:auth_user_password_change", args=[staff_a.pk])
        response = client_admin.post(
            url, {"password1": "brand-new-password-1", "password2": "brand-new-password-1"}
        )
        assert response.status_code == 302
        assert not works(token)

    def test_deactivation_revokes_and_reactivation_does_not_bring_them_back(self, staff_a):
        token = issue().json()["token"]
        staff_a.is_active = False
        staff_a.save()
        assert not AuthToken.objects.exists()
        staff_a.is_active = True
        staff_a.save()
        assert not works(token)
        assert "reason=deactivated" in AuditEntry.objects.get(action="token_revoke").detail

    def test_a_sign_in_does_not_revoke(self, staff_a):
        token = issue().json()["token"]
        Client().post(reverse("login"), {"username": "staff_a", "password": PASSWORD})
        staff_a.refresh_from_db()
        staff_a.first_name = "三"
        staff_a.save()
        assert works(token)

    def test_log_out_everywhere_revokes_every_token(self, staff_a, staff_b, client_a):
        mine = [issue().json()["token"] for _ in range(2)]
        theirs = issue("staff_b").json()["token"]
        client_a.post(reverse("logout_everywhere"))
        assert not any(works(t) for t in mine) and works(theirs)
        assert "reason=logout_everywhere" in AuditEntry.objects.get(action="token_revoke").detail


@pytest.mark.django_db
class TestOwnList:
    def test_lists_own_tokens_and_revokes_one(self, staff_a, staff_b, client_a):
        laptop = issue(client="laptop").json()["token"]
        script = issue(client="script").json()["token"]
        theirs = issue("staff_b", client="their-laptop").json()["token"]
        body = client_a.get(reverse("api_tokens")).content.decode()
        assert laptop[:15] in body and script[:15] in body and "laptop" in body
        assert theirs[:15] not in body and "their-laptop" not in body
        assert laptop not in body  # the secret is never shown again

        response = client_a.post(reverse("api_tokens"), {"revoke": laptop[:15]})
        assert response.status_code == 302
        assert not works(laptop) and works(script)
        entry = AuditEntry.objects.get(action="token_revoke")
        assert entry.user.username == "staff_a" and laptop[:15] in entry.detail

    def test_someone_elses_token_answers_404(self, staff_a, staff_b, client_a):
        theirs = issue("staff_b").json()["token"]
        for key in (theirs[:15], "", "x" * 500, "\x00" * 15, theirs[:14]):
            assert client_a.post(reverse("api_tokens"), {"revoke": key}).status_code == 404
        assert works(theirs)

    def test_reachable_from_the_navigation(self, client_a):
        body = client_a.get(reverse("home")).content.decode()
        assert f'href="{reverse("api_tokens")}"' in body

    def test_anonymous_users_are_sent_to_sign_in(self):
        response = Client().get(reverse("api_tokens"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    def test_the_page_uses_a_fixed_number_of_queries(
        self, staff_a, client_a, django_assert_num_queries
    ):
        for n in range(5):
            issue(client=f"c{n}")
        with django_assert_num_queries(4):  # session, user, station (menu), tokens+clients
            assert client_a.get(reverse("api_tokens")).status_code == 200


def test_the_api_documentation_is_reachable_from_the_token_page(client_a):
    """SPEC §4: every page reachable from the navigation; the token page is in the menu."""
    body = client_a.get(reverse("api_tokens")).content.decode()
    assert f'href="{reverse("api-docs")}"' in body and "API 文档" in body
    assert client_a.get(reverse("api-docs")).status_code == 200
