"""The summary page, the bulletin and its downloads, the festival forms."""

import datetime
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.models import PoliceReport
from reports.models import Festival
from xihu.models import LOCAL_TZ

from . import builders as b

D = datetime.date
DT = datetime.datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(db):
    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    return b.festival("spring-festival-2024", comparison=before)


def test_summary_page_shows_figures_changes_and_links(client_supervisor, festival, station_a):
    b.report(station_a, DT(2023, 1, 22, 9))
    b.report(station_a, DT(2023, 1, 22, 10))
    b.report(station_a, DT(2024, 2, 11, 9), category="public_security")
    response = client_supervisor.get("/reports/spring-festival-2024/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "-50.0%" in html
    assert (
        "/incidents/police-reports/?date_after=2024-02-10&amp;date_before=2024-02-17"
        "&amp;effective=true" in html
    )
    assert "<svg" in html and "<script" not in html.split("</main>")[0]
    response = client_supervisor.get("/reports/spring-festival-2024/?station=beishan")
    assert "station=beishan" in response.content.decode()


def test_staff_always_see_their_own_station(client_a, festival, station_a, station_b):
    b.report(station_b, DT(2024, 2, 11, 9))
    response = client_a.get("/reports/spring-festival-2024/?station=xixi")
    assert response.status_code == 200
    assert response.context["station"] == station_a
    assert response.context["summary"]["sections"]["police_reports"]["effective"]["value"] == 0
    assert "西溪派出所" not in response.content.decode()


def test_bad_input_on_the_pages(client_supervisor, festival, client):
    response = client_supervisor.get("/reports/spring-festival-2024/?station=nowhere")
    assert response.status_code == 400
    assert "nowhere" in response.content.decode()
    assert client_supervisor.get("/reports/no-such/").status_code == 404
    assert client_supervisor.get("/reports/no-such/bulletin.pdf").status_code == 404
    assert client.get("/reports/spring-festival-2024/").status_code == 302  # to the login


def test_bulletin_in_both_languages_and_downloads(client_supervisor, festival, station_a):
    b.report(station_a, DT(2024, 2, 11, 9))
    english = client_supervisor.get("/reports/spring-festival-2024/bulletin/?lang=en")
    assert "received 1 effective police report;" in english.content.decode()
    chinese = client_supervisor.get("/reports/spring-festival-2024/bulletin/?lang=zh")
    assert "共接报有效警情1起" in chinese.content.decode()
    docx = client_supervisor.get("/reports/spring-festival-2024/bulletin.docx?lang=zh")
    assert docx.status_code == 200
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "多层次推进安保" not in text  # no narrative, no figures: the section is left out
    assert "共接报有效警情1起" in text


@pytest.mark.slow
def test_pdf_has_the_text(client_supervisor, festival, station_a):
    from pypdf import PdfReader

    b.report(station_a, DT(2024, 2, 11, 9))
    pdf = client_supervisor.get("/reports/spring-festival-2024/bulletin.pdf?lang=zh")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "共接报有效警情1起" in text


def test_pdf_without_a_chinese_font_says_so(client_supervisor, festival, monkeypatch):
    from reports import documents

    monkeypatch.setattr(documents, "cjk_font", lambda: None)
    response = client_supervisor.get("/reports/spring-festival-2024/bulletin.pdf")
    assert response.status_code == 503
    assert "fonts-noto-cjk" in response.content.decode()


def test_festival_forms(client_supervisor, client_a, festival):
    assert client_a.get("/reports/spring-festival-2024/edit/").status_code == 403
    assert client_a.get("/reports/").status_code == 200
    data = {
        "slug": "spring-festival-2024",
        "name_zh": "2024年春节",
        "name_en": "Spring Festival 2024",
        "starts_on": "2024-02-10",
        "ends_on": "2024-02-17",
        "comparison": festival.comparison.pk,
        "narrative_overview_zh": "平稳。",
        "version": 1,
    }
    response = client_supervisor.post("/reports/spring-festival-2024/edit/", data)
    assert response.status_code == 302, response.context["form"].errors
    festival.refresh_from_db()
    assert (festival.narrative_overview_zh, festival.version) == ("平稳。", 2)
    stale = client_supervisor.post("/reports/spring-festival-2024/edit/", data)
    assert stale.status_code == 200 and stale.context["form"].errors
    data.update(slug="lantern-2024", ends_on="2024-02-01", comparison="")
    data.pop("version")
    bad = client_supervisor.post("/reports/add/", data)
    assert "ends_on" in bad.context["form"].errors
    data["ends_on"] = "2024-02-24"
    assert client_supervisor.post("/reports/add/", data).status_code == 302
    assert Festival.objects.get(slug="lantern-2024").history.count() == 1


def _reports(station, n):
    rng = random.Random(n)
    PoliceReport.objects.bulk_create(
        PoliceReport(
            station=station,
            received_at=DT(2024, 2, 10 + rng.randrange(8), rng.randrange(24), tzinfo=LOCAL_TZ),
            category=rng.choice(["criminal", "public_security", "traffic"]),
        )
        for _ in range(n)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", ["/reports/spring-festival-2024/", "/api/v1/festivals/spring-festival-2024/summary/"]
)
def test_same_number_of_queries_for_10_and_1000_records(
    client_supervisor, festival, station_a, station_b, url
):
    b.patrol(station_a, D(2024, 2, 10))
    b.tally(station_b, D(2024, 2, 12), handled=3)
    _reports(station_a, 5)
    _reports(station_b, 5)
    small = _queries(client_supervisor, url)
    _reports(station_a, 500)
    _reports(station_b, 490)
    assert _queries(client_supervisor, url) == small


def test_an_empty_festival_without_comparison(client_supervisor, db):
    b.festival("quiet", D(2025, 1, 1), D(2025, 1, 1))
    page = client_supervisor.get("/reports/quiet/")
    assert page.status_code == 200
    bulletin = client_supervisor.get("/reports/quiet/bulletin/?lang=zh").content.decode()
    body = bulletin.split("bulletin-charts")[0]
    assert "化解率" not in body and "—" not in body and "同比" not in body
    english = client_supervisor.get("/reports/quiet/bulletin/?lang=en").content.decode()
    assert "resolution rate" not in english and "1 January 1" not in english
    assert client_supervisor.get("/reports/quiet/bulletin.docx?lang=en").status_code == 200
    assert client_supervisor.get("/reports/quiet/bulletin/?lang=xx").status_code == 200
