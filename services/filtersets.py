from xihu.filters import RecordFilterSet

from .models import ServiceTally


class ServiceTallyFilterSet(RecordFilterSet):
    class Meta:
        model = ServiceTally
        fields = ["station", "department"]
