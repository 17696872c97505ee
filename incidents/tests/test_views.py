"""Station pages: scoping, filters, forms, export and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ..models import Case, PoliceReport
from .factories import CaseFactory, PoliceReportFactory

PAGES = [("policereport", PoliceReportFactory), ("case", CaseFactory)]


def url(model, action, *args, **kwargs):
    return reverse(f"incidents:{model}_{action}", args=args, kwargs=kwargs)


@pytest.mark.django_db
class TestScoping:
    @pytest.mark.parametrize("model, factory", PAGES)
    def test_other_stations_records_are_404(self, client_a, station_b, model, factory):
        record = factory(station=station_b)
        for action in ("detail", "edit", "delete"):
            assert client_a.get(url(model, action, record.pk)).status_code == 404, action
        assert client_a.post(url(model, "edit", record.pk), {}).status_code == 404

    @pytest.mark.parametrize("model, factory", PAGES)
    def test_export_holds_only_own_station(self, client_a, station_a, station_b, model, factory):
        mine = factory(station=station_a)
        theirs = factory(station=station_b)
        for fmt in ("csv", "xlsx"):
            response = client_a.get(url(model, "export", fmt=fmt))
            assert response.status_code == 200
        body = client_a.get(url(model, "export", fmt="csv")).content.decode("utf-8-sig")
        ids = [line.split(",")[0] for line in body.splitlines()[1:]]
        assert ids == [str(mine.pk)] and str(theirs.pk) not in ids

    def test_staff_filter_by_other_station_shows_nothing_of_it(self, client_a, station_b):
        PoliceReportFactory(station=station_b, location="西溪湿地")
        response = client_a.get(url("policereport", "list"), {"station": "xixi"})
        assert "西溪湿地" not in response.content.decode()

    def test_anonymous_sees_nothing(self, client, station_a):
        record = PoliceReportFactory(station=station_a)
        for target in (url("policereport", "list"), url("policereport", "detail", record.pk)):
            assert client.get(target).status_code == 302


@pytest.mark.django_db
class TestListFilters:
    def test_filters_combine(self, client_supervisor, station_a, station_b):
        tz = timezone.get_current_timezone()
        day = datetime.datetime(2024, 2, 10, 12, tzinfo=tz)
        PoliceReportFactory(station=station_a, received_at=day, category="fire", location="甲")
        PoliceReportFactory(station=station_a, received_at=day, category="traffic", location="乙")
        PoliceReportFactory(station=station_b, received_at=day, category="fire", location="丙")
        PoliceReportFactory(
            station=station_a, received_at=day, category="fire", effective=False, location="丁"
        )
        PoliceReportFactory(
            station=station_a, received_at=day + datetime.timedelta(days=3), location="戊"
        )
        query = {
            "station": "beishan",
            "category": "fire",
            "effective": "true",
            "date_after": "2024-02-10",
            "date_before": "2024-02-10",
        }
        response = client_supervisor.get(url("policereport", "list"), query)
        rows = [r.location for r in response.context["table"].page.object_list.data]
        assert rows == ["甲"]
        found = client_supervisor.get(url("policereport", "list"), {"q": "丙"})
        assert [r.location for r in found.context["table"].page.object_list.data] == ["丙"]

    def test_case_filters_and_sorting(self, client_a, station_a):
        CaseFactory(
            station=station_a, nature="administrative", category="gambling", title="聚众赌博案"
        )
        CaseFactory(station=station_a, nature="criminal", category="theft", title="盗窃甲")
        CaseFactory(station=station_a, nature="criminal", category="theft", title="盗窃乙")
        response = client_a.get(
            url("case", "list"), {"nature": "criminal", "category": "theft", "sort": "title"}
        )
        titles = [c.title for c in response.context["table"].page.object_list.data]
        assert titles == sorted(titles) and len(titles) == 2
        assert "聚众赌博案" not in response.content.decode()

    @pytest.mark.parametrize(
        "query",
        [{"date_after": "2024-13-45"}, {"category": "arson"}, {"effective": "x"}],
    )
    def test_malformed_filters_are_errors_naming_the_filter(self, client_a, query):
        ((name, value),) = query.items()
        page = client_a.get(url("policereport", "list"), query)
        assert page.status_code == 400
        assert page.context["filter"].errors[name]
        export = client_a.get(url("policereport", "export", fmt="csv"), query)
        assert export.status_code == 400 and export.content.decode().startswith(f"{name}: ")


# session, user, count, rows with their station, station choices or the staff's station for
# the menu: none of them per row, and no session write (renewed at most once a minute).
PAGE_QUERIES = 5


@pytest.mark.django_db
class TestQueryCounts:
    @pytest.mark.parametrize("model, factory", PAGES)
    @pytest.mark.parametrize("who", ["client_a", "client_supervisor"])
    def test_list_is_fixed(
        self, request, station_a, station_b, django_assert_num_queries, model, factory, who
    ):
        client = request.getfixturevalue(who)
        for total in (5, 50):
            factory.create_batch(total - factory._meta.model.objects.count(), station=station_a)
            client.get(url(model, "list"))  # warm-up
            with django_assert_num_queries(PAGE_QUERIES):
                response = client.get(url(model, "list"))
            assert len(response.context["table"].page.object_list) == total

    @pytest.mark.parametrize("model, factory", PAGES)
    def test_detail_is_fixed(
        self, client_a, staff_a, station_a, django_assert_num_queries, model, factory
    ):
        client_a.get(url(model, "list"))
        for edits in (5, 50):
            record = factory(station=station_a, created_by=staff_a)
            for _ in range(edits):
                record.save(by=staff_a)
            with django_assert_num_queries(PAGE_QUERIES):
                response = client_a.get(url(model, "detail", record.pk))
            assert len(response.context["history"]) == min(edits + 1, 50)


@pytest.mark.django_db
class TestForms:
    def test_police_report_form_defaults(self, client_a):
        form = client_a.get(url("policereport", "add")).context["form"]
        assert "station" not in form.fields  # staff record for their own station
        received = form.fields["received_at"].initial
        assert abs((timezone.now() - received).total_seconds()) < 120
        assert form["effective"].value() is True
        assert form["source"].value() == "call_110"

    def test_supervisor_chooses_a_station(self, client_supervisor, station_a):
        form = client_supervisor.get(url("policereport", "add")).context["form"]
        assert "station" in form.fields

    def test_case_form_defaults(self, client_a):
        form = client_a.get(url("case", "add")).context["form"]
        assert form.fields["cracked_on"].initial == timezone.localdate()
        assert form["nature"].value() == "criminal"

    def test_save_and_add_another(self, client_a, station_a):
        data = {"received_at": "2024-02-10T10:00", "category": "fire", "source": "call_110"}
        response = client_a.post(url("policereport", "add"), {**data, "_addanother": "1"})
        assert response.status_code == 302 and response["Location"] == url("policereport", "add")
        report = PoliceReport.objects.get()
        assert report.effective is False  # an unticked checkbox is a deliberate "no"
        assert report.station == station_a

    @pytest.mark.parametrize(
        "field, value, message",
        [
            ("suspects_arrested", "-1", "大于或等于"),
            ("suspects_arrested", "99999999", "小于或等于"),
            ("recovered_value", "1.234", "小数不超过 2 位"),
            ("recovered_value", "123456789012345", "不超过 12 个数字"),
            ("category", "arson", "不是可选值之一"),
            ("cracked_on", "2024-02-31", "有效的日期"),
        ],
    )
    def test_case_errors_per_field_in_chinese(self, client_a, field, value, message):
        data = {
            "cracked_on": "2024-02-10",
            "nature": "criminal",
            "category": "theft",
            "title": "盗窃案",
            "suspects_arrested": "1",
            "gangs_smashed": "0",
            "recovered_value": "100.00",
            field: value,
        }
        response = client_a.post(url("case", "add"), data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == [field]
        assert message in " ".join(errors[field]), errors[field]
        assert not Case.objects.exists()

    def test_malformed_datetime(self, client_a):
        response = client_a.post(
            url("policereport", "add"),
            {"received_at": "yesterday-ish", "category": "fire", "source": "call_110"},
        )
        assert list(response.context["form"].errors) == ["received_at"]


@pytest.mark.django_db
def test_export_neutralises_formulas(client_a, station_a):
    for text in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)"):
        PoliceReportFactory(station=station_a, location=text)
    body = client_a.get(url("policereport", "export", fmt="csv")).content.decode("utf-8-sig")
    for text in ("=HYPERLINK(1)", "+1", "-1", "@SUM(A1)"):
        assert f"'{text}" in body
        assert f",{text}," not in body
    import io

    import openpyxl

    xlsx = client_a.get(url("policereport", "export", fmt="xlsx")).content
    cells = [c.value for row in openpyxl.load_workbook(io.BytesIO(xlsx)).active for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells


@pytest.mark.django_db
def test_the_footer_sums_money_to_cents(client_a, station_a):
    """SPEC §2: money has 2 places; SQLite's SUM of decimals came back as 112680.000000000."""
    for value in ("0.10", "0.20", "11000.01"):
        CaseFactory(station=station_a, recovered_value=Decimal(value))
    page = client_a.get("/incidents/cases/", {"nature": "criminal"}).content.decode()
    assert 'data-total="sum-recovered_value" data-value="11000.31"' in page
    assert "11000.31<" in page.replace(",", "")
