"""Festival pages: list and forms, the summary page, the bulletin and its downloads."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import generic

from xihu.models import Station, VersionConflict
from xihu.roles import may_edit_festivals, own_station, sees_all_stations

from . import documents
from .bulletin import bulletin
from .charts import summary_charts
from .forms import FestivalForm
from .labels import FIGURE_LABELS, SECTION_LABELS, STATION_COLUMNS
from .links import case_category_url, figure_urls
from .models import Festival
from .summary import festival_report, period_of


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


def figure_rows(sections, urls):
    """Sections with their labelled figures, the change shown and the list link."""
    rows = []
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
                    "is_rate": "change_pp" in figure,
                    "url": urls[section][name],
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
    context.update(
        report=report,
        summary=summary,
        rows=figure_rows(summary["sections"], figure_urls(festival, station)),
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
    context["columns"] = [(s, n, FIGURE_LABELS[s][n]) for s, n in STATION_COLUMNS]
    context["station_rows"] = [
        (s, [sections[key][name]["value"] for key, name in STATION_COLUMNS])
        for s, sections in report["stations"]
    ]
    context["may_edit"] = may_edit_festivals(request.user)
    context["completeness"] = report["completeness"]
    context["case_categories"] = [
        {**row, "url": case_category_url(row["category"], festival, context["station"])}
        for row in report["case_categories"]
    ]
    context["preceding"] = period_of(festival).preceding()
    context["days"] = period_of(festival).days
    return render(request, "reports/summary.html", context)


def bulletin_context(request, slug):
    festival = festival_or_404(slug)
    context = summary_context(request, festival)
    if context["station_error"]:
        return context
    lang = request.GET.get("lang") or ("en" if (get_language() or "").startswith("en") else "zh")
    lang = lang if lang in ("zh", "en") else "zh"
    context["bulletin"] = bulletin(context["summary"], lang)
    with translation.override("zh-hans" if lang == "zh" else "en"):  # charts speak its language
        context["charts"] = summary_charts(
            context["chart_data"], context["summary"]["sections"], festival
        )
    context["table_headers"] = (
        ("主要数据", "项目", "本期", "上期", "同比")
        if lang == "zh"
        else ("Figures", "Figure", "This festival", "Comparison", "Change")
    )
    station = context["station"]
    context["downloads"] = [
        (kind, code, name, download_url(kind, slug, station, code))
        for kind in ("pdf", "docx")
        for code, name in (("zh", "中文"), ("en", "English"))
    ]
    context["other_lang"] = "en" if lang == "zh" else "zh"
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


def _attachment(content, content_type, festival, lang, ext):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{festival.slug}-{lang}.{ext}"'
    return response


def bulletin_pdf(request, slug):
    context = bulletin_context(request, slug)
    if context["station_error"]:
        return render(request, "reports/bulletin.html", context, status=400)
    if documents.cjk_font() is None:
        context["font_missing"] = True
        return render(request, "reports/bulletin.html", context, status=503)
    pdf = documents.bulletin_pdf(context)
    return _attachment(
        pdf, "application/pdf", context["festival"], context["bulletin"]["lang"], "pdf"
    )


def bulletin_docx(request, slug):
    context = bulletin_context(request, slug)
    if context["station_error"]:
        return render(request, "reports/bulletin.html", context, status=400)
    content = documents.bulletin_docx(context)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _attachment(content, docx_type, context["festival"], context["bulletin"]["lang"], "docx")
