"""Demo festivals and records: the 2024 summary reproduces the bulletin (SPEC §5) exactly.

Called by `load_demo` after the stations and accounts exist. Deterministic (fixed seed) and
idempotent: the records are written once, when the 2024 festival has none yet. Records are
bulk-created with their first history entry, so every demo record has a history too.
"""

import datetime
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from disputes.models import Dispute, FollowUp, Party
from incidents.models import Case, PoliceReport
from inspections.models import (
    NINE_SMALL_PLACES,
    FireworksPersuasion,
    Hazard,
    Inspection,
    PublicityActivity,
    Venue,
)
from patrols.models import LargeEvent, PatrolDeployment
from services.models import ServiceTally
from xihu.models import LOCAL_TZ, Station

from . import demo_text as text
from .demo_records import RecordMaker
from .models import Festival
from .summary import Period

D = datetime.date
FESTIVALS = [
    # slug, name_zh, name_en, starts_on, ends_on, comparison
    ("spring-festival-2023", "2023年春节", "Spring Festival 2023", D(2023, 1, 21), D(2023, 1, 27)),
    ("spring-festival-2024", "2024年春节", "Spring Festival 2024", D(2024, 2, 10), D(2024, 2, 17)),
]

# What each festival's records add up to. 2024 is SPEC §5; 2023 gives its "previous" column.
PLANS = {
    "spring-festival-2023": {
        "reports": {"effective": 1130, "criminal": 17, "public_security": 70, "misdials": 58},
        "cases": {
            "telecom_fraud": (15, 6, 7),  # cases, suspects, gangs
            "theft_robbery_fraud_other": (74, 24),  # theft, robbery and fraud: cases, suspects
            "other_criminal": (36, 33),
            "recovered_value": Decimal("98650.00"),
            "fireworks": 3,
            "administrative": 11,
        },
        "fire": {"places": 342, "reinspections": 18, "on_spot": 251, "time_limited": (7, 4)},
        "fire_more": {"suspended": 2, "publicity": (160, 210)},
        "key_items": {"explosives": 9, "rectified": 5, "late": 0, "persuasions": 112},
        "events": 5,
        "disputes": {"registered": 131, "resolved": 122},
        "patrol": {"station_day": (6, 9), "brigade": (26, 34)},
        "services": {"handled": 866, "vehicle_driving": 45, "on_time_missed": 2, "unpraised": 3},
    },
    "spring-festival-2024": {
        "reports": {"effective": 767, "criminal": 5, "public_security": 35, "misdials": 41},
        "cases": {
            "telecom_fraud": (12, 6, 10),
            "theft_robbery_fraud_other": (74, 19),
            "other_criminal": (32, 31),
            "recovered_value": Decimal("112680.00"),
            "fireworks": 2,
            "administrative": 9,
        },
        "fire": {"places": 367, "reinspections": 24, "on_spot": 225, "time_limited": (5, 3)},
        "fire_more": {"suspended": 1, "publicity": (186, 240)},
        "key_items": {"explosives": 9, "rectified": 3, "late": 1, "persuasions": 86},
        "events": 7,
        "disputes": {"registered": 125, "resolved": 120},
        "patrol": {"station_day": (7, 10), "brigade": (30, 40)},
        "services": {"handled": 917, "vehicle_driving": 39, "on_time_missed": 0, "unpraised": 0},
    },
}

NARRATIVE = {
    "overview": (
        "2024年春节期间，西湖公安分局提前谋划、全力以赴，扎实落实各项防风险、保安全、护稳定措施，"
        "为全区群众欢度春节营造了良好的治安环境。",
        "During the Spring Festival of 2024 the Xihu Public Security Sub-bureau planned ahead "
        "and made every effort to prevent risks, ensure safety and protect stability, creating "
        "a good public security environment for the people of the district.",
    ),
    "multi_level": (
        "分局党委高度重视春节安保维稳工作，多次召开专题会议部署春节安保、“九小”场所消防安全、"
        "社会面巡逻防控、打击违法犯罪和严格勤务备勤等工作；分局领导班子带头深入一线督导检查，"
        "走访慰问坚守岗位的民辅警，推动各项安保措施落地见效。",
        "The sub-bureau's party committee held special meetings to deploy the festival's "
        "security, fire safety in the nine small places, patrols, the crackdown and duty "
        "readiness; its leaders went to the front line every day to inspect, to thank the "
        "officers on duty and to see every measure carried out.",
    ),
    "venues": (
        "深入推进消防安全大整治和“九小”场所消防安全综合治理，全面摸排辖区餐饮、宾馆、酒吧、"
        "KTV等行业场所；紧盯烟花爆竹、易燃易爆等重点物品安全；全面摸排大型活动和群众自发民俗"
        "文化活动情况，提前制定下发工作方案。",
        "The sub-bureau pressed on with the fire safety campaign in the nine small places, "
        "checking restaurants, hotels, bars and KTVs; it watched fireworks, flammables and "
        "explosives closely, and mapped every large event and folk gathering to issue their "
        "security plans in advance.",
    ),
    "disputes": (
        "依托“情指行”一体化运行机制，围绕春节期间欠薪、婚恋、家庭、邻里、债务等矛盾纠纷易发"
        "多发领域，会同党政部门、村（社区）干部、网格员和志愿者开展上门走访排查，强化“三调联动”，"
        "实行全流程闭环管理。",
        "Through the integrated intelligence, command and action mechanism, the sub-bureau and "
        "village and community cadres, grid workers and volunteers visited door to door where "
        "wage, marriage, family, neighbourhood and debt disputes arise at the festival, with "
        "people's, administrative and judicial mediation working together and every case "
        "followed to its close.",
    ),
    "patrols": (
        "启动社会面巡逻防控一级勤务，严格落实公安武警联勤武装巡逻“四项机制”和“快速反应机制”，"
        "采取“车巡+步巡”“日巡+夜巡”相结合的动态巡逻机制；组织开展冬季治安打击整治行动。",
        "The first-level patrol service was started, with joint armed patrols of the police "
        "and the armed police, car and foot patrols by day and by night at the scenic spots, "
        "malls, streets and squares, and a winter crackdown on prominent crimes.",
    ),
    "quality": (
        "提前启动一级勤务响应，严格落实24小时值班备勤和领导带班制度；户政、交警、出入境等部门"
        "通过延时服务、预约办理、网上办理、自助办理等方式，最大限度为群众提供便利。",
        "First-level duty was started in advance with round-the-clock duty and leaders on "
        "every shift; the household, traffic and entry-exit counters offered extended hours, "
        "appointments, online and self-service handling to serve the public.",
    ),
}

