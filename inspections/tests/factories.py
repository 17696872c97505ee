import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from xihu.tests.factories import StationFactory

from ..models import FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    station = factory.SubFactory(StationFactory)
    name = factory.Sequence(lambda n: f"北山小超市{n}号店")
    address = factory.Sequence(lambda n: f"北山街{n}号")
    kind = "shop"
    contact_name = "王老板"
    contact_phone = "13800000000"


class InspectionFactory(DjangoModelFactory):
    class Meta:
        model = Inspection

    venue = factory.SubFactory(VenueFactory)
    station = factory.LazyAttribute(lambda o: o.venue.station)
    inspected_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    inspectors = "张三、李四"
    notes = "节前消防检查"


class NoticeInspectionFactory(InspectionFactory):
    notice_number = factory.Sequence(lambda n: f"西公（消）限字〔2024〕{n:04d}号")
    notice_deadline = factory.LazyAttribute(lambda o: o.inspected_on + datetime.timedelta(days=7))


class HazardFactory(DjangoModelFactory):
    class Meta:
        model = Hazard

    inspection = factory.SubFactory(InspectionFactory)
    description = "安全出口堵塞"
    kind = "exits_blocked"
    disposition = "on_spot"
    rectified_on = factory.LazyAttribute(
        lambda o: o.inspection.inspected_on if o.disposition == "on_spot" else None
    )


class PublicityActivityFactory(DjangoModelFactory):
    class Meta:
        model = PublicityActivity

    station = factory.SubFactory(StationFactory)
    held_on = factory.LazyFunction(timezone.localdate)
    topic = "fire_safety"
    title = factory.Sequence(lambda n: f"消防安全进社区{n}")
    materials_distributed = 50
    attendees = 30


class FireworksPersuasionFactory(DjangoModelFactory):
    class Meta:
        model = FireworksPersuasion

    station = factory.SubFactory(StationFactory)
    occurred_on = factory.LazyFunction(timezone.localdate)
    location = factory.Sequence(lambda n: f"西湖文化广场{n}")
    behaviours = 2
