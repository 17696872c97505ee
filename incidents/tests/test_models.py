"""Constraints, validation and the querysets the summary reads."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ..models import Case, PoliceReport
from .factories import CaseFactory, PoliceReportFactory

TZ = timezone.get_current_timezone()


def at(*args):
    return datetime.datetime(*args, tzinfo=TZ)


@pytest.mark.django_db
class TestConstraints:
    @pytest.mark.parametrize("field", ["suspects_arrested", "gangs_smashed", "recovered_value"])
    def test_database_refuses_negative(self, station_a, field):
        case = CaseFactory(station=station_a)
        with pytest.raises(IntegrityError), transaction.atomic():
            Case.objects.filter(pk=case.pk).update(**{field: -1})

    @pytest.mark.parametrize(
        "field, value",
        [
            ("suspects_arrested", -1),
            ("gangs_smashed", 10**9),
            ("recovered_value", Decimal("1.234")),
            ("recovered_value", Decimal("-0.01")),
            ("recovered_value", Decimal("12345678901234")),
            ("category", "arson"),
            ("nature", "civil"),
        ],
    )
    def test_full_clean_names_the_field(self, station_a, field, value):
        case = CaseFactory.build(station=station_a, **{field: value})
        with pytest.raises(ValidationError) as exc:
            case.full_clean()
        assert field in exc.value.message_dict

    @pytest.mark.parametrize("field, value", [("category", "theft"), ("source", "fax")])
    def test_report_choices(self, station_a, field, value):
        report = PoliceReportFactory.build(station=station_a, **{field: value})
        with pytest.raises(ValidationError) as exc:
            report.full_clean()
        assert field in exc.value.message_dict

    def test_defaults(self, station_a):
        report = PoliceReport(station=station_a, received_at=timezone.now(), category="fire")
        assert (report.effective, report.source) == (True, "call_110")
        case = Case(station=station_a, cracked_on=datetime.date(2024, 2, 10), category="theft")
        assert (case.nature, case.suspects_arrested, case.recovered_value) == (
            "criminal",
            0,
            Decimal("0.00"),
        )


@pytest.mark.django_db
class TestPeriods:
    def test_report_local_date_boundaries(self, station_a):
        inside = [at(2024, 2, 10, 0, 0, 0), at(2024, 2, 17, 23, 59, 59)]
        outside = [at(2024, 2, 9, 23, 59, 59), at(2024, 2, 18, 0, 0, 0)]
        for moment in inside + outside:
            PoliceReportFactory(station=station_a, received_at=moment)
        found = PoliceReport.objects.in_period(
            datetime.date(2024, 2, 10), datetime.date(2024, 2, 17)
        )
        assert sorted(r.received_at for r in found) == inside

    def test_utc_instant_counts_on_its_shanghai_date(self, station_a):
        # 2024-02-17 16:30 UTC is 2024-02-18 00:30 in Beijing: the next day
        utc = datetime.datetime(2024, 2, 17, 16, 30, tzinfo=datetime.UTC)
        report = PoliceReportFactory(station=station_a, received_at=utc)
        assert report.local_date == datetime.date(2024, 2, 18)
        day = datetime.date(2024, 2, 17)
        assert not PoliceReport.objects.in_period(day, day).exists()

    def test_case_dates_inclusive(self, station_a):
        for day in (9, 10, 17, 18):
            CaseFactory(station=station_a, cracked_on=datetime.date(2024, 2, day))
        found = Case.objects.in_period(datetime.date(2024, 2, 10), datetime.date(2024, 2, 17))
        assert sorted(c.cracked_on.day for c in found) == [10, 17]


@pytest.mark.django_db
def test_querysets_read_like_the_domain(station_a, station_b):
    PoliceReportFactory(station=station_a, category="criminal")
    PoliceReportFactory(station=station_a, category="criminal", effective=False)
    PoliceReportFactory(station=station_b, category="traffic")
    assert PoliceReport.objects.effective().for_station(station_a).count() == 1
    assert PoliceReport.objects.effective().of_category("criminal", "traffic").count() == 2
    for category, nature in [
        ("theft", "criminal"),
        ("telecom_fraud", "criminal"),
        ("fireworks", "administrative"),
        ("gambling", "administrative"),
    ]:
        CaseFactory(station=station_a, category=category, nature=nature)
    assert Case.objects.criminal().count() == 2
    assert Case.objects.administrative().count() == 2
    assert Case.objects.theft_robbery_fraud().count() == 2
    assert Case.objects.fireworks().count() == 1


@pytest.mark.django_db
def test_summary_period_query_uses_an_index(station_a):
    """The summary's range scan is served by policereport_received_idx (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        pytest.skip("plan shapes are PostgreSQL's")
    qs = PoliceReport.objects.effective().in_period(
        datetime.date(2024, 2, 10), datetime.date(2024, 2, 17)
    )
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = qs.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "policereport_received_idx" in plan
