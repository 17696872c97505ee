"""The security suite's world: the shared personas plus one object of every model.

Two ways to get it. The function-scoped `users` and `builder` fixtures build it inside one
test. The class-scoped `world` builds it once per test class (and per xdist worker) inside a
transaction rolled back when the class is done; the tests parametrized per URL (matrix, IDOR,
CSRF, fuzz) each run in their own savepoint on top of it, so hundreds of cases share one set
of objects and none sees another's writes. Tests outside the class never see the world.
"""

from dataclasses import dataclass, field

import pytest
from django.db import transaction

from .urlwalk import Builder, concrete_url, needs_object, walk

PERSONAS = ("anon", "staff_a", "staff_b", "supervisor", "admin")


@pytest.fixture
def users(staff_a, staff_b, supervisor, admin_user):
    return {
        "anon": None,
        "staff_a": staff_a,
        "staff_b": staff_b,
        "supervisor": supervisor,
        "admin": admin_user,
    }


@pytest.fixture
def builder(station_a, staff_a):
    """Builds objects of station A (staff_b's view of them is the cross-station case)."""
    return Builder(station_a, staff_a)


def client_for(user, **kwargs):
    from django.test import Client

    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def pattern_key(pattern):
    """What identifies a URL pattern across walks (a walk makes new Pattern objects)."""
    return (pattern.name, pattern.route)


@dataclass
class World:
    """Stations A and B, the five personas (`users`, anon is None), a Builder whose objects
    are all in station A, for each URL pattern its (model, object, concrete URL), and a
    signed-in test client per persona (`client()`)."""

    station_a: object
    station_b: object
    users: dict
    builder: Builder
    targets: dict = field(default_factory=dict)
    clients: dict = field(default_factory=dict)

    def sign_in(self):
        """One client per persona, with and without CSRF checks; signed in now, while the
        world is built, so their sessions outlive every test's rollback."""
        for persona, user in self.users.items():
            for csrf in (False, True):
                client = client_for(user, enforce_csrf_checks=csrf, raise_request_exception=False)
                client.signed_in = client.cookies.get("sessionid")
                self.clients[persona, csrf] = client

    def client(self, persona, csrf=False):
        """The persona's client with its signed-in cookie put back (a rolled-back logout or
        login may have changed it); 5xx answers come back as responses, not exceptions."""
        client = self.clients[persona, csrf]
        client.cookies.clear()
        if client.signed_in is not None:
            client.cookies["sessionid"] = client.signed_in.value
        return client

    def target(self, pattern):
        """(model, obj, url) for a pattern; url is None when it cannot be filled in."""
        return self.targets[pattern_key(pattern)]

    def skip_reason(self, pattern):
        """Why a pattern has no concrete URL (a model that could not be built, ...)."""
        model, obj, _url = self.target(pattern)
        notes = [n for n in self.builder.notes if model and model._meta.label in n]
        return f"{pattern.name} ({pattern.route}): no object or parameters " + "; ".join(notes)


def any_record_model():
    """A station-scoped record model with a detail page (the admin's "view on site" needs
    some object)."""
    from .urlwalk import is_station_scoped

    for pattern in walk():
        if pattern.name.endswith("_detail") and is_station_scoped(pattern.model):
            return pattern.model
    return None


def pattern_model(pattern):
    """The model a pattern serves; any record model for the admin's content-type routes."""
    model = pattern.model
    if model is None and "content_type_id" in pattern.params:
        model = any_record_model()
    return model


def build_world():
    from xihu.tests.factories import StationFactory, UserFactory

    station_a = StationFactory(
        code="beishan", name_zh="北山派出所", name_en="Beishan Police Station"
    )
    station_b = StationFactory(code="xixi", name_zh="西溪派出所", name_en="Xixi Police Station")
    staff_a = UserFactory(username="staff_a", role="staff", station=station_a)
    users = {
        "anon": None,
        "staff_a": staff_a,
        "staff_b": UserFactory(username="staff_b", role="staff", station=station_b),
        "supervisor": UserFactory(username="supervisor", role="supervisor", station=None),
        "admin": UserFactory(username="admin", role="admin", station=None),
    }
    world = World(station_a, station_b, users, Builder(station_a, staff_a))
    for pattern in walk():
        model = pattern_model(pattern)
        obj = world.builder.get(model) if needs_object(pattern) else None
        if model is not None:
            world.builder.get(model)  # every model's object exists before any test runs
        world.targets[pattern_key(pattern)] = (model, obj, concrete_url(pattern, obj))
    world.sign_in()
    return world


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker):
    """The World, built once per test class in a transaction rolled back when the class is
    done (use it from a class: outside one, a class fixture lives as long as the module).

    Tests using it need `@pytest.mark.django_db` (not transaction=True): their savepoint
    is what keeps one case's writes from the next.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
