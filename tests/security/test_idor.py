"""Object access across stations: staff of station B get 404 on every object of station A,
through the pages, the exports and the API, and the answer is the one a missing id gets.

One test case per object URL and method (and per export), named after the URL, on the
module's shared world (objects of station A; staff_b is the other station's user).
"""

import copy

import pytest
from django.db import transaction

from .conftest import client_for
from .urlwalk import concrete_url, is_station_scoped, needs_object, walk

MISSING_PK = 987654321
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def object_patterns():
    for pattern in walk():
        if pattern.is_admin or not needs_object(pattern):
            continue
        if is_station_scoped(pattern.model):
            yield pattern


def object_cases():
    return [
        pytest.param(pattern, method, id=f"{pattern.label} {method} staff_b")
        for pattern in object_patterns()
        for method in (API_METHODS if pattern.is_api else PAGE_METHODS)
    ]


def request(client, method, url, is_api):
    with transaction.atomic():
        if is_api:
            response = getattr(client, method.lower())(url, {}, content_type="application/json")
        else:
            response = getattr(client, method.lower())(url, {})
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.django_db
class TestObjectURLs:
    @pytest.mark.parametrize(("pattern", "method"), object_cases())
    def test_other_station_gets_404_on_every_object_url(self, world, pattern, method):
        _model, obj, url = world.target(pattern)
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        missing = copy.copy(obj)
        missing.pk = MISSING_PK
        missing_url = concrete_url(pattern, missing)
        before = type(obj)._base_manager.filter(pk=obj.pk).values().first()
        got = request(world.client("staff_b"), method, url, pattern.is_api)
        want = request(world.client("staff_b"), method, missing_url, pattern.is_api)
        # A GET answers 404 (or 405 where the URL takes no GET); another method may be refused by
        # method or role first (405, 403), never unlike an id that is absent.
        if method == "GET":
            assert got in (404, 405), f"GET {url}: {got}"
        assert got == want, f"{method} {url}: {got} (missing id: {want})"
        after = type(obj)._base_manager.filter(pk=obj.pk).values().first()
        assert before == after, f"{method} {url}: the record changed"


def export_patterns():
    return [
        pytest.param(pattern, id=f"{pattern.label} staff_b")
        for pattern in walk()
        if pattern.name.endswith("_export") and is_station_scoped(pattern.model)
    ]


@pytest.mark.django_db
class TestExports:
    @pytest.mark.parametrize("pattern", export_patterns())
    def test_other_station_exports_hold_none_of_station_a(self, world, pattern):
        assert world.builder.get(pattern.model) is not None, world.skip_reason(pattern)
        station_a = world.station_a
        client = world.client("staff_b")
        for fmt in ("csv",):
            url = concrete_url(pattern, None, {"fmt": fmt})
            for query in ("", f"?station={station_a.code}", f"?station={station_a.pk}"):
                response = client.get(url + query)
                if response.status_code in (400, 404):
                    continue  # a filter naming another station is refused outright
                lines = response.content.decode("utf-8-sig").strip().splitlines()
                assert response.status_code == 200, f"{url}{query}: {response.status_code}"
                assert len(lines) == 1, f"{url}{query}: {len(lines)} lines, a row of station A"


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["staff_b", "supervisor", "admin"])
def test_another_users_api_token_cannot_be_revoked_from_their_page(
    persona, staff_a, staff_b, supervisor, admin_user
):
    """`/accounts/api-tokens/` lists and revokes one's own tokens only: anyone else's key
    (administrators included: they revoke in the admin, audited) answers what a missing key
    answers, and the token keeps working."""
    from django.urls import reverse
    from knox.models import AuthToken
    from rest_framework.test import APIClient

    instance, token = AuthToken.objects.create(user=staff_a)
    user = {"staff_b": staff_b, "supervisor": supervisor, "admin": admin_user}[persona]
    page = client_for(user)
    assert instance.token_key not in page.get(reverse("api_tokens")).content.decode()
    theirs = page.post(reverse("api_tokens"), {"revoke": instance.token_key}).status_code
    missing = page.post(reverse("api_tokens"), {"revoke": "0" * 15}).status_code
    assert theirs == missing == 404
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/v1/police-reports/").status_code == 200
