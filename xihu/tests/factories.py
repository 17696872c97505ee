import factory
from factory.django import DjangoModelFactory

from xihu.models import ImportBatch, Station, User

PASSWORD = "correct-horse-battery"


class StationFactory(DjangoModelFactory):
    class Meta:
        model = Station
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"station-{n}")
    name_zh = factory.Sequence(lambda n: f"第{n}派出所")
    name_en = factory.Sequence(lambda n: f"Station {n}")
    kind = "police_station"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = "staff"
    station = factory.SubFactory(StationFactory)
    password = factory.django.Password(PASSWORD)


def _station_staff(batch):
    """The batch's author: the first staff member of its station (staff_a in the security
    suite's world), else a new one."""
    found = User.objects.filter(station=batch.station, role="staff").order_by("pk").first()
    return found or UserFactory(station=batch.station)


class ImportBatchFactory(DjangoModelFactory):
    """A confirmed import of police reports that created nothing (undo has nothing to do)."""

    class Meta:
        model = ImportBatch

    model = "incidents.PoliceReport"
    station = factory.SubFactory(StationFactory)
    created_by = factory.LazyAttribute(_station_staff)
    file_name = "reports.csv"
    sha256 = "0" * 64
    state = "done"
