"""CSRF: every POST without a token is refused, for every URL pattern of the project (one
test case per URL, on the module's shared world)."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .conftest import client_for
from .urlwalk import walk

# Exempt on purpose: the token endpoint takes a username and password and sets no cookie.
EXEMPT = {"api-token"}


def post_cases():
    return [
        pytest.param(pattern, id=f"{pattern.label} admin")
        for pattern in walk()
        if pattern.name not in EXEMPT
    ]


@pytest.mark.django_db
class TestEveryURL:
    @pytest.mark.parametrize("pattern", post_cases())
    def test_every_post_needs_the_csrf_token(self, world, pattern):
        _model, _obj, url = world.target(pattern)
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        client = world.client("admin", csrf=True)
        with transaction.atomic():
            if pattern.is_api:
                response = client.post(url, {}, content_type="application/json")
            else:
                response = client.post(url, {})
            transaction.set_rollback(True)
        assert response.status_code == 403, f"POST {url} without a token: {response.status_code}"


@pytest.mark.django_db
def test_login_needs_the_token_and_works_with_it(staff_a):
    client = Client(enforce_csrf_checks=True)
    data = {"username": "staff_a", "password": "correct-horse-battery"}
    assert client.post(reverse("login"), data).status_code == 403
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("login"), {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.django_db
def test_session_api_calls_need_the_token_but_token_auth_does_not(staff_a):
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    session = client_for(staff_a, enforce_csrf_checks=True)
    assert (
        session.post("/api/v1/police-reports/", {}, content_type="application/json").status_code
        == 403
    )
    _, token = AuthToken.objects.create(user=staff_a)
    api = APIClient(enforce_csrf_checks=True)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post("/api/v1/police-reports/", {}, format="json").status_code == 400
