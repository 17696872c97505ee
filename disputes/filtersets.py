from django.utils.translation import gettext_lazy as _

from xihu.filters import DateFilter, RecordFilterSet

from .models import Dispute, resolved_by_condition


class DisputeFilterSet(RecordFilterSet):
    # Parties are not searched: a name or phone typed here would probe personal data.
    search_fields = ("summary", "mediator", "resolution")

    resolved_by = DateFilter(label=_("resolved on or before"), method="filter_resolved_by")

    class Meta:
        model = Dispute
        fields = ["station", "category", "risk_level", "status", "channel", "source"]

    def filter_resolved_by(self, queryset, name, value):
        return queryset.filter(resolved_by_condition(value))
