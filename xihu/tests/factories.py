import factory
from factory.django import DjangoModelFactory

from xihu.models import Station, User

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
