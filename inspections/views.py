from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_tables2 import SingleTableView

from xihu.imports import RecordImport
from xihu.models import Station, VersionConflict
from xihu.roles import sees_all_stations
from xihu.views import RecordPages
from xihu.views.records import (
    RecordCreateView,
    RecordDeleteView,
    RecordDetailView,
    RecordListView,
    RecordMixin,
    replace_view,
)

from .filtersets import (
    FireworksPersuasionFilterSet,
    HazardFilterSet,
    InspectionFilterSet,
    PublicityActivityFilterSet,
    VenueFilterSet,
)
from .forms import (
    FireworksPersuasionForm,
    HazardFormSet,
    InspectionForm,
    PublicityActivityForm,
    ReinspectionForm,
    VenueForm,
    apply_hazard_rules,
)
from .models import FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue
from .tables import (
    FireworksPersuasionTable,
    HazardTable,
    InspectionTable,
    OverdueHazardTable,
    PublicityActivityTable,
    VenueTable,
)
from .workflows import record_reinspection, settle_on_spot


class VenueDetailView(RecordDetailView):
    """The venue with its inspections, newest first, and its open hazards."""

    template_name = "inspections/venue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        inspections = list(
            self.object.inspections.prefetch_related("hazards").order_by("-inspected_on", "-pk")
        )
        open_hazards = []
        for inspection in inspections:
            still_open = [h for h in inspection.hazards.all() if h.rectified_on is None]
            inspection.open_count = len(still_open)
            open_hazards.extend((inspection, hazard) for hazard in still_open)
        context["inspections"] = inspections
        context["open_hazards"] = open_hazards
        context["add_inspection_url"] = InspectionPages.url("add") + f"?venue={self.object.pk}"
        return context


class VenueDeleteView(RecordDeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request, _("This venue has inspections on record; it cannot be deleted.")
            )
            return HttpResponseRedirect(self.object.get_absolute_url())


class VenuePages(RecordPages):
    model = Venue
    url_prefix = "venues"
    filterset_class = VenueFilterSet
    table_class = VenueTable
    form_class = VenueForm
    export_fields = ("id", "station", "name", "address", "kind", "contact_name", "contact_phone")

    @classmethod
    def ordering(cls):
        return ("name", "pk")

    @classmethod
    def urls(cls):
        patterns = replace_view(super().urls(), "venue_detail", VenueDetailView.as_view(pages=cls))
        return replace_view(patterns, "venue_delete", VenueDeleteView.as_view(pages=cls))


class VenueImport(RecordImport):
    """A station's register of venues, columns named as in SPEC §2."""

    pages = VenuePages
    fields = ("name", "address", "kind", "contact_name", "contact_phone")


class InspectionDetailView(RecordDetailView):
    template_name = "inspections/inspection_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hazards = list(self.object.hazards.all())  # prefetched by the pages' queryset
        context["hazards"] = hazards
        context["today"] = timezone.localdate()
        if any(h.rectified_on is None for h in hazards):
            context["reinspect_url"] = InspectionPages.url("reinspect", self.object.pk)
        return context


class InspectionCreateView(RecordCreateView):
    def get_initial(self):
        # "Record an inspection" on a venue's page names the venue.
        initial = super().get_initial()
        if self.request.GET.get("venue", "").isdigit():
            initial["venue"] = self.request.GET["venue"]
        return initial


class ReinspectionView(RecordMixin, FormView):
    """Record a re-inspection through workflows.record_reinspection."""

    template_name = "inspections/reinspection_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return ReinspectionForm(**self.get_form_kwargs(), inspection=self.object)

    def get_context_data(self, **kwargs):
        # FormView does not put the inspection in the context: the heading, the date and
        # the cancel link name it.
        kwargs.setdefault("object", self.object)
        return super().get_context_data(**kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            record_reinspection(
                inspection=self.object,
                reinspected_on=data["reinspected_on"],
                hazards=list(data["hazards"]),
                by=self.request.user,
                version=data["version"],
            )
        except VersionConflict:
            form.add_error(None, _("This record was changed by someone else while you saved."))
            return self.form_invalid(form)
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Re-inspection recorded: %(record)s") % {"record": self.object}
        )
        return HttpResponseRedirect(self.object.get_absolute_url())


