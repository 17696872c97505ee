import datetime

import factory
from factory.django import DjangoModelFactory

from patrols.models import LargeEvent, PatrolDeployment
from xihu.tests.factories import StationFactory


class PatrolDeploymentFactory(DjangoModelFactory):
    class Meta:
        model = PatrolDeployment

    station = factory.SubFactory(StationFactory)
    date = datetime.date(2024, 2, 10)
    shift = "day"
    mode = "car"
    personnel = 10
    vehicles = 2
    area_kind = "scenic_spot"
    area = factory.Sequence(lambda n: f"巡区{n}")


class LargeEventFactory(DjangoModelFactory):
    class Meta:
        model = LargeEvent

    station = factory.SubFactory(StationFactory)
    name = factory.Sequence(lambda n: f"庙会{n}")
    starts_on = datetime.date(2024, 2, 12)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=1))
    location = "西湖文化广场"
    organiser = "official"
    expected_attendance = 500
    security_plan_issued_on = None
    police_deployed = 20
