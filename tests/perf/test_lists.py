"""Record lists on a festival evening: fast rows, capped counts, indexed text search.

- The fast row rendering (xihu.tables.FastRowsMixin) writes exactly the HTML of
  django-tables2's own Bootstrap template, for every record list.
- Unfiltered lists count up to LIST_COUNT_CAP; filtered lists count exactly.
- The text search answers exactly what `icontains` answers; on PostgreSQL through the gram
  index (xihu.search).
"""

import datetime
import itertools
import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.urls import reverse

from disputes.tests.factories import DisputeFactory, PartyFactory
from incidents.models import PoliceReport
from incidents.tests.factories import CaseFactory, PoliceReportFactory
from inspections.tests.factories import (
    FireworksPersuasionFactory,
    HazardFactory,
    InspectionFactory,
    PublicityActivityFactory,
    VenueFactory,
)
from patrols.tests.factories import LargeEventFactory, PatrolDeploymentFactory
from services.models import ServiceTally
from services.tests.factories import ServiceTallyFactory
from xihu import views
from xihu.search import text_search

pytestmark = pytest.mark.django_db


def inspection_with_hazards(station):
    inspection = InspectionFactory(station=station)
    HazardFactory.create_batch(2, inspection=inspection)


def dispute_with_party(station):
    PartyFactory(dispute=DisputeFactory(station=station))


def service_tally(station):
    """One tally per station, date and department: a day each."""
    days = ServiceTally.objects.filter(station=station).count()
    ServiceTallyFactory(station=station, date=datetime.date(2024, 2, 10 + days))


LISTS = [
    ("incidents:policereport_list", PoliceReportFactory),
    ("incidents:case_list", CaseFactory),
    ("inspections:venue_list", VenueFactory),
    ("inspections:inspection_list", inspection_with_hazards),
    ("inspections:publicityactivity_list", PublicityActivityFactory),
    ("inspections:fireworkspersuasion_list", FireworksPersuasionFactory),
    ("disputes:dispute_list", dispute_with_party),
    ("patrols:patroldeployment_list", PatrolDeploymentFactory),
    ("patrols:largeevent_list", LargeEventFactory),
    ("services:servicetally_list", service_tally),
]


def normalised(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def render_with(template_name, table, request):
    table._counter = itertools.count()  # rows number themselves (even/odd) per rendering
    return get_template(template_name).render({"table": table}, request=request)


@pytest.mark.parametrize("url_name, make", LISTS, ids=[name for name, _ in LISTS])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_fast_rows_render_what_django_tables2_renders(
    client_supervisor, station_a, url_name, make, language
):
    for _ in range(3):
        make(station_a) if not hasattr(make, "_meta") else make(station=station_a)
    client_supervisor.cookies["django_language"] = language
    response = client_supervisor.get(reverse(url_name))
    assert response.status_code == 200
    table, request = response.context["table"], response.wsgi_request
    assert len(table.page.object_list) == 3
    ours = render_with("xihu/table.html", table, request)
    theirs = render_with("django_tables2/bootstrap5-responsive.html", table, request)
    assert normalised(ours) == normalised(theirs)
    assert normalised(ours).count("<tr ") == 3


def test_an_empty_list_says_so_like_django_tables2(client_supervisor):
    response = client_supervisor.get(reverse("incidents:policereport_list"))
    table, request = response.context["table"], response.wsgi_request
    ours = render_with("xihu/table.html", table, request)
    assert normalised(ours) == normalised(
        render_with("django_tables2/bootstrap5-responsive.html", table, request)
    )
    assert 'colspan="7"' in ours


class TestCountCap:
    @pytest.fixture
    def seven(self, station_a, monkeypatch):
        monkeypatch.setattr(views.records, "LIST_COUNT_CAP", 5)
        PoliceReportFactory.create_batch(4, station=station_a, category="traffic")
        PoliceReportFactory.create_batch(3, station=station_a, category="fire")

    def test_an_unfiltered_list_counts_up_to_the_cap(self, client_supervisor, seven):
        response = client_supervisor.get(reverse("incidents:policereport_list"))
        paginator = response.context["table"].paginator
        assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 1)
        assert len(response.context["table"].page.object_list) == 5
        assert "超过 5 条记录（筛选后显示确切条数）" in response.content.decode()

    def test_a_filtered_list_counts_exactly(self, client_supervisor, seven):
        url = reverse("incidents:policereport_list")
        for query, expected in [("?category=traffic", 4), ("?station=beishan", 7)]:
            paginator = client_supervisor.get(url + query).context["table"].paginator
            assert (paginator.count, paginator.capped) == (expected, False), query

    def test_a_text_search_alone_is_counted_up_to_the_cap(self, client_supervisor, seven):
        PoliceReport.objects.update(location="断桥")
        url = reverse("incidents:policereport_list")
        paginator = client_supervisor.get(url + "?q=断桥").context["table"].paginator
        assert (paginator.count, paginator.capped) == (5, True)
        paginator = client_supervisor.get(url + "?q=断桥&category=fire").context["table"].paginator
        assert (paginator.count, paginator.capped) == (3, False)

    def test_under_the_cap_the_count_is_exact(self, client_supervisor, station_a):
        PoliceReportFactory.create_batch(3, station=station_a)
        response = client_supervisor.get(reverse("incidents:policereport_list"))
        assert (
            response.context["table"].paginator.count,
            response.context["table"].paginator.capped,
        ) == (3, False)
        assert "共 3 条记录" in response.content.decode()


TEXTS = [
    ("断桥142号", "断桥附近报警，民警到场处置。"),
    ("西溪湿地", "西溪湿地附近报警"),
    ("北山街断", "桥头有人求助"),  # 断|桥 only across the two fields: no match for 断桥
    ("West Lake 5", "tourist lost a bag"),
    ("west lake", "ab%c and a_b"),
    ("文三路", "50% 折扣 A\\B"),
    ("", ""),
]
QUERIES = [
    "断桥",
    "断",
    "桥",
    "断桥1",
    "桥断",
    "西溪湿地",
    "溪湿",
    "WEST",
    "st L",
    "Lake 5",
    "%",
    "_",
    "ab%c",
    "a_b",
    "A\\B",
    "\\",
    "折扣",
    "5",
    "T L",
    "报警，",
    "不存在",
]


@pytest.mark.parametrize("query", QUERIES)
def test_text_search_answers_what_icontains_answers(station_a, query):
    for location, summary in TEXTS:
        PoliceReportFactory(station=station_a, location=location, summary=summary)
    from django.db.models import Q

    plain = PoliceReport.objects.filter(Q(location__icontains=query) | Q(summary__icontains=query))
    searched = text_search(PoliceReport.objects.all(), PoliceReport.search_fields, query)
    assert set(searched.values_list("pk", flat=True)) == set(plain.values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the gram index is PostgreSQL's")
@pytest.mark.parametrize("query", ["断桥", "断", "西溪湿地"])
def test_the_search_can_use_the_gram_index(station_a, query):
    PoliceReportFactory.create_batch(3, station=station_a, location="断桥")
    queryset = text_search(PoliceReport.objects.all(), PoliceReport.search_fields, query)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: make the choice plain
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "policereport_search_idx" in plan, plan
