"""Realistic district data for the benchmark, written with bulk inserts.

    python -m bench.generate --scale 0.01 [--years 10] [--last-year 2025]

Scale 1 is ten years of the Xihu district: about 1,000,000 police reports and, in proportion,
cases, venues, inspections with hazards, publicity, fireworks persuasions, disputes with
parties and follow-ups, patrols, large events and counter tallies. Volumes follow the
stations (the scenic-area station is the busiest), the week, the hour of the day and the
festivals (Spring Festival and the October golden week), and grow a little every year.

Rows are written with COPY on PostgreSQL (bulk_create elsewhere), with ids assigned here so
that children (hazards, parties, follow-ups) need no round trip. History tables stay empty:
bulk loads bypass django-simple-history, as a migration of old data would.
"""

import bisect
import datetime
import itertools
import math
import random
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

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
from xihu.models import LOCAL_TZ, Station, User
from xihu.stations import XIHU_STATIONS

# Records per year at scale 1 (police reports: 10 years ≈ 1,000,000).
PER_YEAR = {
    "police_reports": 100_000,
    "cases": 14_000,
    "inspections": 40_000,
    "publicity": 600,
    "persuasions": 1_500,
    "disputes": 14_000,
    "patrols": 22_000,
    "large_events": 120,
    "tallies": 17_000,
}
VENUES = 20_000  # the register at scale 1
BENCH_PASSWORD = "bench-password-2024"

# Lunar new year's day; the Spring Festival period runs from it for 8 days.
LUNAR_NEW_YEAR = {
    2014: (1, 31),
    2015: (2, 19),
    2016: (2, 8),
    2017: (1, 28),
    2018: (2, 16),
    2019: (2, 5),
    2020: (1, 25),
    2021: (2, 12),
    2022: (2, 1),
    2023: (1, 22),
    2024: (2, 10),
    2025: (1, 29),
    2026: (2, 17),
}

# Share of the district's records by station (police stations do most; brigades little).
STATION_WEIGHT = {
    "xihu-scenic": 14,
    "beishan": 9,
    "lingyin": 9,
    "xixi": 9,
    "wenxin": 8,
    "gudang": 8,
    "cuiyuan": 7,
    "jiangcun": 7,
    "sandun": 8,
    "liuxia": 5,
    "zhuantang": 6,
    "shuangpu": 4,
    "patrol-brigade": 3,
    "criminal-brigade": 2,
    "command": 1,
}
HOURS = list(range(24))
HOUR_WEIGHT = [3, 2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 7, 7, 7, 7, 7, 8, 9, 9, 8, 7, 5, 4]
PLACES = [
    "西湖大道",
    "北山街",
    "灵隐路",
    "文三路",
    "天目山路",
    "古墩路",
    "紫金港路",
    "留下街",
    "转塘街道",
    "西溪湿地",
    "黄龙体育中心",
    "断桥",
    "龙井路",
    "杨公堤",
]


def spring_festival(year):
    month, day = LUNAR_NEW_YEAR[year]
    start = datetime.date(year, month, day)
    return start, start + datetime.timedelta(days=7)


def golden_week(year):
    return datetime.date(year, 10, 1), datetime.date(year, 10, 7)


class Writer:
    """Buffers rows of one model and writes them in batches: COPY on PostgreSQL.

    Every concrete column is written; those a row leaves out take the field's default.
    Rows are formatted as COPY text here: psycopg's per-row adaptation costs more than
    generating the row.
    """

    batch = 20_000

    def __init__(self, model):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [f.attname for f in self.fields]
        self.defaults = {f.attname: f.get_default() for f in self.fields}
        self.default_text = {a: _copy_text(v) for a, v in self.defaults.items()}
        self.rows = []
        self.count = 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
            self.next_id = cursor.fetchone()[0] + 1

    def add(self, **values):
        values["id"] = pk = self.next_id
        self.next_id += 1
        self.rows.append(values)
        if len(self.rows) >= self.batch:
            self.flush()
        return pk

    def flush(self):
        if not self.rows:
            return
        if connection.vendor == "postgresql":
            columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
            table = connection.ops.quote_name(self.model._meta.db_table)
            defaults = self.default_text
            lines = [
                "\t".join([_copy_text(row[a]) if a in row else defaults[a] for a in self.attnames])
                for row in self.rows
            ]
            with connection.cursor() as cursor:
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    copy.write("\n".join(lines) + "\n")
        else:
            objs = [self.model(**{**self.defaults, **row}) for row in self.rows]
            self.model.objects.bulk_create(objs, batch_size=2000)
        self.count += len(self.rows)
        self.rows = []


