"""The benchmark cannot rot: its generator runs at a tiny scale, and on PostgreSQL its
raw-SQL floor computes exactly the summary's figures."""

import pytest
from django.db import connection

from bench.generate import generate
from incidents.models import PoliceReport
from inspections.models import Hazard, Inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return generate(scale=0.001, years=2, log=lambda message: None)


def test_generator_writes_every_record_type_consistently(district):
    assert district["incidents.PoliceReport"] == PoliceReport.objects.count() > 100
    for label in ["incidents.Case", "inspections.Inspection", "disputes.Party", "reports.Festival"]:
        assert district[label] > 0, label
    # Children point at their parents, and the constraints held (COPY checks them).
    assert (
        Hazard.objects.filter(inspection__in=Inspection.objects.all()).count()
        == (district["inspections.Hazard"])
    )
    # Sequences moved past the ids the generator chose: an ordinary save still works.
    report = PoliceReport.objects.first()
    report.pk = None
    report._state.adding = True
    report.save()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL SQL")
def test_floor_matches_the_summary(district):
    from bench.floor import floor_summary, mismatches
    from reports.models import Festival
    from reports.summary import festival_summary
    from xihu.models import Station

    festival = Festival.objects.select_related("comparison").get(slug="spring-festival-2025")
    for station in [None, Station.objects.get(code="xihu-scenic")]:
        with connection.cursor() as cursor:
            current, previous = floor_summary(cursor, festival, station and station.id)
        assert mismatches(festival_summary(festival, station), current, previous) == []
