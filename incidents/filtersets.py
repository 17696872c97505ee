from xihu.filters import RecordFilterSet

from .models import Case, PoliceReport


class PoliceReportFilterSet(RecordFilterSet):
    search_fields = PoliceReport.search_fields

    class Meta:
        model = PoliceReport
        fields = ["station", "category", "effective", "source"]


class CaseFilterSet(RecordFilterSet):
    search_fields = ("title",)

    class Meta:
        model = Case
        fields = ["station", "nature", "category"]
