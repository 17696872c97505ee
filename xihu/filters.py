"""The base FilterSet of every record list, page and API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Station
from .roles import sees_all_stations
from .search import text_search


class RecordFilterSet(django_filters.FilterSet):
    """station (code), date_after / date_before (local dates, inclusive), q (free text) and
    changed_after (an ISO date-time: entered or changed since).

    Subclasses name their choice fields in Meta.fields and their free-text columns in
    `search_fields` (searched by xihu.search.text_search: the model's own `search_fields`
    are served by an index on PostgreSQL). The date range applies to the model's `period_field`.
    """

    search_fields: tuple[str, ...] = ()

    station = django_filters.ModelChoiceFilter(
        label=_("station"), queryset=Station.objects.all(), to_field_name="code"
    )
    date_after = django_filters.DateFilter(label=_("from"), method="filter_date_after")
    date_before = django_filters.DateFilter(label=_("to"), method="filter_date_before")
    q = django_filters.CharFilter(label=_("search"), method="filter_search")
    # Records entered or changed since a moment (the summary links a figure that moved
    # since a publication to them).
    changed_after = django_filters.IsoDateTimeFilter(
        label=_("changed after"), field_name="updated_at", lookup_expr="gte"
    )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        user = getattr(request, "user", None)
        if user is not None and not sees_all_stations(user):
            # Staff only ever see their own station; the choice would only leak names.
            self.filters.pop("station")
        if not self.search_fields:
            self.filters.pop("q")
        if self._meta.model.period_field is None:
            self.filters.pop("date_after")
            self.filters.pop("date_before")

    def filter_date_after(self, queryset, name, value):
        return queryset.filter(queryset.model.period_condition(start=value))

    def filter_date_before(self, queryset, name, value):
        return queryset.filter(queryset.model.period_condition(end=value))

    def filter_search(self, queryset, name, value):
        return text_search(queryset, self.search_fields, value)
