import django_filters
from django.utils.translation import gettext_lazy as _

from xihu.filters import DateFilter, RecordFilterSet

from .models import Dispute, Party, resolved_by_condition


class DisputeFilterSet(RecordFilterSet):
    # The free text does not reach parties; a party is found by name only (never by phone
    # or ID number, which would probe personal data), within the stations one may see.
    search_fields = ("summary", "mediator", "resolution")

    resolved_by = DateFilter(label=_("resolved on or before"), method="filter_resolved_by")
    party = django_filters.CharFilter(label=_("party's name"), method="filter_party")

    class Meta:
        model = Dispute
        fields = ["station", "category", "risk_level", "status", "channel", "source"]

    def filter_resolved_by(self, queryset, name, value):
        return queryset.filter(resolved_by_condition(value))

    def filter_party(self, queryset, name, value):
        """Disputes with a party whose name contains `value`, each once (a subquery, not a
        join: two matching parties do not repeat the dispute)."""
        value = value.strip()
        if not value:
            return queryset
        parties = Party.objects.filter(name__icontains=value).values("dispute")
        return queryset.filter(pk__in=parties)
