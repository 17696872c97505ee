"""Unsaved demo records of one festival, built to add up exactly to a plan (reports.demo)."""

import datetime
import random
from decimal import Decimal

from disputes.models import Dispute
from incidents.models import Case, PoliceReport
from inspections.models import FireworksPersuasion, PublicityActivity
from patrols.models import LargeEvent, PatrolDeployment
from services.models import ServiceTally
from xihu.models import LOCAL_TZ

from . import demo_text as text

OTHER_REPORT_CATEGORIES = {"traffic": 30, "fire": 3, "dispute": 22, "assistance": 30, "other": 15}
# Stations with a busy scenic area receive more reports.
BUSY = {"xihu-scenic": 4, "lingyin": 3, "beishan": 3, "xixi": 2, "wenxin": 2}
HOURS = list(range(24))
HOUR_WEIGHTS = [2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 6, 5, 4, 3]
# Beishan's counter is an entry-exit one, so that a household tally of Beishan can still be
# imported on top of the demo (shared/samples/imports/service_tally_excel_date_cell.xlsx).
COUNTERS = [
    ("entry_exit", "beishan"),
    ("household", "xixi"),
    ("household", "wenxin"),
    ("household", "gudang"),
    ("household", "sandun"),
    ("household", "zhuantang"),
    ("entry_exit", "xixi"),
]
TRAFFIC_COUNTER = "cuiyuan"


