"""Publications (SPEC §4): frozen summaries, texts and files, whatever changes afterwards;
the bulletin draft editor (SPEC §6) with its conflict rule."""

import datetime
import hashlib
import io

import pytest

from incidents.models import PoliceReport
from reports.models import BulletinDraft, Publication, PublicationFile
from xihu.models import AuditEntry

from . import builders as b

D = datetime.date
DT = datetime.datetime

pytestmark = pytest.mark.django_db

URL = "/api/v1/festivals/spring-festival-2024"


@pytest.fixture
def festival(db):
    before = b.festival("spring-festival-2023", D(2023, 1, 21), D(2023, 1, 27))
    return b.festival(
        "spring-festival-2024", comparison=before, narrative_overview_zh="节前周密部署。"
    )


@pytest.fixture
def records(festival, station_a, station_b):
    b.report(station_a, DT(2023, 1, 22, 9))
    b.report(station_a, DT(2023, 1, 22, 10))
    kept = b.report(station_a, DT(2024, 2, 11, 9))
    b.report(station_b, DT(2024, 2, 12, 9), category="public_security")
    return kept


def publication_page(client, number, lang="zh"):
    """The publication's part of its page (the rest carries a fresh CSRF token each time)."""
    html = client.get(f"/reports/spring-festival-2024/publications/{number}/?lang={lang}")
    assert html.status_code == 200
    content = html.content.decode()
    return content[content.index('<div id="publication">') :].split("</main>")[0]


def downloads(client, number):
    out = {}
    for stored in PublicationFile.objects.filter(publication__number=number):
        url = f"/reports/spring-festival-2024/publications/{number}/{stored.lang}.{stored.kind}"
        response = client.get(url)
        assert response.status_code == 200
        out[(stored.lang, stored.kind)] = response.content
    return out


@pytest.mark.slow
def test_a_publication_never_changes(api_supervisor, client_supervisor, records, station_a):
    response = api_supervisor.post(f"{URL}/publish/")
    assert response.status_code == 201, response.content
    assert response.json()["number"] == 1
    assert response.json()["published_by"] == "supervisor"
    summary = response.json()["summary"]
    assert summary["sections"]["police_reports"]["effective"]["value"] == 2
    assert summary["sections"]["police_reports"]["effective"]["previous"] == 2
    assert "共接报有效警情2起，同比持平" in response.json()["bulletin"]["zh"]
    assert "节前周密部署。" in response.json()["bulletin"]["zh"]
    assert "西湖公安安保通报〔2024〕1号" in response.json()["bulletin"]["zh"]
    detail = api_supervisor.get(f"{URL}/publications/1/")
    assert detail.json() == response.json()
    station = api_supervisor.get(f"{URL}/publications/1/?station=beishan").json()
    assert station["summary"]["station"] == "beishan"
    assert station["summary"]["sections"]["police_reports"]["effective"]["value"] == 1
    files = downloads(client_supervisor, 1)
    assert set(files) == {("zh", "pdf"), ("en", "pdf"), ("zh", "docx"), ("en", "docx")}
    assert files[("zh", "pdf")].startswith(b"%PDF")
    page = client_supervisor.get("/reports/spring-festival-2024/").content.decode()
    assert 'data-moved="' not in page
    pages = {lang: publication_page(client_supervisor, 1, lang) for lang in ("zh", "en")}
    assert "共接报有效警情2起，同比持平" in pages["zh"]
    assert "received 2 effective police reports, unchanged year on year" in pages["en"]

    # Records added, changed and deleted in both festivals.
    b.report(station_a, DT(2024, 2, 13, 9))
    b.report(station_a, DT(2023, 1, 23, 9))
    records.category = "public_security"
    records.save()
    PoliceReport.objects.filter(received_at__year=2023).first().delete()

    assert api_supervisor.get(f"{URL}/publications/1/").content == detail.content
    assert api_supervisor.get(f"{URL}/publications/1/?station=beishan").json() == station
    assert downloads(client_supervisor, 1) == files
    assert {lang: publication_page(client_supervisor, 1, lang) for lang in ("zh", "en")} == pages
    stored = PublicationFile.objects.get(publication__number=1, lang="zh", kind="pdf")
    assert stored.sha256 == hashlib.sha256(files[("zh", "pdf")]).hexdigest()
    live = api_supervisor.get(f"{URL}/summary/").json()
    assert live["sections"]["police_reports"]["effective"]["value"] == 3

    page = client_supervisor.get("/reports/spring-festival-2024/").content.decode()
    assert 'id="publication-status"' in page
    assert 'data-moved="police_reports.effective"' in page
    assert 'data-moved="police_reports.public_security"' in page
    assert 'data-moved="police_reports.criminal"' not in page  # +1 added, −1 changed
    assert "changed_after=" in page
    assert 'data-moved="cases.cracked"' not in page
    # A station's page compares with that station's frozen summary.
    page = client_supervisor.get("/reports/spring-festival-2024/?station=xixi").content.decode()
    assert 'data-moved="police_reports.effective"' not in page

    second = api_supervisor.post(f"{URL}/publish/").json()
    assert second["number"] == 2
    assert second["summary"]["sections"]["police_reports"]["effective"]["value"] == 3
    listing = api_supervisor.get(f"{URL}/publications/").json()
    assert [p["number"] for p in listing["results"]] == [1, 2]
    assert api_supervisor.get(f"{URL}/publications/1/").content == detail.content
    assert AuditEntry.objects.filter(action="export", model="reports.PublicationFile").count() == 8


