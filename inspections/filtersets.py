import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu.conditions import relative
from xihu.filters import BooleanFilter, ChoiceFilter, ConditionFilter, DateFilter, RecordFilterSet
from xihu.models import Station
from xihu.roles import sees_all_stations
from xihu.search import text_search

from .models import (
    NINE_SMALL_PLACES_INSPECTED,
    Disposition,
    FireworksPersuasion,
    Hazard,
    HazardKind,
    Inspection,
    PublicityActivity,
    Venue,
    VenueKind,
    rectified_by,
)


class VenueFilterSet(RecordFilterSet):
    search_fields = ("name", "address", "contact_name")

    class Meta:
        model = Venue
        fields = ["station", "kind"]


class InspectionFilterSet(RecordFilterSet):
    search_fields = ("venue__name", "inspectors", "notice_number", "notes")

    # A venue by (part of) its name, not a choice list: the list of every venue would leak
    # other stations'.
    venue = django_filters.CharFilter(
        label=_("venue"), field_name="venue__name", lookup_expr="icontains"
    )
    venue_kind = ChoiceFilter(
        label=_("venue kind"), field_name="venue__kind", choices=VenueKind.choices
    )
    venue_group = ConditionFilter(
        label=_("group of venues"),
        conditions={"nine_small_places": (_("The nine small places"), NINE_SMALL_PLACES_INSPECTED)},
    )
    disposition = ChoiceFilter(
        label=_("hazard disposition"), choices=Disposition.choices, method="filter_disposition"
    )
    with_notice = BooleanFilter(label=_("with a rectification notice"), method="filter_with_notice")
    overdue = BooleanFilter(label=_("with overdue hazards"), method="filter_overdue")

    class Meta:
        model = Inspection
        fields = ["station", "venue_kind"]

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


class HazardFilterSet(django_filters.FilterSet):
    """Hazards by their inspection's station, date and venue, and by their own disposition.

    A hazard has no station or date of its own: both are its inspection's, read through the
    inspection's own rules (Inspection.period_condition, NINE_SMALL_PLACES_INSPECTED).
    """

    station = django_filters.ModelChoiceFilter(
        label=_("station"),
        queryset=Station.objects.all(),
        to_field_name="code",
        field_name="inspection__station",
    )
    date_after = DateFilter(label=_("from"), method="filter_date_after")
    date_before = DateFilter(label=_("to"), method="filter_date_before")
    venue_kind = ChoiceFilter(
        label=_("venue kind"), field_name="inspection__venue__kind", choices=VenueKind.choices
    )
    venue_group = ConditionFilter(
        label=_("group of venues"),
        conditions={
            "nine_small_places": (
                _("The nine small places"),
                relative(NINE_SMALL_PLACES_INSPECTED, "inspection__"),
            )
        },
    )
    disposition = ChoiceFilter(label=_("disposition"), choices=Disposition.choices)
    kind = ChoiceFilter(label=_("kind"), choices=HazardKind.choices)
    rectified_before = DateFilter(
        label=_("rectified on or before"), method="filter_rectified_before"
    )
    q = django_filters.CharFilter(label=_("search"), method="filter_search")

    class Meta:
        model = Hazard
        fields = ["station", "disposition", "kind"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        if user is not None and not sees_all_stations(user):
            self.filters.pop("station")

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(relative(Inspection.period_condition(start=value), "inspection__"))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(relative(Inspection.period_condition(end=value), "inspection__"))

    def filter_rectified_before(self, queryset, name, value):
        return queryset.filter(rectified_by(value))

    def filter_search(self, queryset, name, value):
        return text_search(queryset, ("description", "inspection__venue__name"), value)
