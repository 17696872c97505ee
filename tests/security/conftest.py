"""The security suite's world: the shared personas plus one object of every model."""

import pytest

from .urlwalk import Builder

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
