"""Festival pages: list and forms, the summary page, the bulletin and its downloads."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.http import require_GET, require_POST

from xihu import audit
from xihu.models import SAVE_CLASHED, Station, VersionConflict
from xihu.roles import may_edit_festivals, own_station, sees_all_stations

from . import documents, drafts, placeholders
from .api.serializers import sections_json
from .bulletin import bulletin
from .charts import summary_charts
from .drafts import LANGS
from .forms import BulletinDraftForm, FestivalForm
from .labels import FIGURE_LABELS, SECTION_LABELS, tone
from .links import case_category_url, figure_urls
from .models import Festival, Publication, PublicationFile
from .publications import draft_of, draft_texts, latest_publication, moved, publish, save_draft
from .station_table import headers, station_table
from .summary import festival_report, festival_summary, period_of


def festival_or_404(slug):
    return get_object_or_404(Festival.objects.select_related("comparison"), slug=slug)


def chosen_station(request):
    """(station or None, error): staff always get their own; a bad code is an error."""
    mine = own_station(request.user)
    if mine is not None or not sees_all_stations(request.user):
        return mine, None
    code = request.GET.get("station", "").strip()
    if not code:
        return None, None
    station = Station.objects.filter(code=code).first()
    if station is None:
        return None, _("There is no station with the code “%(code)s”.") % {"code": code[:60]}
    return station, None


def figure_rows(sections, urls, moved=None):
    """Sections with their labelled figures, the change shown and the list link; `moved`:
    {(section, figure): the published figure} for those that moved since publication."""
    rows = []
    moved = moved or {}
    for section, group in sections.items():
        figures = []
        for name, figure in group.items():
            figures.append(
                {
                    "name": name,
                    "label": FIGURE_LABELS[section][name],
                    "figure": figure,
                    "change": figure.get("change_pct", figure.get("change_pp")),
                    "preceding_change": figure.get(
                        "preceding_change_pct", figure.get("preceding_change_pp")
                    ),
                    "tone": tone(section, name, figure.get("change_pct", figure.get("change_pp"))),
                    "preceding_tone": tone(
                        section,
                        name,
                        figure.get("preceding_change_pct", figure.get("preceding_change_pp")),
                    ),
                    "is_rate": "change_pp" in figure,
                    "url": urls[section][name],
                    "published": moved.get((section, name)),
                }
            )
        rows.append({"key": section, "label": SECTION_LABELS[section], "figures": figures})
    return rows


class FestivalList(generic.ListView):
    template_name = "reports/festival_list.html"
    queryset = Festival.objects.select_related("comparison").order_by("-starts_on")

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_edit=may_edit_festivals(self.request.user), **kwargs)


class FestivalEdit(generic.UpdateView):
    template_name = "reports/festival_form.html"
    form_class = FestivalForm
    slug_field = "slug"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_festivals(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if "slug" not in self.kwargs:
            return None  # adding
        return festival_or_404(self.kwargs["slug"])

    def form_valid(self, form):
        festival = form.save(commit=False)
        try:
            with transaction.atomic():
                festival.save(by=self.request.user)
        except VersionConflict:
            form.add_error(None, _("This festival was changed by someone else. Reload it."))
            return self.form_invalid(form)
        except IntegrityError:
            # Two festivals with one slug saved at the same moment: the form's uniqueness
            # check passed for both; the database refused the second.
            form.add_error(None, SAVE_CLASHED)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(festival)s") % {"festival": festival})
        return HttpResponseRedirect(festival.get_absolute_url())


def summary_context(request, festival):
    """The summary, its charts and tables (reports.summary.festival_report: 10 queries)."""
    station, error = chosen_station(request)
    context = {"festival": festival, "station": station, "station_error": error, "stations": []}
    if error:
        if sees_all_stations(request.user):
            context["stations"] = Station.objects.order_by("code")
        return context
    report = festival_report(festival, station)
    summary = report["summary"]
    data = report["charts"]
    publication = latest_publication(festival)
    published = publication.summary(station.code if station else None) if publication else None
    changed = moved(published["sections"], sections_json(summary["sections"])) if published else {}
    context.update(
        report=report,
        summary=summary,
        publication=publication,
        changed_after=publication.published_at.isoformat() if publication else "",
        rows=figure_rows(summary["sections"], figure_urls(festival, station), changed),
        chart_data=data,
        charts=summary_charts(data, summary["sections"], festival),
        station_query=f"?station={station.code}"
        if station and sees_all_stations(request.user)
        else "",
    )
    if sees_all_stations(request.user):
        context["stations"] = report["all_stations"]
    return context


def summary_page(request, slug):
    festival = festival_or_404(slug)
    context = summary_context(request, festival)
    if context["station_error"]:
        return render(request, "reports/summary.html", context, status=400)
    report = context["report"]
    table = station_table(
        context["station"],
        context["summary"]["sections"],
        report["stations"],
        sort=request.GET.get("sort", "station"),
        descending=request.GET.get("order") == "desc",
    )
    context["station_table"] = table
    context["station_headers"] = headers(table, request.GET.get("station", ""))
    context["may_edit"] = may_edit_festivals(request.user)
    context["completeness"] = report["completeness"]
    context["case_categories"] = [
        {**row, "url": case_category_url(row["category"], festival, context["station"])}
        for row in report["case_categories"]
    ]
    context["preceding"] = period_of(festival).preceding()
    context["days"] = period_of(festival).days
    if context["may_edit"]:
        context["publications"] = festival.publications.prefetch_related(
            Prefetch("files", PublicationFile.objects.only("id", "publication_id", "kind", "lang"))
        ).order_by("-number")
    return render(request, "reports/summary.html", context)


def bulletin_lang(request):
    lang = request.GET.get("lang") or ("en" if (get_language() or "").startswith("en") else "zh")
    return lang if lang in LANGS else "zh"


def bulletin_context(request, slug):
    festival = festival_or_404(slug)
    context = summary_context(request, festival)
    if context["station_error"]:
        return context
    lang = bulletin_lang(request)
    summary, station = context["summary"], context["station"]
    # The district's bulletin is the supervisors' draft; a station's is generated.
    texts = None if station else draft_texts(festival, lang, summary["sections"])
    context.update(documents.document_parts(summary, lang, texts=texts, data=context["chart_data"]))
    context["downloads"] = [
        (kind, code, name, download_url(kind, slug, station, code))
        for kind in ("pdf", "docx")
        for code, name in (("zh", "中文"), ("en", "English"))
    ]
    context["other_lang"] = "en" if lang == "zh" else "zh"
    context["may_edit"] = may_edit_festivals(request.user)
    return context


def download_url(kind, slug, station, lang):
    query = {"station": station.code} if station is not None else {}
    return (
        f"{reverse(f'reports:bulletin_{kind}', args=[slug])}?{urlencode({**query, 'lang': lang})}"
    )


def bulletin_page(request, slug):
    context = bulletin_context(request, slug)
    status = 400 if context["station_error"] else 200
    return render(request, "reports/bulletin.html", context, status=status)


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def bulletin_pdf(request, slug):
    context = bulletin_context(request, slug)
    if context["station_error"]:
        return render(request, "reports/bulletin.html", context, status=400)
    if documents.cjk_font() is None:
        context["font_missing"] = True
        return render(request, "reports/bulletin.html", context, status=503)
    return _bulletin_file(request, context, "pdf", documents.bulletin_pdf(context))


def bulletin_docx(request, slug):
    context = bulletin_context(request, slug)
    if context["station_error"]:
        return render(request, "reports/bulletin.html", context, status=400)
    return _bulletin_file(request, context, "docx", documents.bulletin_docx(context))


def _bulletin_file(request, context, kind, content):
    """The live bulletin as a file download, audited as an export of the figures it holds."""
    festival, lang, station = context["festival"], context["bulletin"]["lang"], context["station"]
    audit.record(
        "export",
        request=request,
        obj=festival,
        detail=f"bulletin file={kind} lang={lang} station={station.code if station else 'all'}",
    )
    return _attachment(content, CONTENT_TYPES[kind], f"{festival.slug}-{lang}.{kind}")


def supervisors_only(request):
    if not may_edit_festivals(request.user):
        raise PermissionDenied


def bulletin_edit(request, slug):
    """The district bulletin's draft in one language, section by section: save (with the
    version check), preview as it will print, or regenerate one section from the figures."""
    supervisors_only(request)
    festival = festival_or_404(slug)
    lang = bulletin_lang(request)
    summary = festival_summary(festival)
    sections = summary["sections"]
    draft = draft_of(festival, lang)
    texts = draft_texts(festival, lang, sections, saved=draft.texts)
    preview = None
    if request.method == "POST":
        form = BulletinDraftForm(request.POST, lang=lang)
        if form.is_valid():
            texts = form.texts()
            regenerate = request.POST.get("regenerate", "")
            if regenerate in drafts.TITLES:
                texts[regenerate] = drafts.generate_section(festival, regenerate, sections, lang)
                form = BulletinDraftForm(
                    initial={**texts, "version": form.cleaned_data["version"]}, lang=lang
                )
            elif "preview" in request.POST:
                preview = bulletin(summary, lang, texts=texts)
            else:
                try:
                    save_draft(
                        draft=draft,
                        texts=texts,
                        version=form.cleaned_data["version"],
                        by=request.user,
                    )
                except VersionConflict:
                    form.add_error(
                        None,
                        _("This draft was changed by someone else after you opened it. Reload it."),
                    )
                else:
                    messages.success(request, _("The bulletin draft is saved."))
                    return HttpResponseRedirect(f"{request.path}?lang={lang}")
    else:
        form = BulletinDraftForm(initial={**texts, "version": draft.version}, lang=lang)
    with translation.override("zh-hans" if lang == "zh" else "en"):
        unmentioned = [
            (f"{{{section}.{name}}}", str(FIGURE_LABELS.get(section, {}).get(name, name)))
            for section, name in drafts.unmentioned(texts, sections)
        ]
    unknown = [u for text in texts.values() for u in placeholders.unknown(text, sections)]
    context = {
        "festival": festival,
        "lang": lang,
        "form": form,
        "draft": draft,
        "preview": preview,
        "unmentioned": unmentioned,
        "unknown": unknown,
        "other_lang": "en" if lang == "zh" else "zh",
    }
    return render(request, "reports/bulletin_edit.html", context)


@require_POST
def publish_page(request, slug):
    supervisors_only(request)
    festival = festival_or_404(slug)
    publication = publish(festival=festival, by=request.user)
    messages.success(
        request, _("Publication %(number)s is made and frozen.") % {"number": publication.number}
    )
    return HttpResponseRedirect(festival.get_absolute_url())


@require_GET
def publication_page(request, slug, number):
    """A publication as it was made: its bulletin text and its district figures, read from
    what was stored (never recomputed), with its files."""
    supervisors_only(request)
    publication = get_object_or_404(
        Publication.objects.select_related("festival").prefetch_related(
            Prefetch("files", PublicationFile.objects.only("id", "publication_id", "kind", "lang"))
        ),
        festival__slug=slug,
        number=number,
    )
    lang = bulletin_lang(request)
    text = publication.bulletin_zh if lang == "zh" else publication.bulletin_en
    sections = publication.summary()["sections"]
    rows = [
        {
            "key": section,
            "label": SECTION_LABELS.get(section, section),
            "figures": [
                (name, FIGURE_LABELS.get(section, {}).get(name, name), figure)
                for name, figure in group.items()
            ],
        }
        for section, group in sections.items()
    ]
    context = {
        "festival": publication.festival,
        "publication": publication,
        "lines": text.splitlines(),
        "lang": lang,
        "other_lang": "en" if lang == "zh" else "zh",
        "rows": rows,
    }
    return render(request, "reports/publication.html", context)


@require_GET
def publication_file(request, slug, number, lang, kind):
    """A published file, served byte for byte as stored; audited as an export."""
    supervisors_only(request)
    stored = get_object_or_404(
        PublicationFile.objects.select_related("publication__festival"),
        publication__festival__slug=slug,
        publication__number=number,
        lang=lang,
        kind=kind,
    )
    audit.record(
        "export",
        request=request,
        obj=stored,
        detail=f"publication={number} file={stored.filename} sha256={stored.sha256}",
    )
    return _attachment(bytes(stored.content), CONTENT_TYPES[kind], stored.filename)