SEED = 20240210


def load(stdout=None):
    festivals = load_festivals()
    if PoliceReport.objects.in_period(D(2024, 2, 10), D(2024, 2, 17)).exists():
        if stdout is not None:
            stdout.write("Festival demo records already present; left unchanged.")
        return
    stations = {s.code: s for s in Station.objects.all()}
    venues = _venues(random.Random(SEED), stations)
    for slug, festival in festivals.items():
        rng = random.Random(f"{SEED}-{slug}")
        maker = RecordMaker(rng, Period(festival.starts_on, festival.ends_on), stations)
        _write(maker, PLANS[slug], venues)
    if stdout is not None:
        stdout.write("Festival demo records loaded: Spring Festival 2023 and 2024.")


def load_festivals():
    out = {}
    for slug, name_zh, name_en, starts_on, ends_on in FESTIVALS:
        defaults = {"name_zh": name_zh, "name_en": name_en, "starts_on": starts_on}
        defaults["ends_on"] = ends_on
        defaults["comparison"] = out.get("spring-festival-2023") if "2024" in slug else None
        if "2024" in slug:
            for section, (zh, en) in NARRATIVE.items():
                defaults[f"narrative_{section}_zh"] = zh
                defaults[f"narrative_{section}_en"] = en
        festival = Festival.objects.filter(slug=slug).first()
        if festival is None:
            festival = Festival(slug=slug, **defaults)
            festival.save()
        out[slug] = festival
    return out


def _venues(rng, stations):
    """The register: nine-kind places (more than are inspected), key-item units."""
    police = [s for s in stations.values() if s.kind == "police_station"]
    kinds = list(text.NINE_KIND_WEIGHTS)
    weights = list(text.NINE_KIND_WEIGHTS.values())
    rows = [(rng.choices(kinds, weights)[0], n) for n in range(420)]
    rows += [("explosives", n) for n in range(11)] + [("fireworks", n) for n in range(6)]
    venues = [
        Venue(
            station=rng.choice(police),
            kind=kind,
            name=f"{text.STREETS[n % len(text.STREETS)]}{n + 1}号{text.VENUE_SUFFIX[kind]}",
            address=f"杭州市西湖区{text.STREETS[n % len(text.STREETS)]}{n + 1}号",
            contact_name=rng.choice(text.SURNAMES) + "经理",
            contact_phone=f"1380571{n:04d}",
        )
        for kind, n in rows
    ]
    bulk_create_with_history(venues, Venue)
    saved = list(Venue.objects.order_by("pk"))
    by_kind = {}
    for venue in saved:
        by_kind.setdefault("nine" if venue.kind in NINE_SMALL_PLACES else venue.kind, [])
        by_kind["nine" if venue.kind in NINE_SMALL_PLACES else venue.kind].append(venue)
    return by_kind


def _write(maker, plan, venues):
    creators = [
        (PoliceReport, maker.police_reports(plan["reports"])),
        (Case, maker.cases(plan["cases"])),
        (PublicityActivity, maker.publicity(plan["fire_more"]["publicity"])),
        (FireworksPersuasion, maker.persuasions(plan["key_items"]["persuasions"])),
        (LargeEvent, maker.events(plan["events"])),
        (PatrolDeployment, maker.patrols(plan["patrol"])),
        (ServiceTally, maker.tallies(plan["services"])),
    ]
    for model, records in creators:
        bulk_create_with_history(records, model, batch_size=500)
    _write_inspections(maker, plan, venues)
    _write_disputes(maker, plan["disputes"])


def _write_inspections(maker, plan, venues):
    inspections, hazards = maker.inspections(plan, venues)
    saved = bulk_create_with_history(inspections, Inspection, batch_size=500)
    if any(obj.pk is None for obj in saved):  # a backend that returns no keys
        saved = list(Inspection.objects.order_by("-pk")[: len(inspections)])[::-1]
    rows = [
        Hazard(inspection=saved[index], **fields) for index, fields in hazards
    ]  # hazards name their inspection by its index in the list
    bulk_create_with_history(rows, Hazard, batch_size=500)


def _write_disputes(maker, plan):
    disputes, parties, follow_ups = maker.disputes(plan)
    saved = bulk_create_with_history(disputes, Dispute, batch_size=500)
    if any(obj.pk is None for obj in saved):
        saved = list(Dispute.objects.order_by("-pk")[: len(disputes)])[::-1]
    bulk_create_with_history(
        [Party(dispute=saved[i], **fields) for i, fields in parties], Party, batch_size=500
    )
    bulk_create_with_history(
        [FollowUp(dispute=saved[i], **fields) for i, fields in follow_ups],
        FollowUp,
        batch_size=500,
    )


def local(day, hour, minute):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LOCAL_TZ)
