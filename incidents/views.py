from xihu.imports import RecordImport
from xihu.views import RecordPages

from .filtersets import CaseFilterSet, PoliceReportFilterSet
from .forms import CaseForm, PoliceReportForm
from .models import Case, PoliceReport
from .tables import CaseTable, PoliceReportTable

# The detail page names the authors: join them instead of a query for each.
WITH_AUTHORS = ("station", "created_by", "updated_by")


class PoliceReportPages(RecordPages):
    model = PoliceReport
    list_select_related = WITH_AUTHORS
    url_prefix = "police-reports"
    filterset_class = PoliceReportFilterSet
    table_class = PoliceReportTable
    form_class = PoliceReportForm
    export_fields = (
        "id",
        "station",
        "received_at",
        "category",
        "effective",
        "source",
        "location",
        "summary",
    )


class CasePages(RecordPages):
    model = Case
    list_select_related = WITH_AUTHORS
    url_prefix = "cases"
    list_sums = ("suspects_arrested", "gangs_smashed", "recovered_value")
    filterset_class = CaseFilterSet
    table_class = CaseTable
    form_class = CaseForm
    export_fields = (
        "id",
        "station",
        "cracked_on",
        "nature",
        "category",
        "title",
        "suspects_arrested",
        "gangs_smashed",
        "recovered_value",
    )


class PoliceReportImport(RecordImport):
    """The 110 system's spreadsheets, columns named as in SPEC §2."""

    pages = PoliceReportPages
    fields = ("received_at", "category", "effective", "source", "location", "summary")


class CaseImport(RecordImport):
    pages = CasePages
    fields = (
        "cracked_on",
        "nature",
        "category",
        "title",
        "suspects_arrested",
        "gangs_smashed",
        "recovered_value",
    )
