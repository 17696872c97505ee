"""Demo inspections and hazards of one festival, built to add up exactly to its plan."""

import datetime

from inspections.models import Inspection

from . import demo_text as text

INSPECTORS = ["张警官、李警官", "王警官、消防监督员陈某", "刘警官、社区民警赵某"]


def build_inspections(maker, plan, venues):
    """(inspections, [(inspection index, hazard fields)]) for the nine small places, the
    explosives units and a few fireworks dealers."""
    rng = maker.rng
    fire, more, keys = plan["fire"], plan["fire_more"], plan["key_items"]
    places = rng.sample(venues["nine"], fire["places"])
    visits = places + [rng.choice(places) for _ in range(fire["reinspections"])]
    inspections = [_inspection(maker, venue) for venue in visits]
    hazards = []
    # On-the-spot hazards anywhere; rectified the day they were found.
    for _ in range(fire["on_spot"]):
        index = rng.randrange(len(inspections))
        hazards.append(_hazard(index, inspections[index], "on_spot", 0))
    # Time-limited hazards, each on one of the inspections that issued a notice.
    count, notices = fire["time_limited"]
    noticed = rng.sample(range(len(places)), notices + more["suspended"])
    for index, number in zip(noticed[:notices], maker.spread(count, notices, 1), strict=True):
        _give_notice(maker, inspections[index], index)
        for _ in range(number):
            hazards.append(_hazard(index, inspections[index], "time_limited", rng.randint(3, 12)))
    for index in noticed[notices:]:  # distinct places: one suspension each
        hazards.append(_hazard(index, inspections[index], "suspension", None))
    _key_items(maker, plan, venues, inspections, hazards, keys)
    return inspections, hazards


def _key_items(maker, plan, venues, inspections, hazards, keys):
    rng = maker.rng
    units = rng.sample(venues["explosives"], keys["explosives"])
    first = len(inspections)
    inspections.extend(_inspection(maker, unit) for unit in units)
    for n in range(keys["rectified"]):
        index = first + n % len(units)
        hazards.append(_hazard(index, inspections[index], "on_spot", 0))
    for n in range(keys["late"]):  # rectified after the festival: not counted
        index = first + (len(units) - 1 - n) % len(units)
        _give_notice(maker, inspections[index], index)
        late = (maker.period.end - inspections[index].inspected_on).days + 4
        hazards.append(_hazard(index, inspections[index], "time_limited", late))
    for dealer in venues["fireworks"][:4]:
        inspections.append(_inspection(maker, dealer))
        index = len(inspections) - 1
        hazards.append(_hazard(index, inspections[index], "on_spot", 0))


def _inspection(maker, venue):
    return Inspection(
        station=venue.station,
        venue=venue,
        inspected_on=maker.day(),
        inspectors=maker.rng.choice(INSPECTORS),
        notes="春节前消防安全检查",
    )


def _give_notice(maker, inspection, index):
    year = inspection.inspected_on.year
    inspection.notice_number = f"西公（消）限字〔{year}〕{index + 1:04d}号"
    inspection.notice_deadline = inspection.inspected_on + datetime.timedelta(days=15)


def _hazard(index, inspection, disposition, days_to_rectify):
    kind, description = text.HAZARDS[index % len(text.HAZARDS)]
    rectified_on = None
    if days_to_rectify is not None:
        rectified_on = inspection.inspected_on + datetime.timedelta(days=days_to_rectify)
    fields = {"description": description, "kind": kind, "disposition": disposition}
    return index, {**fields, "rectified_on": rectified_on}