def _copy_text(value):
    """A value in COPY's text format (the generator writes no tabs, newlines or backslashes)."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, datetime.date):  # datetimes too: isoformat keeps the offset
        return value.isoformat()
    return str(value)


class District:
    """The random draws, seeded so that two runs at one scale write the same data."""

    def __init__(self, seed, stations, authors, years):
        self.rng = random.Random(seed)
        self._cum = {}
        self.spring_days = _days_of([spring_festival(y) for y in years])
        self.festival_days = self.spring_days | _days_of([golden_week(y) for y in years])
        self.stations = stations
        self.authors = authors  # station id -> user id
        self.station_ids = [s.id for s in stations]
        self.station_weights = [STATION_WEIGHT.get(s.code, 3) for s in stations]
        self.police_ids = [s.id for s in stations if s.kind == "police_station"]

    def count(self, expected):
        """An integer whose mean is `expected` (keeps small scales unbiased)."""
        whole = math.floor(expected)
        return whole + (1 if self.rng.random() < expected - whole else 0)

    def pick(self, options, weights, k=None):
        key = tuple(weights)
        cum = self._cum.get(key)
        if cum is None:
            cum = self._cum[key] = list(itertools.accumulate(weights))
        if k is None:
            return options[bisect.bisect(cum, self.rng.random() * cum[-1])]
        return self.rng.choices(options, cum_weights=cum, k=k)

    def stamp(self, day, station_id):
        """created_at/updated_at a little after the day, and the station's author."""
        moment = datetime.datetime.combine(day, datetime.time(18), tzinfo=LOCAL_TZ)
        moment += datetime.timedelta(minutes=self.rng.randrange(0, 600))
        author = self.authors[station_id]
        return {
            "station_id": station_id,
            "created_at": moment,
            "updated_at": moment,
            "created_by_id": author,
            "updated_by_id": author,
            "version": 1,
        }

    def factor(self, day):
        """Relative activity of a day: weekends, festivals, summer, growth over the years."""
        factor = 1.15 if day.weekday() >= 5 else 0.94
        if day in self.festival_days:
            factor *= 1.35
        if day.month in (7, 8):
            factor *= 1.08
        return factor * (1.03 ** (day.year - 2020))


def _days_of(periods):
    return {
        start + datetime.timedelta(days=n)
        for start, end in periods
        for n in range((end - start).days + 1)
    }


def make_days(years, last_year):
    first = datetime.date(last_year - years + 1, 1, 1)
    last = datetime.date(last_year, 12, 31)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def police_reports(d, days, scale, writer):
    per_day = PER_YEAR["police_reports"] * scale / 365.25
    categories = ["criminal", "public_security", "traffic", "fire", "dispute", "assistance"]
    categories += ["other"]
    cat_weights = [3, 9, 22, 2, 18, 34, 12]
    sources = ["call_110", "walk_in", "online", "patrol", "transfer"]
    src_weights = [78, 8, 6, 5, 3]
    for day in days:
        n = d.count(per_day * d.factor(day))
        if not n:
            continue
        stations = d.pick(d.station_ids, d.station_weights, k=n)
        hours = d.pick(HOURS, HOUR_WEIGHT, k=n)
        cats = d.pick(categories, cat_weights, k=n)
        srcs = d.pick(sources, src_weights, k=n)
        midnight = datetime.datetime.combine(day, datetime.time.min, tzinfo=LOCAL_TZ)
        for station_id, hour, cat, src in zip(stations, hours, cats, srcs, strict=True):
            received = midnight + datetime.timedelta(hours=hour, seconds=d.rng.randrange(3600))
            place = d.rng.choice(PLACES)
            writer.add(
                received_at=received,
                category=cat,
                effective=d.rng.random() < 0.88,
                source=src,
                location=f"{place}{d.rng.randrange(1, 400)}号",
                summary=f"{place}附近报警，民警到场处置，已记录。",
                **d.stamp(day, station_id),
            )


