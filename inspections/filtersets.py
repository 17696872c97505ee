import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu.filters import BooleanFilter, ChoiceFilter, RecordFilterSet

from .models import (
    Disposition,
    FireworksPersuasion,
    Hazard,
    Inspection,
    PublicityActivity,
    Venue,
    VenueKind,
)


class VenueFilterSet(RecordFilterSet):
    search_fields = ("name", "address", "contact_name")

    class Meta:
        model = Venue
        fields = ["station", "kind"]


class InspectionFilterSet(RecordFilterSet):
    search_fields = ("venue__name", "inspectors", "notice_number", "notes")

    # A venue by id, not a choice list: the list of every venue would leak other stations'.
    venue = django_filters.NumberFilter(label=_("venue"), field_name="venue_id")
    venue_kind = ChoiceFilter(
        label=_("venue kind"), field_name="venue__kind", choices=VenueKind.choices
    )
    disposition = ChoiceFilter(
        label=_("hazard disposition"), choices=Disposition.choices, method="filter_disposition"
    )
    with_notice = BooleanFilter(label=_("with a rectification notice"), method="filter_with_notice")
    overdue = BooleanFilter(label=_("with overdue hazards"), method="filter_overdue")

    class Meta:
        model = Inspection
        fields = ["station", "venue", "venue_kind"]

    def filter_disposition(self, queryset, name, value):
        return queryset.filter(pk__in=Hazard.objects.filter(disposition=value).values("inspection"))

    def filter_with_notice(self, queryset, name, value):
        notice = queryset.with_notice()
        return notice if value else queryset.exclude(pk__in=notice.values("pk"))

    def filter_overdue(self, queryset, name, value):
        late = Hazard.objects.overdue(timezone.localdate()).values("inspection")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)


class PublicityActivityFilterSet(RecordFilterSet):
    search_fields = ("title",)

    class Meta:
        model = PublicityActivity
        fields = ["station", "topic"]


class FireworksPersuasionFilterSet(RecordFilterSet):
    search_fields = ("location",)

    class Meta:
        model = FireworksPersuasion
        fields = ["station"]
