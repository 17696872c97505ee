"""Tiny record builders for hand-made figure tests: only the fields a figure reads."""

import datetime
from decimal import Decimal

from disputes.models import Dispute
from incidents.models import Case, PoliceReport
from inspections.models import (
    FireworksPersuasion,
    Hazard,
    Inspection,
    PublicityActivity,
    Venue,
)
from patrols.models import LargeEvent, PatrolDeployment
from reports.models import Festival
from services.models import ServiceTally
from xihu.models import LOCAL_TZ

D = datetime.date


SF_START, SF_END = D(2024, 2, 10), D(2024, 2, 17)


def festival(slug="sf", start=SF_START, end=SF_END, comparison=None, **kw):
    return Festival.objects.create(
        slug=slug,
        name_zh=kw.pop("name_zh", "春节"),
        name_en=kw.pop("name_en", "Spring Festival"),
        starts_on=start,
        ends_on=end,
        comparison=comparison,
        **kw,
    )


def report(station, when, category="criminal", effective=True):
    """`when` is a naive local (Asia/Shanghai) date-time."""
    return PoliceReport.objects.create(
        station=station,
        received_at=when.replace(tzinfo=LOCAL_TZ),
        category=category,
        effective=effective,
    )


def case(station, on, category="theft", nature="criminal", **kw):
    kw.setdefault("recovered_value", Decimal("0"))
    return Case.objects.create(
        station=station, cracked_on=on, category=category, nature=nature, title="案", **kw
    )


def venue(station, kind="shop", name="店"):
    return Venue.objects.create(station=station, kind=kind, name=name)


def inspection(place, on, hazards=(), notice=""):
    """hazards: (disposition, rectified_on) pairs."""
    done = Inspection.objects.create(
        station=place.station,
        venue=place,
        inspected_on=on,
        notice_number=notice,
        notice_deadline=on + datetime.timedelta(days=10) if notice else None,
    )
    for disposition, rectified_on in hazards:
        Hazard.objects.create(
            inspection=done, description="隐患", disposition=disposition, rectified_on=rectified_on
        )
    return done


def publicity(station, on, topic="fire_safety", materials=0):
    return PublicityActivity.objects.create(
        station=station, held_on=on, topic=topic, title="宣传", materials_distributed=materials
    )


def persuasion(station, on, behaviours=1):
    return FireworksPersuasion.objects.create(
        station=station, occurred_on=on, location="湖滨", behaviours=behaviours
    )


def event(station, start, end, plan_on=None, attendance=0, police=0):
    return LargeEvent.objects.create(
        expected_attendance=attendance,
        police_deployed=police,
        station=station,
        name="灯会",
        starts_on=start,
        ends_on=end,
        location="西湖",
        organiser="official",
        security_plan_issued_on=plan_on,
    )


def dispute(station, on, resolved_on=None, status=None, category="family", risk="general"):
    return Dispute.objects.create(
        station=station,
        registered_on=on,
        category=category,
        risk_level=risk,
        source="visit",
        summary="纠纷",
        status=status or ("resolved" if resolved_on else "open"),
        resolved_on=resolved_on,
    )


def patrol(station, on, personnel=1, vehicles=0, shift="day", community_forces=0):
    return PatrolDeployment.objects.create(
        community_forces=community_forces,
        station=station,
        date=on,
        shift=shift,
        mode="mixed",
        personnel=personnel,
        vehicles=vehicles,
        area_kind="scenic_spot",
    )


def tally(station, on, handled=0, vehicle_driving=0, on_time=0, praised=0):
    return ServiceTally.objects.create(
        station=station,
        date=on,
        department="household",
        handled=handled,
        vehicle_driving=vehicle_driving,
        on_time=on_time,
        praised=praised,
    )
