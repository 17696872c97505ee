import datetime

import factory
from factory.django import DjangoModelFactory

from services.models import ServiceTally
from xihu.tests.factories import StationFactory


class ServiceTallyFactory(DjangoModelFactory):
    class Meta:
        model = ServiceTally

    station = factory.SubFactory(StationFactory)
    date = datetime.date(2024, 2, 10)
    department = "household"
    handled = 100
    vehicle_driving = 5
    on_time = 100
    praised = 90
