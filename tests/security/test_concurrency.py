"""Concurrency on PostgreSQL: real threads, each with its own connection, committed data.

Two editors save the same record with the same version: exactly one wins and the other is
told of the conflict, in the form and in the API. A create form sent twice at once (a
double click) makes one record. SQLite serialises writers on one file, so the race cannot
happen there: these tests skip on it.
"""

import threading
from functools import partial

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from .conftest import client_for

ROUNDS = 5

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, so no race can happen")


def race(*calls):
    """Run the calls at the same moment in threads; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001  (reported as the result)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def make_report(station, by):
    from incidents.models import PoliceReport

    report = PoliceReport(
        station=station, received_at=timezone.now(), category="traffic", source="call_110"
    )
    report.save(by=by)
    return report


def form_data(location, **extra):
    return {
        "received_at": "2024-02-10T10:00",
        "category": "traffic",
        "effective": "on",
        "source": "call_110",
        "location": location,
        **extra,
    }


def test_two_editors_one_wins_the_other_is_told(staff_a, supervisor, station_a):
    from incidents.models import PoliceReport

    lost = 0
    for round_ in range(ROUNDS):
        report = make_report(station_a, staff_a)
        url = reverse("incidents:policereport_edit", args=[report.pk])
        editors = [client_for(staff_a), client_for(supervisor)]
        mine, theirs = f"mine-{round_}", f"theirs-{round_}"
        answers = race(
            partial(editors[0].post, url, form_data(mine, version=1)),
            partial(editors[1].post, url, form_data(theirs, version=1, station=station_a.pk)),
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200, 302], answers
        loser = next(a for a in answers if a.status_code == 200)
        assert loser.context["form"].non_field_errors()
        report.refresh_from_db()
        winner = mine if answers[0].status_code == 302 else theirs
        assert report.version == 2
        changes = PoliceReport.history.filter(id=report.pk, history_type="~").count()
        lost += report.location != winner or changes != 1
    print(f"\nconcurrency: {ROUNDS} form races, 1 winner each, {lost} lost updates")
    assert lost == 0


def test_two_api_editors_one_409(staff_a, supervisor, station_a):
    from rest_framework.test import APIClient

    lost = 0
    for round_ in range(ROUNDS):
        report = make_report(station_a, staff_a)
        url = f"/api/v1/police-reports/{report.pk}/"
        clients = []
        for user in (staff_a, supervisor):
            api = APIClient()
            api.force_authenticate(user)
            clients.append(api)
        answers = race(
            *(
                partial(
                    api.patch, url, {"location": f"api-{round_}-{i}", "version": 1}, format="json"
                )
                for i, api in enumerate(clients)
            )
        )
        assert sorted(a.status_code for a in answers) == [200, 409], answers
        report.refresh_from_db()
        winner = next(a for a in answers if a.status_code == 200).json()
        lost += report.location != winner["location"] or report.version != 2
    print(f"\nconcurrency: {ROUNDS} API races, 1 winner and 1 409 each, {lost} lost updates")
    assert lost == 0


def test_double_clicked_create_makes_one_record(staff_a, station_a):
    from incidents.models import PoliceReport

    duplicates = 0
    for round_ in range(ROUNDS):
        client = client_for(staff_a)
        url = reverse("incidents:policereport_add")
        token = client.get(url).context["form"]["form_token"].value()
        assert token
        data = form_data(f"double-{round_}", form_token=token)
        answers = race(partial(client.post, url, data), partial(client.post, url, data))
        assert [a.status_code for a in answers] == [302, 302], answers
        made = PoliceReport.objects.filter(location=f"double-{round_}").count()
        assert made >= 1
        duplicates += made - 1
        # Both clicks land on the one record.
        record = PoliceReport.objects.get(location=f"double-{round_}")
        assert {a["Location"] for a in answers} == {record.get_absolute_url()}
    print(f"\nconcurrency: {ROUNDS} double-clicked creates, {duplicates} duplicates")
    assert duplicates == 0
