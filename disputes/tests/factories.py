import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from xihu.tests.factories import StationFactory

from ..models import Dispute, FollowUp, Party
from ..validators import id_check_char


def id_number(n: int) -> str:
    """A valid resident ID number of Xihu district (330106), born 1990-01-01."""
    first17 = f"33010619900101{n % 1000:03d}"
    return first17 + id_check_char(first17)


class DisputeFactory(DjangoModelFactory):
    class Meta:
        model = Dispute

    station = factory.SubFactory(StationFactory)
    registered_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    category = "neighbourhood"
    risk_level = "general"
    source = "visit"
    summary = factory.Sequence(lambda n: f"邻里噪音纠纷{n}")


class ResolvedDisputeFactory(DisputeFactory):
    status = "resolved"
    channel = "people"
    mediator = "王调解员"
    resolved_on = factory.LazyAttribute(lambda o: o.registered_on + datetime.timedelta(days=2))
    resolution = "双方达成和解"


class PartyFactory(DjangoModelFactory):
    class Meta:
        model = Party

    dispute = factory.SubFactory(DisputeFactory)
    name = factory.Iterator(["张三", "李四", "王五"])
    role = "applicant"
    phone = factory.Sequence(lambda n: f"1381234{n % 10000:04d}")
    id_number = factory.Sequence(id_number)


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    dispute = factory.SubFactory(ResolvedDisputeFactory)
    visited_on = factory.LazyAttribute(lambda o: o.dispute.resolved_on + datetime.timedelta(days=1))
    note = "回访双方，情绪稳定"
    stable = True