def cases(d, days, scale, writer):
    per_day = PER_YEAR["cases"] * scale / 365.25
    categories = ["telecom_fraud", "theft", "robbery", "fraud", "fireworks", "gambling"]
    categories += ["drugs", "assault", "other"]
    weights = [14, 30, 2, 10, 2, 8, 6, 10, 18]
    for day in days:
        sf = day in d.spring_days
        for _ in range(d.count(per_day * d.factor(day))):
            station_id = d.pick(d.station_ids, d.station_weights)
            category = "fireworks" if sf and d.rng.random() < 0.1 else d.pick(categories, weights)
            suspects = d.pick([0, 1, 2, 3, 5], [30, 45, 15, 7, 3])
            writer.add(
                cracked_on=day,
                nature="criminal" if d.rng.random() < 0.6 else "administrative",
                category=category,
                title=f"{d.rng.choice(PLACES)}{category}案",
                suspects_arrested=suspects,
                gangs_smashed=1 if suspects >= 3 and d.rng.random() < 0.3 else 0,
                recovered_value=Decimal(d.rng.choice([0, 0, 0, 500, 1200, 3000, 8800, 25000])),
                **d.stamp(day, station_id),
            )


def venues(d, scale, writer, first_day):
    """The register: {station id: [(venue id, kind)]}."""
    kinds = [*NINE_SMALL_PLACES, "explosives", "fireworks"]
    weights = [6, 5, 25, 25, 8, 5, 4, 7, 12, 1, 2]
    out = {}
    for _ in range(max(60, round(VENUES * scale))):
        station_id = d.pick(d.station_ids, d.station_weights)
        kind = d.pick(kinds, weights)
        place = d.rng.choice(PLACES)
        pk = writer.add(
            name=f"{place}{kind}{d.rng.randrange(1000)}",
            address=f"杭州市西湖区{place}{d.rng.randrange(1, 400)}号",
            kind=kind,
            contact_name="王*",
            contact_phone=f"138{d.rng.randrange(10**8):08d}",
            **d.stamp(first_day, station_id),
        )
        out.setdefault(station_id, []).append((pk, kind))
    return out


def inspections(d, days, scale, writers, register):
    inspection_w, hazard_w = writers
    per_day = PER_YEAR["inspections"] * scale / 365.25
    stations = [s for s in d.station_ids if s in register]
    weights = [d.station_weights[d.station_ids.index(s)] for s in stations]
    for day in days:
        for _ in range(d.count(per_day * d.factor(day))):
            station_id = d.pick(stations, weights)
            venue_id, kind = d.rng.choice(register[station_id])
            notice = d.rng.random() < 0.02
            deadline = day + datetime.timedelta(days=d.rng.randrange(7, 16)) if notice else None
            pk = inspection_w.add(
                venue_id=venue_id,
                inspected_on=day,
                inspectors="张警官、李警官",
                notice_number=f"西公消限字〔{day.year}〕{d.rng.randrange(1, 9999)}号"
                if notice
                else "",
                notice_deadline=deadline,
                **d.stamp(day, station_id),
            )
            for _ in range(d.pick([0, 1, 2, 3], [50, 35, 10, 5])):
                hazard_w.add(**hazard(d, pk, day, deadline))


def hazard(d, inspection_id, day, deadline):
    if deadline is None:
        disposition = "on_spot"
    else:
        disposition = d.pick(["on_spot", "time_limited", "suspension"], [30, 60, 10])
    if disposition == "on_spot":
        rectified = day
    elif d.rng.random() < 0.8:
        rectified = day + datetime.timedelta(days=d.rng.randrange(1, 20))
    else:
        rectified = None
    return {
        "inspection_id": inspection_id,
        "description": "疏散通道堵塞" if d.rng.random() < 0.4 else "灭火器过期",
        "kind": d.pick(["exits_blocked", "extinguishers", "wiring", "other"], [4, 4, 1, 1]),
        "disposition": disposition,
        "rectified_on": rectified,
    }


def publicity_and_persuasions(d, days, scale, writers):
    publicity_w, persuasion_w = writers
    per_day = PER_YEAR["publicity"] * scale / 365.25
    persuasion_per_day = PER_YEAR["persuasions"] * scale / 365.25 / 4
    topics = ["fire_safety", "anti_fraud", "fireworks", "traffic", "other"]
    for day in days:
        for _ in range(d.count(per_day * d.factor(day))):
            station_id = d.pick(d.station_ids, d.station_weights)
            publicity_w.add(
                held_on=day,
                topic=d.pick(topics, [35, 30, 10, 15, 10]),
                title="消防安全进社区",
                materials_distributed=d.rng.randrange(20, 600),
                attendees=d.rng.randrange(10, 300),
                **d.stamp(day, station_id),
            )
        # Fireworks are let off almost only around the Spring Festival.
        peak = 25 if day in d.spring_days else 0.6
        for _ in range(d.count(persuasion_per_day * peak)):
            station_id = d.pick(d.station_ids, d.station_weights)
            persuasion_w.add(
                occurred_on=day,
                location=d.rng.choice(PLACES),
                behaviours=d.pick([1, 2, 3, 5], [60, 25, 10, 5]),
                **d.stamp(day, station_id),
            )


