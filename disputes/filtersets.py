from xihu.filters import RecordFilterSet

from .models import Dispute


class DisputeFilterSet(RecordFilterSet):
    # Parties are not searched: a name or phone typed here would probe personal data.
    search_fields = ("summary", "mediator", "resolution")

    class Meta:
        model = Dispute
        fields = ["station", "category", "risk_level", "status", "channel", "source"]