class RecordMaker:
    def __init__(self, rng, period, stations):
        self.rng = rng
        # Drawn apart from `rng`, so that the records drawn after the patrols (and with them
        # SPEC §5's figures) stay exactly as they were before community forces were added.
        self.forces_rng = random.Random(f"community-forces-{period.start}")
        self.period = period
        self.days = period.days
        self.stations = stations
        self.police = [s for s in stations.values() if s.kind == "police_station"]
        self.weights = [BUSY.get(s.code, 1) for s in self.police]

    # -- helpers --------------------------------------------------------------------------

    def station(self):
        return self.rng.choices(self.police, self.weights)[0]

    def day(self):
        return self.rng.choice(self.days)

    def spread(self, total, n, minimum=0):
        """n whole numbers, each at least `minimum`, adding up to total."""
        parts = [minimum] * n
        for _ in range(total - minimum * n):
            parts[self.rng.randrange(n)] += 1
        return parts

    def spread_money(self, total, n):
        cents = int(total * 100)
        weights = [self.rng.uniform(0.2, 1.8) for _ in range(n)]
        parts = [int(cents * w / sum(weights)) for w in weights]
        parts[-1] += cents - sum(parts)
        return [Decimal(p) / 100 for p in parts]

    def person(self):
        return self.rng.choice(text.SURNAMES) + "".join(self.rng.sample(text.GIVEN, 2))

    # -- records --------------------------------------------------------------------------

    def police_reports(self, plan):
        others = self.rng.choices(
            list(OTHER_REPORT_CATEGORIES),
            list(OTHER_REPORT_CATEGORIES.values()),
            k=plan["effective"] - plan["criminal"] - plan["public_security"],
        )
        categories = ["criminal"] * plan["criminal"] + ["public_security"] * plan["public_security"]
        rows = [(c, True) for c in categories + others]
        rows += [(self.rng.choice(list(OTHER_REPORT_CATEGORIES)), False)] * plan["misdials"]
        return [self.report(category, effective) for category, effective in rows]

    def report(self, category, effective):
        hour = self.rng.choices(HOURS, HOUR_WEIGHTS)[0]
        when = datetime.datetime.combine(
            self.day(), datetime.time(hour, self.rng.randrange(60)), tzinfo=LOCAL_TZ
        )
        return PoliceReport(
            station=self.station(),
            received_at=when,
            category=category,
            effective=effective,
            source=self.rng.choices(["call_110", "walk_in", "online", "patrol"], [8, 1, 1, 1])[0],
            location=self.rng.choice(text.REPORT_PLACES),
            summary=text.REPORT_SUMMARIES[category] if effective else "误拨，无警情",
        )

    def cases(self, plan):
        n_tel, tel_suspects, gangs = plan["telecom_fraud"]
        n_trf, trf_suspects = plan["theft_robbery_fraud_other"]
        n_other, other_suspects = plan["other_criminal"]
        rows = [
            ("telecom_fraud", "criminal", s, g)
            for s, g in zip(
                self.spread(tel_suspects, n_tel), self.spread(gangs, n_tel), strict=True
            )
        ]
        trf = self.rng.choices(["theft", "robbery", "fraud"], [6, 1, 3], k=n_trf)
        rows += [
            (c, "criminal", s, 0)
            for c, s in zip(trf, self.spread(trf_suspects, n_trf), strict=True)
        ]
        other = self.rng.choices(["drugs", "assault", "gambling", "other"], k=n_other)
        rows += [
            (c, "criminal", s, 0)
            for c, s in zip(other, self.spread(other_suspects, n_other), strict=True)
        ]
        values = self.spread_money(plan["recovered_value"], n_tel + n_trf)
        values += [Decimal("0")] * (n_other + plan["fireworks"] + plan["administrative"])
        rows += [("fireworks", "administrative", 1, 0)] * plan["fireworks"]
        admin = self.rng.choices(["gambling", "assault", "other"], k=plan["administrative"])
        rows += [(c, "administrative", 2, 0) for c in admin]
        brigade = self.stations.get("criminal-brigade")
        return [
            Case(
                station=brigade if brigade and category == "telecom_fraud" else self.station(),
                cracked_on=self.day(),
                nature=nature,
                category=category,
                title=text.CASE_TITLES[category],
                suspects_arrested=suspects,
                gangs_smashed=gang,
                recovered_value=value,
            )
            for (category, nature, suspects, gang), value in zip(rows, values, strict=True)
        ]

    def publicity(self, materials):
        rows = []
        for n, (topic, title) in enumerate(text.PUBLICITY):
            amount = materials[n] if topic == "fire_safety" else self.rng.randint(80, 200)
            rows.append(
                PublicityActivity(
                    station=self.station(),
                    held_on=self.day(),
                    topic=topic,
                    title=title,
                    materials_distributed=amount,
                    attendees=self.rng.randint(30, 120),
                )
            )
        return rows

    def persuasions(self, behaviours):
        n = behaviours * 4 // 9
        return [
            FireworksPersuasion(
                station=self.station(),
                occurred_on=self.day(),
                location=self.rng.choice(text.REPORT_PLACES),
                behaviours=count,
            )
            for count in self.spread(behaviours, n, minimum=1)
        ]

    def events(self, count):
        rows = []
        for n, (name, location, organiser, attendance) in enumerate(text.EVENTS[:count]):
            starts_on = self.days[min(n, len(self.days) - 2)]
            ends_on = starts_on + datetime.timedelta(days=1 + n % 3)
            late = n == count - 1  # one folk event's plan came on its first day
            plan_on = starts_on + datetime.timedelta(days=1 if late else -3)
            rows.append(
                LargeEvent(
                    station=self.station(),
                    name=name,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    location=location,
                    organiser=organiser,
                    expected_attendance=attendance,
                    security_plan_issued_on=plan_on,
                    police_deployed=max(20, attendance // 300),
                )
            )
        return rows

    def patrols(self, plan):
        """Every police station patrols day and night; the patrol brigade adds joint armed
        patrols. The lower bounds keep each day above the bulletin's 200 people, 30 cars."""
        low, high = plan["station_day"]
        b_low, b_high = plan["brigade"]
        brigade = self.stations.get("patrol-brigade")
        rows = []
        for day in self.days:
            for station in self.police:
                day_people, night_people = self.rng.randint(low, high), self.rng.randint(low, high)
                rows.append(self.patrol(station, day, "day", day_people, self.rng.randint(1, 2)))
                rows.append(self.patrol(station, day, "night", night_people - 2, 1))
            if brigade is not None:
                for shift in ("day", "night"):
                    people, cars = self.rng.randint(b_low, b_high), self.rng.randint(4, 5)
                    rows.append(self.patrol(brigade, day, shift, people, cars, joint_armed=True))
        return rows

    def patrol(self, station, day, shift, personnel, vehicles, joint_armed=False):
        area_kind = self.rng.choice(list(text.PATROL_AREAS))
        return PatrolDeployment(
            station=station,
            date=day,
            shift=shift,
            mode="mixed" if vehicles else "foot",
            personnel=personnel,
            vehicles=vehicles,
            area_kind=area_kind,
            area=text.PATROL_AREAS[area_kind],
            joint_armed=joint_armed,
            # Volunteers and guards walk with the stations' patrols, not the armed ones.
            community_forces=0
            if joint_armed
            else round(personnel * self.forces_rng.uniform(0.5, 1.0)),
        )

    def tallies(self, plan):
        days = len(self.days)
        driving = self.spread(plan["vehicle_driving"], days)
        traffic = [d + extra for d, extra in zip(driving, self.spread(days * 2, days), strict=True)]
        counters = [(dept, code, day) for day in self.days for dept, code in COUNTERS]
        handled = self.spread(plan["handled"] - sum(traffic), len(counters), minimum=3)
        rows = [
            (dept, code, day, h, 0) for (dept, code, day), h in zip(counters, handled, strict=True)
        ]
        rows += [
            ("traffic", TRAFFIC_COUNTER, day, h, d)
            for day, h, d in zip(self.days, traffic, driving, strict=True)
        ]
        return [
            ServiceTally(
                station=self.stations[code],
                date=day,
                department=dept,
                handled=h,
                vehicle_driving=d,
                on_time=h - (1 if n < plan["on_time_missed"] else 0),
                praised=h - (1 if n < plan["unpraised"] else 0),
            )
            for n, (dept, code, day, h, d) in enumerate(rows)
            if code in self.stations
        ]

    def inspections(self, plan, venues):
        from .demo_fire import build_inspections

        return build_inspections(self, plan, venues)

    def disputes(self, plan):
        """Disputes with (index, fields) of their parties and follow-ups, saved after them."""
        disputes, parties, follow_ups = [], [], []
        unresolved = ["mediating", "open", "escalated", "late", "mediating"]
        for n in range(plan["registered"]):
            registered_on = self.day()
            status = "resolved" if n < plan["resolved"] else unresolved[n % len(unresolved)]
            resolved_on = None
            if status == "resolved":
                resolved_on = self.rng.choice([d for d in self.days if d >= registered_on])
            elif status == "late":  # resolved, but after the festival
                status, resolved_on = "resolved", self.period.end + datetime.timedelta(days=3)
            disputes.append(self.dispute(registered_on, status, resolved_on))
            for role in ("applicant", "respondent"):
                parties.append((n, self.party(role)))
            if resolved_on is not None:
                visit = {"visited_on": resolved_on + datetime.timedelta(days=2)}
                follow_ups.append((n, {**visit, "note": "回访双方，情绪稳定", "stable": True}))
        return disputes, parties, follow_ups

    def dispute(self, registered_on, status, resolved_on):
        category = self.rng.choices(list(text.DISPUTE_SUMMARIES), [5, 3, 5, 6, 4, 2, 3, 2])[0]
        return Dispute(
            station=self.station(),
            registered_on=registered_on,
            category=category,
            risk_level=self.rng.choices(["major", "high", "general", "minor"], [1, 4, 20, 25])[0],
            source=self.rng.choices(["visit", "police_report", "referral", "self_report"])[0],
            summary=text.DISPUTE_SUMMARIES[category],
            status=status,
            channel="people" if resolved_on else "",
            mediator=self.person() if resolved_on else "",
            resolved_on=resolved_on,
        )

    def party(self, role):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=self.rng.randrange(15000))
        return {
            "name": self.person(),
            "role": role,
            "phone": f"139{self.rng.randrange(10**8):08d}",
            "id_number": f"330106{birth:%Y%m%d}{self.rng.randrange(10000):04d}",
        }
