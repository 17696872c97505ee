from django.utils.translation import gettext_lazy as _

from xihu.filters import ConditionFilter, RecordFilterSet

from .models import THEFT_ROBBERY_FRAUD_CASES, Case, PoliceReport


class PoliceReportFilterSet(RecordFilterSet):
    search_fields = PoliceReport.search_fields

    class Meta:
        model = PoliceReport
        fields = ["station", "category", "effective", "source"]


class CaseFilterSet(RecordFilterSet):
    search_fields = ("title",)

    group = ConditionFilter(
        label=_("group of categories"),
        conditions={
            "theft_robbery_fraud": (_("Theft, robbery and fraud"), THEFT_ROBBERY_FRAUD_CASES),
        },
    )

    class Meta:
        model = Case
        fields = ["station", "nature", "category"]
