"""CSRF: every POST without a token is refused, for every URL pattern of the project."""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .conftest import client_for
from .urlwalk import Builder, concrete_url, needs_object, walk

# Exempt on purpose: the token endpoint takes a username and password and sets no cookie.
EXEMPT = {"api-token"}


@pytest.mark.django_db
def test_every_post_needs_the_csrf_token(admin_user, builder: Builder):
    checked, failures = 0, []
    for pattern in walk():
        if pattern.name in EXEMPT:
            continue
        obj = builder.get(pattern.model) if needs_object(pattern) else None
        url = concrete_url(pattern, obj)
        if url is None:
            continue
        with transaction.atomic():
            client = client_for(admin_user, enforce_csrf_checks=True)
            client.raise_request_exception = False
            if pattern.is_api:
                response = client.post(url, {}, content_type="application/json")
            else:
                response = client.post(url, {})
            transaction.set_rollback(True)
        checked += 1
        if response.status_code != 403:
            failures.append(f"POST {url}: {response.status_code}")
    print(f"\nCSRF: {checked} POSTs without a token, every one refused")
    assert checked
    assert not failures, "\n".join(failures)


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
