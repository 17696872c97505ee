"""A create form sent again later (back button, resend) saves once, on either database: the
one-time form token is claimed in the saving transaction (xihu.views.records). The race of
two clicks at once is test_concurrency's (PostgreSQL only)."""

import pytest
from django.urls import reverse

from .conftest import client_for
from .test_concurrency import form_data


@pytest.mark.django_db
def test_a_resent_create_form_saves_once(staff_a, station_a):
    """The same token sent again later (back button, resend) is recognised too."""
    from incidents.models import PoliceReport

    client = client_for(staff_a)
    url = reverse("incidents:policereport_add")
    token = client.get(url).context["form"]["form_token"].value()
    data = form_data("resent", form_token=token)
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert PoliceReport.objects.filter(location="resent").count() == 1
    assert first["Location"] == second["Location"]