class InspectionPages(RecordPages):
    model = Inspection
    url_prefix = "inspections"
    list_distinct = {"venues": (gettext_lazy("distinct venues"), "venue")}
    filterset_class = InspectionFilterSet
    table_class = InspectionTable
    form_class = InspectionForm
    formsets = {"hazards": HazardFormSet}
    list_select_related = ("station", "venue")
    list_prefetch_related = ("hazards",)
    export_fields = (
        "id",
        "station",
        "venue",
        "inspected_on",
        "inspectors",
        "notes",
        "notice_number",
        "notice_deadline",
        "reinspected_on",
    )

    @classmethod
    def export_headers(cls):
        return [*cls.export_columns(), "venue_name", "venue_kind", "hazards_found", "hazards_open"]

    @classmethod
    def export_row(cls, record):
        hazards = record.hazards.all()  # prefetched per chunk of the export
        return [
            *super().export_row(record),
            record.venue.name,
            record.venue.kind,
            len(hazards),
            sum(1 for h in hazards if h.rectified_on is None),
        ]

    @classmethod
    def clean_together(cls, form, formsets):
        apply_hazard_rules(
            formsets["hazards"],
            inspected_on=form.cleaned_data.get("inspected_on"),
            notice_number=form.cleaned_data.get("notice_number", ""),
        )

    @classmethod
    def save(cls, form, formsets, *, by):
        record = super().save(form, formsets, by=by)
        settle_on_spot(record, by=by)  # rows left untouched follow a changed date
        return record

    @classmethod
    def urls(cls):
        patterns = super().urls()
        patterns = replace_view(
            patterns,
            "inspection_list",
            RecordListView.as_view(pages=cls, template_name="inspections/inspection_list.html"),
        )
        patterns = replace_view(
            patterns, "inspection_detail", InspectionDetailView.as_view(pages=cls)
        )
        patterns = replace_view(patterns, "inspection_add", InspectionCreateView.as_view(pages=cls))
        return [
            *patterns,
            path(
                f"{cls.url_prefix}/<int:pk>/reinspect/",
                ReinspectionView.as_view(pages=cls),
                name="inspection_reinspect",
            ),
        ]


class OverdueView(SingleTableView):
    """Time-limited hazards past their notice deadline and still open, by station."""

    template_name = "inspections/overdue.html"
    table_class = OverdueHazardTable
    paginate_by = 50

    @staticmethod
    def hazards(user, station=None):
        return Hazard.objects.for_user(user).for_station(station).overdue(timezone.localdate())

    def station(self):
        code = self.request.GET.get("station")
        if code and sees_all_stations(self.request.user):
            return Station.objects.filter(code=code).first()
        return None

    def get_queryset(self):
        return (
            self.hazards(self.request.user, self.station())
            .select_related("inspection__station", "inspection__venue")
            .order_by("inspection__notice_deadline", "inspection__station__code", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_station"] = (
            self.hazards(self.request.user)
            .values(
                "inspection__station__code",
                "inspection__station__name_zh",
                "inspection__station__name_en",
            )
            .annotate(count=Count("pk"))
            .order_by("inspection__station__code")
        )
        context["station"] = self.station()
        context["today"] = timezone.localdate()
        return context


class PublicityActivityPages(RecordPages):
    model = PublicityActivity
    url_prefix = "publicity-activities"
    list_sums = ("materials_distributed", "attendees")
    filterset_class = PublicityActivityFilterSet
    table_class = PublicityActivityTable
    form_class = PublicityActivityForm
    export_fields = (
        "id",
        "station",
        "held_on",
        "topic",
        "title",
        "materials_distributed",
        "attendees",
    )


class FireworksPersuasionPages(RecordPages):
    model = FireworksPersuasion
    url_prefix = "fireworks-persuasions"
    list_sums = ("behaviours",)
    filterset_class = FireworksPersuasionFilterSet
    table_class = FireworksPersuasionTable
    form_class = FireworksPersuasionForm
    export_fields = ("id", "station", "occurred_on", "location", "behaviours")


class HazardPages(RecordPages):
    """The hazard list (read-only): every hazard with its venue, inspection and disposition.

    Hazards are written on their inspection's form; this list is where the fire-safety and
    explosives figures of the summary open. Scoped like every list, through the inspection.
    """

    model = Hazard
    url_prefix = "hazards"
    filterset_class = HazardFilterSet
    table_class = HazardTable
    list_select_related = ("inspection__station", "inspection__venue")
    list_distinct = {"venues": (gettext_lazy("distinct venues"), "inspection__venue")}
    export_fields = ("id", "inspection", "description", "kind", "disposition", "rectified_on")

    @classmethod
    def ordering(cls):
        return ("-inspection__inspected_on", "-pk")

    @classmethod
    def export_columns(cls):
        return list(cls.export_fields)  # no version: a hazard is saved with its inspection

    @classmethod
    def export_headers(cls):
        extra = ["station", "venue", "venue_name", "venue_kind", "inspected_on"]
        return [*cls.export_columns(), *extra]

    @classmethod
    def export_row(cls, record):
        inspection = record.inspection
        return [
            *super().export_row(record),
            inspection.station.code,
            inspection.venue_id,
            inspection.venue.name,
            inspection.venue.kind,
            inspection.inspected_on.isoformat(),
        ]

    @classmethod
    def urls(cls):
        """The list and its export only: no add, edit or delete of a hazard on its own."""
        return [p for p in super().urls() if p.name in ("hazard_list", "hazard_export")]


class PublicityActivityImport(RecordImport):
    pages = PublicityActivityPages
    fields = PublicityActivityPages.export_fields[2:]  # after id and station, the SPEC columns


class FireworksPersuasionImport(RecordImport):
    pages = FireworksPersuasionPages
    fields = FireworksPersuasionPages.export_fields[2:]