def disputes(d, days, scale, writers):
    dispute_w, party_w, follow_w = writers
    per_day = PER_YEAR["disputes"] * scale / 365.25
    categories = ["wage_arrears", "marriage", "family", "neighbourhood", "debt", "property"]
    categories += ["consumer", "other"]
    for day in days:
        for _ in range(d.count(per_day * d.factor(day))):
            station_id = d.pick(d.station_ids, d.station_weights)
            status = d.pick(["resolved", "mediating", "open", "escalated"], [85, 8, 5, 2])
            resolved = day + datetime.timedelta(days=d.rng.randrange(0, 20))
            pk = dispute_w.add(
                registered_on=day,
                category=d.pick(categories, [10, 12, 14, 22, 12, 8, 14, 8]),
                risk_level=d.pick(["major", "high", "general", "minor"], [1, 5, 40, 54]),
                source=d.pick(
                    ["visit", "police_report", "referral", "self_report"], [35, 40, 10, 15]
                ),
                summary="双方因琐事发生纠纷，民警介入调解。",
                status=status,
                channel="people" if status == "resolved" else "",
                mediator="社区调解员" if status == "resolved" else "",
                resolved_on=resolved if status == "resolved" else None,
                **d.stamp(day, station_id),
            )
            for role in ("applicant", "respondent"):
                party_w.add(
                    dispute_id=pk,
                    name=d.rng.choice("张王李赵刘陈杨黄") + d.rng.choice(["伟", "芳", "强", "娟"]),
                    role=role,
                    phone=f"13{d.rng.randrange(10**9):09d}",
                    id_number=f"330106{d.rng.randrange(1950, 2005)}{d.rng.randrange(10**8):08d}",
                )
            if status == "resolved" and d.rng.random() < 0.7:
                follow_w.add(
                    dispute_id=pk,
                    visited_on=resolved + datetime.timedelta(days=7),
                    note="回访，双方无异议。",
                    stable=d.rng.random() < 0.97,
                )


def patrols_and_events(d, days, scale, writers):
    patrol_w, event_w = writers
    per_day = PER_YEAR["patrols"] * scale / 365.25
    event_per_day = PER_YEAR["large_events"] * scale / 365.25
    areas = ["scenic_spot", "shopping_mall", "commercial_street", "square", "transport_hub"]
    areas += ["residential", "other"]
    for day in days:
        for _ in range(d.count(per_day * d.factor(day))):
            station_id = d.pick(d.station_ids, d.station_weights)
            mode = d.pick(["car", "foot", "mixed"], [40, 30, 30])
            patrol_w.add(
                date=day,
                shift=d.pick(["day", "night"], [55, 45]),
                mode=mode,
                personnel=d.rng.randrange(2, 12),
                vehicles=0 if mode == "foot" else d.rng.randrange(1, 4),
                area_kind=d.pick(areas, [25, 12, 18, 10, 10, 20, 5]),
                area=d.rng.choice(PLACES),
                joint_armed=d.rng.random() < 0.1,
                **d.stamp(day, station_id),
            )
        for _ in range(d.count(event_per_day * d.factor(day) ** 3)):
            station_id = d.pick(d.station_ids, d.station_weights)
            ends = day + datetime.timedelta(days=d.pick([0, 1, 2, 6], [60, 20, 15, 5]))
            planned = min(
                ends, day - datetime.timedelta(days=d.pick([-1, 1, 3, 7], [5, 30, 40, 25]))
            )
            event_w.add(
                name=f"{d.rng.choice(PLACES)}活动",
                starts_on=day,
                ends_on=ends,
                location=d.rng.choice(PLACES),
                organiser=d.pick(["official", "folk"], [60, 40]),
                expected_attendance=d.rng.randrange(500, 20000),
                security_plan_issued_on=planned,
                police_deployed=d.rng.randrange(10, 200),
                **d.stamp(day, station_id),
            )


def tallies(d, days, scale, writer):
    per_day = PER_YEAR["tallies"] * scale / 365.25
    departments = ["household", "traffic", "entry_exit", "other"]
    for day in days:
        counters = set()  # one tally per station, day and department (a UniqueConstraint)
        for _ in range(d.count(per_day * (0.3 if day.weekday() >= 5 else 1.25))):
            station_id = d.rng.choice(d.police_ids)
            handled = d.rng.randrange(5, 80)
            department = d.pick(departments, [45, 30, 15, 10])
            if (station_id, department) in counters:
                continue
            counters.add((station_id, department))
            writer.add(
                date=day,
                department=department,
                handled=handled,
                vehicle_driving=handled if department == "traffic" else 0,
                on_time=handled - (1 if d.rng.random() < 0.02 else 0),
                praised=handled - d.rng.randrange(0, 3) if handled > 3 else handled,
                **d.stamp(day, station_id),
            )


