"""Drafts and publications as named workflows (SPEC §4 "Publications", §6).

`save_draft` keeps a supervisor's texts with the usual conflict rule; `publish` freezes the
festival as it stands. Pages, the API and the admin call these; nothing else writes a
draft or a publication.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from xihu import audit
from xihu.models import Station, VersionConflict

from . import documents, drafts
from .api.serializers import summary_payload
from .bulletin import as_text
from .models import BulletinDraft, Festival, Publication, PublicationFile
from .summary import summaries_by_station


def draft_of(festival, lang):
    """The saved draft, or an unsaved one with no texts and version 0 (what an editor that
    loaded no saved draft sends back)."""
    draft = BulletinDraft.objects.filter(festival=festival, lang=lang).first()
    return draft or BulletinDraft(festival=festival, lang=lang, texts={}, version=0)


def draft_texts(festival, lang, sections, saved=None):
    """{section: text}: the saved draft's text where there is one, else generated."""
    saved = draft_of(festival, lang).texts if saved is None else saved
    generated = drafts.generate(festival, sections, lang)
    return {key: saved.get(key, generated[key]) for key in drafts.TITLES}


def save_draft(*, draft, texts, version, by):
    """Store the supervisor's texts ({section: text}); raises VersionConflict when someone
    saved the draft after `version` was loaded."""
    draft.texts = {key: texts[key] for key in drafts.TITLES if key in texts}
    # Version 0 is "no saved draft when loaded": against a saved one it is a conflict.
    draft.version = 1 if draft.pk is None else version
    try:
        with transaction.atomic():
            draft.save(by=by)
    except IntegrityError:  # another supervisor saved the first draft meanwhile
        raise VersionConflict(draft, draft_of(draft.festival, draft.lang)) from None
    return draft


def publish(*, festival, by):
    """Publication n+1 (see _publish); on SQLite, where rows cannot be locked, two
    supervisors publishing at once may pick the same number: the unique constraint refuses
    the second, which then takes the next number."""
    for attempt in range(3):
        try:
            return _publish(festival=festival, by=by)
        except IntegrityError:
            if attempt == 2:
                raise


def _publish(*, festival, by):
    """Publication n+1 of the festival: the district summary, every station's, the bulletin
    texts and files in Chinese and English, as they stand now. Atomic: all or nothing.

    The summaries come from summaries_by_station(): the district's grouped readings, each
    station's share of them equal to what festival_summary() (the API) answers for it, in a
    fixed number of queries whatever the number of stations. Without a Chinese font no PDF
    is kept (the Word files are).
    """
    with transaction.atomic():
        Festival.objects.select_for_update().filter(pk=festival.pk).first()  # one at a time
        number = (festival.publications.aggregate(n=Max("number"))["n"] or 0) + 1
        now = timezone.now()
        summary, by_station = summaries_by_station(festival, Station.objects.order_by("code"))
        stations = {station.code: summary_payload(data) for station, data in by_station.items()}
        texts, files = {}, []
        for lang in drafts.LANGS:
            parts = documents.document_parts(
                summary,
                lang,
                texts=draft_texts(festival, lang, summary["sections"]),
                as_of=now,
                number=number,
            )
            texts[lang] = as_text(parts["bulletin"])
            files.append((PublicationFile.Kind.DOCX, lang, documents.bulletin_docx(parts)))
            if documents.cjk_font() is not None:
                files.append((PublicationFile.Kind.PDF, lang, documents.bulletin_pdf(parts)))
        publication = Publication.objects.create(
            festival=festival,
            number=number,
            published_at=now,
            published_by=by,
            published_by_name=by.username,
            summary_json=json.dumps(summary_payload(summary), ensure_ascii=False),
            stations_json=json.dumps(stations, ensure_ascii=False),
            bulletin_zh=texts["zh"],
            bulletin_en=texts["en"],
        )
        for kind, lang, content in files:
            PublicationFile.objects.create(
                publication=publication,
                kind=kind,
                lang=lang,
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
            )
        audit.record("create", user=by, obj=publication, detail=f"publication {number}")
    return publication


def latest_publication(festival):
    return festival.publications.order_by("-number").first()


def moved(published_sections, live_sections):
    """{(section, figure): the published figure} for each figure whose value or comparison
    differs now; both are sections as the API answers them (JSON values). A figure added
    to the summary after publication is not "moved" (it was not published)."""
    out = {}
    for section, group in live_sections.items():
        for name, figure in group.items():
            before = (published_sections.get(section) or {}).get(name)
            if before is None:
                continue
            if before.get("value") != figure.get("value") or before.get("previous") != figure.get(
                "previous"
            ):
                out[(section, name)] = before
    return out
