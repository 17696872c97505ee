from django.contrib import admin

from xihu.admin import RecordAdmin

from .models import LargeEvent, PatrolDeployment


@admin.register(PatrolDeployment)
class PatrolDeploymentAdmin(RecordAdmin):
    list_display = [
        "date",
        "station",
        "shift",
        "mode",
        "personnel",
        "vehicles",
        "area_kind",
        "area",
        "community_forces",
    ]
    list_filter = ["station", "shift", "mode", "area_kind", "joint_armed"]
    search_fields = ["area"]


@admin.register(LargeEvent)
class LargeEventAdmin(RecordAdmin):
    list_display = [
        "name",
        "station",
        "starts_on",
        "ends_on",
        "organiser",
        "expected_attendance",
        "security_plan_issued_on",
    ]
    list_filter = ["station", "organiser"]
    search_fields = ["name", "location"]
