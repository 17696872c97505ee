from django.contrib import admin

from xihu.admin import RecordAdmin

from .models import Case, PoliceReport


@admin.register(PoliceReport)
class PoliceReportAdmin(RecordAdmin):
    list_display = ["received_at", "station", "category", "effective", "source", "location"]
    list_filter = ["station", "category", "effective", "source"]
    search_fields = ["location", "summary"]


@admin.register(Case)
class CaseAdmin(RecordAdmin):
    list_display = ["cracked_on", "station", "nature", "category", "title", "suspects_arrested"]
    list_filter = ["station", "nature", "category"]
    search_fields = ["title"]