def ensure_stations_and_users():
    """The district's stations, a staff account per station and a supervisor."""
    from django.contrib.auth.hashers import make_password

    for code, name_zh, name_en, kind in XIHU_STATIONS:
        Station.objects.get_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "kind": kind}
        )
    stations = list(Station.objects.filter(code__in=[c for c, *_ in XIHU_STATIONS]))
    password = make_password(BENCH_PASSWORD)
    authors = {}
    for station in stations:
        user, _ = User.objects.get_or_create(
            username=f"bench-{station.code}",
            defaults={"role": "staff", "station": station, "password": password},
        )
        authors[station.id] = user.id
    User.objects.get_or_create(
        username="bench-supervisor", defaults={"role": "supervisor", "password": password}
    )
    return stations, authors


def festivals_create(years, last_year):
    """Spring Festival and golden week of every year, each compared with the year before."""
    try:
        from reports.models import Festival
    except ImportError:  # the reports app has no Festival yet
        return []
    created = []
    for kind, dates, zh, en in [
        ("spring-festival", spring_festival, "春节", "Spring Festival"),
        ("national-day", golden_week, "国庆", "National Day"),
    ]:
        previous = None
        for year in range(last_year - years + 1, last_year + 1):
            start, end = dates(year)
            festival, _ = Festival.objects.update_or_create(
                slug=f"{kind}-{year}",
                defaults={
                    "name_zh": f"{year}年{zh}",
                    "name_en": f"{en} {year}",
                    "starts_on": start,
                    "ends_on": end,
                    "comparison": previous,
                },
            )
            previous = festival
            created.append(festival)
    return created


def generate(*, scale=1.0, years=10, last_year=2025, seed=20240210, log=print, fast=False):
    """Write the district's data; answers {model label: rows written}.

    `fast` skips the foreign-key triggers while loading (PostgreSQL superuser only): the
    rows reference what exists by construction, and checking millions of deferred
    references at COMMIT takes longer than writing them. Check constraints still apply.
    """
    started = timezone.now()
    days = make_days(years, last_year)
    with transaction.atomic():
        if fast and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")
        stations, authors = ensure_stations_and_users()
        d = District(seed, stations, authors, range(days[0].year, last_year + 1))
        w = {
            model: Writer(model)
            for model in [
                PoliceReport,
                Case,
                Venue,
                Inspection,
                Hazard,
                PublicityActivity,
                FireworksPersuasion,
                Dispute,
                Party,
                FollowUp,
                PatrolDeployment,
                LargeEvent,
                ServiceTally,
            ]
        }
        police_reports(d, days, scale, w[PoliceReport])
        cases(d, days, scale, w[Case])
        register = venues(d, scale, w[Venue], days[0])
        w[Venue].flush()
        inspections(d, days, scale, (w[Inspection], w[Hazard]), register)
        publicity_and_persuasions(d, days, scale, (w[PublicityActivity], w[FireworksPersuasion]))
        disputes(d, days, scale, (w[Dispute], w[Party], w[FollowUp]))
        patrols_and_events(d, days, scale, (w[PatrolDeployment], w[LargeEvent]))
        tallies(d, days, scale, w[ServiceTally])
        for writer in w.values():
            writer.flush()
        reset_sequences(list(w))
        festival_list = festivals_create(years, last_year)
    counts = {model._meta.label: writer.count for model, writer in w.items()}
    counts["reports.Festival"] = len(festival_list)
    log(
        f"generated {sum(counts.values()):,} rows in "
        f"{(timezone.now() - started).total_seconds():.1f}s at scale {scale}"
    )
    return counts


def reset_sequences(models):
    """Explicit ids leave the sequences behind; move them past the rows written."""
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def analyze():
    """Statistics and the visibility map, as autovacuum would leave a live database."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main(argv=None):
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--last-year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=20240210)
    args = parser.parse_args(argv)
    counts = generate(
        scale=args.scale, years=args.years, last_year=args.last_year, seed=args.seed, fast=True
    )
    analyze()
    for label, n in counts.items():
        print(f"{label:32} {n:>10,}")


if __name__ == "__main__":
    from bench.settings import setup

    setup()
    main()
