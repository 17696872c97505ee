"""Nothing the app answers may be kept by a browser or a proxy (issue 15): pages, exports,
the API and the admin carry `Cache-Control: no-store, private`; static files stay cacheable.
Also the `Permissions-Policy` header."""

import pytest
from django.db import transaction
from django.templatetags.static import static
from django.test import Client
from django.utils.cache import get_max_age

from .conftest import client_for
from .urlwalk import walk


def directives(response):
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",")}


def private(response):
    return {"no-store", "private"} <= directives(response) and "public" not in directives(response)


@pytest.mark.django_db
class TestEveryURL:
    """Every URL pattern of the permission matrix with a record of station A behind it: GET
    by an administrator (who sees everything, the admin included) and by the record's
    station staff, POST by the staff. Whatever the status, the answer says no-store, private."""

    @pytest.mark.parametrize("pattern", [pytest.param(p, id=p.label) for p in walk()])
    def test_never_stored(self, world, pattern):
        _model, _obj, url = world.target(pattern)
        if url is None:
            pytest.skip(world.skip_reason(pattern))
        admin, staff = world.users["admin"], world.users["staff_a"]
        for user, method in ((admin, "get"), (staff, "get"), (staff, "post")):
            client = client_for(user, raise_request_exception=False)
            with transaction.atomic():
                if pattern.is_api:
                    response = getattr(client, method)(url, {}, content_type="application/json")
                else:
                    response = getattr(client, method)(url)
                transaction.set_rollback(True)
            assert private(response), (
                f"{method} {url} by {user}: {response.status_code} "
                f"Cache-Control={response.get('Cache-Control')!r}"
            )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/", "/api/v1/police-reports/", "/admin/", "/no-such-page/"]
)
def test_anonymous_answers_are_never_stored_either(url):
    assert private(Client().get(url))


@pytest.mark.django_db
def test_exports_and_record_pages_of_personal_data(client_a, staff_a, station_a):
    from disputes.tests.factories import DisputeFactory, PartyFactory

    dispute = DisputeFactory(station=station_a)
    PartyFactory(dispute=dispute, phone="13812345678")
    for url in (
        f"/disputes/disputes/{dispute.pk}/",
        f"/disputes/disputes/{dispute.pk}/edit/",
        "/disputes/disputes/export.csv",
        "/disputes/disputes/export.xlsx",
        f"/api/v1/disputes/{dispute.pk}/",
    ):
        response = client_a.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store, private", url


def test_static_files_stay_cacheable(client):
    response = client.get(static("xihu/site.css"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert get_max_age(response) is not None


@pytest.mark.django_db
def test_permissions_policy_refuses_unused_features(client):
    policy = client.get("/accounts/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