def test_who_may_publish_and_read_publications(api_a, api_supervisor, client, festival):
    assert api_a.post(f"{URL}/publish/").status_code == 403
    assert api_a.get(f"{URL}/publications/").status_code == 403
    assert api_a.get(f"{URL}/publications/1/").status_code == 403
    assert api_supervisor.get(f"{URL}/publications/").json()["results"] == []
    assert api_supervisor.get(f"{URL}/publications/1/").status_code == 404
    assert api_supervisor.get(f"{URL}/publications/99999999999/").status_code == 404
    assert api_supervisor.get("/api/v1/festivals/nope/publications/").status_code == 404
    assert client.get(f"{URL}/publications/").status_code == 401
    assert Publication.objects.count() == 0


def test_a_publication_cannot_be_changed(supervisor, festival):
    from reports.models import PublicationImmutable
    from reports.publications import publish

    publication = publish(festival=festival, by=supervisor)
    publication.bulletin_zh = "改过"
    with pytest.raises(PublicationImmutable):
        publication.save()


def test_publish_page_staff_and_files(client_a, client_supervisor, festival):
    assert client_a.post("/reports/spring-festival-2024/publish/").status_code == 403
    assert client_supervisor.get("/reports/spring-festival-2024/publish/").status_code == 405
    assert (
        client_supervisor.get("/reports/spring-festival-2024/publications/1/zh.pdf").status_code
        == 404
    )


def test_the_draft_editor(client_supervisor, client_a, supervisor, records):
    url = "/reports/spring-festival-2024/bulletin/edit/?lang=zh"
    assert client_a.get(url).status_code == 403
    page = client_supervisor.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["version"] == 0
    assert "{police_reports.effective}" in form.initial["overview"]
    assert "{fire_safety.places_inspected}" in page.content.decode()  # not mentioned: listed
    data = {key: form.initial[key] for key in form.fields if key != "version"}
    data["version"] = 0
    data["overview"] = "全区共接报有效警情{police_reports.effective}起，另有手写800起。"

    preview = client_supervisor.post(url, {**data, "preview": "1"})
    assert "全区共接报有效警情2起，另有手写800起。" in preview.content.decode()
    assert not BulletinDraft.objects.exists()

    regenerated = client_supervisor.post(url, {**data, "regenerate": "overview"})
    assert "另有手写" not in regenerated.context["form"].initial["overview"]

    saved = client_supervisor.post(url, {**data, "save": "1"})
    assert saved.status_code == 302
    draft = BulletinDraft.objects.get(lang="zh")
    assert draft.version == 1 and draft.updated_by == supervisor
    stale = client_supervisor.post(url, {**data, "save": "1"})  # still version 0
    assert stale.status_code == 200 and 'id="draft-conflict"' in stale.content.decode()
    client_supervisor.post(url, {**data, "version": 1, "overview": "第二稿{nothing}", "save": "1"})
    draft.refresh_from_db()
    assert draft.version == 2 and draft.history.count() == 2
    page = client_supervisor.get(url).content.decode()
    assert "{nothing}" in page and 'id="unknown-placeholders"' in page

    bulletin = client_supervisor.get("/reports/spring-festival-2024/bulletin/?lang=zh")
    assert "第二稿{nothing}" in bulletin.content.decode()
    # A station's bulletin is generated, not the district's draft.
    station = client_supervisor.get(
        "/reports/spring-festival-2024/bulletin/?lang=zh&station=beishan"
    )
    assert "第二稿" not in station.content.decode()


def test_bad_input_on_the_editor(client_supervisor, festival):
    url = "/reports/spring-festival-2024/bulletin/edit/?lang=zh"
    response = client_supervisor.post(url, {"version": "x" * 50, "overview": "a"})
    assert response.status_code == 200
    response = client_supervisor.post(url, {"version": "99999999999999999999"})
    assert response.status_code == 200
    assert client_supervisor.get("/reports/nope/bulletin/edit/").status_code == 404


def test_docx_layout(client_supervisor, records):
    from docx import Document
    from docx.oxml.ns import qn

    response = client_supervisor.get("/reports/spring-festival-2024/bulletin.docx?lang=zh")
    document = Document(io.BytesIO(response.content))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "杭州市公安局西湖区分局"
    assert document.paragraphs[0].runs[0].font.color.rgb == (0xC0, 0x00, 0x00)
    assert texts[1] == "（草稿）"
    assert "节前周密部署。" in texts
    fonts = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for p in document.paragraphs
        for run in p.runs
        if run._element.rPr is not None
    }
    assert {"仿宋_GB2312", "方正小标宋简体"} <= fonts
    settings = document.settings.element
    assert settings.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in footer._element.xml
    assert document.inline_shapes, "the charts are in the Word file"
    english = client_supervisor.get("/reports/spring-festival-2024/bulletin.docx?lang=en")
    text = "\n".join(
        [p.text for p in Document(io.BytesIO(english.content)).paragraphs]
        + [c.text for t in Document(io.BytesIO(english.content)).tables for c in t._cells]
    )
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_period_on_period_placeholders_and_column(client_supervisor, festival, station_a):
    from reports.placeholders import fill
    from reports.summary import festival_summary

    b.report(station_a, DT(2024, 2, 3, 9))  # the preceding 8 days: 2024-02-02..09
    b.report(station_a, DT(2024, 2, 4, 9))
    b.report(station_a, DT(2024, 2, 11, 9))
    sections = festival_summary(festival)["sections"]
    text = "{police_reports.effective}起，{police_reports.effective.preceding_change}"
    assert fill(text, sections, "zh") == "1起，环比下降50%"
    assert fill("{police_reports.effective.preceding}", sections, "en") == "2"
    page = client_supervisor.get("/reports/spring-festival-2024/").content.decode()
    assert "环比" in page or "Period on period" in page
