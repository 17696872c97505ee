"""Object access across stations: staff of station B get 404 on every object of station A,
through the pages, the exports and the API, and the answer is the one a missing id gets."""

import copy

import pytest
from django.db import transaction

from .conftest import client_for
from .urlwalk import concrete_url, is_station_scoped, needs_object, walk

MISSING_PK = 987654321


def object_patterns():
    for pattern in walk():
        if pattern.is_admin or not needs_object(pattern):
            continue
        if is_station_scoped(pattern.model):
            yield pattern


def request(user, method, url, is_api):
    with transaction.atomic():
        client = client_for(user, raise_request_exception=False)
        if is_api:
            response = getattr(client, method.lower())(url, {}, content_type="application/json")
        else:
            response = getattr(client, method.lower())(url, {})
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.django_db
def test_other_station_gets_404_on_every_object_url(staff_b, builder):
    tried, failures = 0, []
    for pattern in object_patterns():
        obj = builder.get(pattern.model)
        url = concrete_url(pattern, obj)
        if url is None:
            print("skipped:", pattern.name)
            continue
        missing = copy.copy(obj)
        missing.pk = MISSING_PK
        missing_url = concrete_url(pattern, missing)
        methods = ("GET", "POST", "PUT", "PATCH", "DELETE") if pattern.is_api else ("GET", "POST")
        before = type(obj)._base_manager.filter(pk=obj.pk).values().first()
        for method in methods:
            got = request(staff_b, method, url, pattern.is_api)
            tried += 1
            want = request(staff_b, method, missing_url, pattern.is_api)
            # A GET answers 404 (or 405 where the URL takes no GET); another method may be
            # refused by method or role first (405, 403), never unlike an id that is absent.
            if (method == "GET" and got not in (404, 405)) or got != want:
                failures.append(f"{method} {url}: {got} (missing id: {want})")
        after = type(obj)._base_manager.filter(pk=obj.pk).values().first()
        if before != after:
            failures.append(f"{url}: the record changed")
    print(f"\nIDOR: {tried} requests by another station's staff on object URLs")
    assert tried
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_other_station_exports_hold_none_of_station_a(staff_b, station_a, builder):
    checked, failures = 0, []
    for pattern in walk():
        if not pattern.name.endswith("_export") or not is_station_scoped(pattern.model):
            continue
        obj = builder.get(pattern.model)
        if obj is None:
            continue
        for fmt in ("csv",):
            url = concrete_url(pattern, None, {"fmt": fmt})
            for query in ("", f"?station={station_a.code}", f"?station={station_a.pk}"):
                response = client_for(staff_b).get(url + query)
                checked += 1
                if response.status_code in (400, 404):
                    continue  # a filter naming another station is refused outright
                lines = response.content.decode("utf-8-sig").strip().splitlines()
                if response.status_code != 200 or len(lines) != 1:
                    failures.append(f"{url}{query}: {response.status_code}, {len(lines)} lines")
    print(f"\nIDOR: {checked} exports by another station's staff, none with a row of station A")
    assert checked
    assert not failures, "\n".join(failures)
