from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xihu.admin import RecordAdmin
from xihu.exports import dataset, export_response, sheet_title

from .models import Case, PoliceReport
from .views import CasePages, PoliceReportPages


class ImportExportAdmin(RecordAdmin):
    """Export of the selected rows in the SPEC's columns; import through the record pages.

    The import page is the same one staff use (xihu.imports): one code path validates
    and writes every imported row, with history, whoever uploads the file.
    """

    pages = None
    change_list_template = "admin/incidents/change_list.html"
    actions = ["export_csv", "export_xlsx"]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "import_url": self.pages.url("import")}
        return super().changelist_view(request, extra_context)

    def _export(self, request, queryset, fmt):
        rows = (
            self.pages.export_row(obj)
            for obj in queryset.select_related("station").order_by(*self.pages.ordering())
        )
        self.pages.log_export(request, queryset.count(), fmt)
        data = dataset(rows, self.pages.export_headers(), sheet_title(self.pages.model))
        return export_response(data, self.pages.url_prefix, fmt)

    @admin.action(description=_("Export the selected rows as CSV"))
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export the selected rows as XLSX"))
    def export_xlsx(self, request, queryset):
        return self._export(request, queryset, "xlsx")


@admin.register(PoliceReport)
class PoliceReportAdmin(ImportExportAdmin):
    pages = PoliceReportPages
    list_display = ["received_at", "station", "category", "effective", "source", "location"]
    list_filter = ["station", "category", "effective", "source"]
    search_fields = ["location", "summary"]


@admin.register(Case)
class CaseAdmin(ImportExportAdmin):
    pages = CasePages
    list_display = ["cracked_on", "station", "nature", "category", "title", "suspects_arrested"]
    list_filter = ["station", "nature", "category"]
    search_fields = ["title"]
