from xihu.filters import RecordFilterSet

from .models import LargeEvent, PatrolDeployment


class PatrolDeploymentFilterSet(RecordFilterSet):
    search_fields = ("area",)

    class Meta:
        model = PatrolDeployment
        fields = ["station", "shift", "mode", "area_kind", "joint_armed"]


class LargeEventFilterSet(RecordFilterSet):
    search_fields = ("name", "location")

    class Meta:
        model = LargeEvent
        fields = ["station", "organiser"]
