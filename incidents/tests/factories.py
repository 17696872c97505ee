import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from xihu.tests.factories import StationFactory

from ..models import Case, PoliceReport


class PoliceReportFactory(DjangoModelFactory):
    class Meta:
        model = PoliceReport

    station = factory.SubFactory(StationFactory)
    received_at = factory.LazyFunction(timezone.now)
    category = "public_security"
    effective = True
    source = "call_110"
    location = factory.Sequence(lambda n: f"北山街{n}号")
    summary = "群众报警称有人打架"


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    station = factory.SubFactory(StationFactory)
    cracked_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    nature = "criminal"
    category = "theft"
    title = factory.Sequence(lambda n: f"盗窃案{n}")
    suspects_arrested = 1
    gangs_smashed = 0
    recovered_value = Decimal("1200.00")
