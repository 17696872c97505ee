"""Every figure opens exactly the records behind it (issue 17, SPEC §4).

For each figure of SPEC §3 on the summary page (the element `data-figure="section.figure"`),
the test follows the element's first link, as an outside check would, and compares what
the opened page shows with the figure: the list's record count, its distinct count of
venues or its footer's sum, or (rates, minimums, averages) the figure computed on the page
it was taken from. On the demo data and on a random data set; for the district and for two
stations.
"""

import datetime
import html
import random
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from reports.links import FIGURE_LISTS
from reports.summary import SECTIONS, festival_summary
from xihu.tests.factories import StationFactory

from . import builders as b

D = datetime.date
DT = datetime.datetime

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _first_link(page, section, name):
    row = re.search(rf'data-figure="{section}\.{name}"[^>]*>(.*?)</tr>', page, re.S)
    assert row, f"no element for {section}.{name}"
    return html.unescape(re.search(r'<a href="([^"]+)"', row.group(1)).group(1))


def _attribute(page, pattern):
    found = re.search(pattern, page)
    return None if found is None else found.group(1)


def shown(client, section, name, url, sections):
    """What the page that `url` opens says the figure is."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    assert f'data-figure="{section}.{name}"' in page, "the list names the figure it counts"
    kind, *arg = FIGURE_LISTS[(section, name)].measure
    if kind in ("count", "count_of"):
        return int(_attribute(page, r'id="record-count" data-count="(\d+)"'))
    if kind == "distinct":
        return int(_attribute(page, rf'data-total="distinct-{arg[0]}" data-value="(\d+)"'))
    if kind == "sum":
        return Decimal(_attribute(page, rf'data-total="sum-{arg[0]}" data-value="([\d.]+)"'))
    computed = response.context.get("figures") or response.context.get("total")
    return computed[name]


def expected(section, name, sections):
    kind, *arg = FIGURE_LISTS[(section, name)].measure
    figure = arg[0] if kind == "count_of" else name
    return sections[section][figure]["value"]


def walk(client, festival, station=None):
    """[(figure, summary's value, the opened page's)] for every figure that disagrees."""
    query = f"?station={station.code}" if station else ""
    page = client.get(f"/reports/{festival.slug}/{query}").content.decode()
    sections = festival_summary(festival, station)["sections"]
    wrong = []
    for section, names in SECTIONS.items():
        for name in names:
            url = _first_link(page, section, name)
            value, on_page = expected(section, name, sections), None
            on_page = shown(client, section, name, url, sections)
            same = (value is None and on_page is None) or (
                value is not None and on_page is not None and Decimal(value) == Decimal(on_page)
            )
            if not same:
                wrong.append((f"{section}.{name}", value, on_page, url))
    return wrong


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from reports.models import Festival

    return Festival.objects.select_related("comparison").get(slug="spring-festival-2024")


@pytest.mark.parametrize("scope", [None, "beishan", "lingyin"])
def test_every_figure_of_the_demo_opens_its_records(demo, client_supervisor, scope):
    from xihu.models import Station

    station = Station.objects.get(code=scope) if scope else None
    assert walk(client_supervisor, demo, station) == []


def random_records(rng, stations, start, end):
    """A few hundred records of every kind around the festival, edge cases included: local
    midnights, events across its first and last day, late resolutions and rectifications."""
    days = (end - start).days
    around = [start + datetime.timedelta(days=n) for n in range(-10, days + 4)]

    def day():
        return rng.choice(around)

    def station():
        return rng.choice(stations)

    categories = ["criminal", "public_security", "traffic", "fire", "dispute", "assistance"]
    for _ in range(150):
        when = DT.combine(day(), datetime.time(rng.choice([0, 0, 8, 23]), rng.choice([0, 59])))
        b.report(station(), when, rng.choice(categories), effective=rng.random() < 0.9)
    case_categories = ["theft", "robbery", "fraud", "telecom_fraud", "fireworks", "drugs"]
    for _ in range(60):
        b.case(
            station(),
            day(),
            rng.choice(case_categories),
            nature=rng.choice(["criminal", "criminal", "administrative"]),
            suspects_arrested=rng.randrange(4),
            gangs_smashed=rng.randrange(3),
            recovered_value=Decimal(rng.randrange(100000)) / 100,
        )
    kinds = ["shop", "hotel", "restaurant", "internet_cafe", "explosives", "fireworks"]
    venues = [b.venue(s, rng.choice(kinds), name=f"场所{n}") for n, s in enumerate(stations * 8)]
    for n in range(70):
        on = day()
        hazards = []
        for _ in range(rng.randrange(4)):
            disposition = rng.choice(["on_spot", "time_limited", "suspension"])
            later = on + datetime.timedelta(days=rng.randrange(12))
            fixed = on if disposition == "on_spot" else rng.choice([None, later])
            hazards.append((disposition, fixed))
        needs_notice = any(d == "time_limited" for d, _fixed in hazards) or rng.random() < 0.2
        b.inspection(rng.choice(venues), on, hazards, notice=f"N{n}" if needs_notice else "")
    for _ in range(15):
        b.publicity(station(), day(), rng.choice(["fire_safety", "anti_fraud"]), rng.randrange(300))
        b.persuasion(station(), day(), rng.randrange(1, 6))
    for _ in range(15):
        first = day()
        last = first + datetime.timedelta(days=rng.randrange(4))
        plan = rng.choice([None, first - datetime.timedelta(days=3), first, last])
        b.event(station(), first, last, plan, rng.randrange(50000), rng.randrange(300))
    for _ in range(60):
        on = day()
        resolved = rng.choice([None, on, on + datetime.timedelta(days=rng.randrange(10))])
        b.dispute(station(), on, resolved_on=resolved)
    for s in stations:
        for on in around:
            if rng.random() < 0.8:
                b.patrol(s, on, rng.randrange(1, 30), rng.randrange(5), "day", rng.randrange(20))
            if rng.random() < 0.5:
                b.patrol(s, on, rng.randrange(1, 30), rng.randrange(5), "night", rng.randrange(9))
            if rng.random() < 0.7:
                handled = rng.randrange(40)
                b.tally(
                    s,
                    on,
                    handled,
                    rng.randrange(handled + 1),
                    rng.randrange(handled + 1),
                    rng.randrange(handled + 1),
                )


@pytest.fixture
def random_festival(db):
    stations = [
        StationFactory(code=code, name_zh=code, name_en=code)
        for code in ("beishan", "xixi", "lingyin")
    ]
    rng = random.Random(17)
    before = b.festival("random-2023", D(2023, 1, 21), D(2023, 1, 27))
    festival = b.festival("random-2024", comparison=before)
    random_records(rng, stations, before.starts_on, before.ends_on)
    random_records(rng, stations, festival.starts_on, festival.ends_on)
    return festival


@pytest.mark.parametrize("scope", [None, "beishan", "xixi"])
def test_every_figure_of_random_records_opens_its_records(
    random_festival, client_supervisor, scope
):
    from xihu.models import Station

    station = Station.objects.get(code=scope) if scope else None
    assert walk(client_supervisor, random_festival, station) == []
    # The data set is not degenerate: every kind of figure has something to count.
    sections = festival_summary(random_festival, station)["sections"]
    for name in ("hazards_found", "suspended", "notices_issued"):
        assert sections["fire_safety"][name]["value"] > 0, name
    assert sections["events"]["attendance"]["value"] > 0
    assert sections["patrols"]["community_forces_total"]["value"] > 0


def test_a_link_never_drops_a_filter(monkeypatch):
    """A filter the list does not offer is an error, not a wider list."""
    from django.core.exceptions import ImproperlyConfigured

    from reports import links

    bad = links.FigureList("incidents:case_list", {"no_such_filter": "1"})
    festival = b.festival("sf")
    with pytest.raises(ImproperlyConfigured):
        links.list_url(bad, festival)


def test_the_list_says_what_the_figure_counts(client_supervisor, db):
    festival = b.festival("sf")
    from reports.links import figure_url

    url = figure_url("cases", "theft_robbery_fraud", festival)
    page = client_supervisor.get(url).content.decode()
    assert "盗窃、抢劫抢夺、诈骗（含电诈）刑事案件" in page
    assert 'id="figure-definition"' in page
