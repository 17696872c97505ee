from django.contrib import admin

from xihu.admin import RecordAdmin

from .models import ServiceTally


@admin.register(ServiceTally)
class ServiceTallyAdmin(RecordAdmin):
    list_display = [
        "date",
        "station",
        "department",
        "handled",
        "vehicle_driving",
        "on_time",
        "praised",
    ]
    list_filter = ["station", "department"]
