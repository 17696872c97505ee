from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu.filters import BooleanFilter, RecordFilterSet

from .models import TIMELY_PLAN, LargeEvent, PatrolDeployment


class PatrolDeploymentFilterSet(RecordFilterSet):
    search_fields = ("area",)

    class Meta:
        model = PatrolDeployment
        fields = ["station", "shift", "mode", "area_kind", "joint_armed"]


class LargeEventFilterSet(RecordFilterSet):
    search_fields = ("name", "location")

    # The warning list as a filter, so the API and the exports can ask for it too.
    plan_warning = BooleanFilter(
        label=_("without a timely security plan"), method="filter_plan_warning"
    )

    timely_plan = BooleanFilter(
        label=_("security plan issued by the first day"), method="filter_timely_plan"
    )

    class Meta:
        model = LargeEvent
        fields = ["station", "organiser"]

    def filter_timely_plan(self, queryset, name, value):
        return queryset.filter(TIMELY_PLAN) if value else queryset.exclude(TIMELY_PLAN)

    def filter_plan_warning(self, queryset, name, value):
        warned = queryset.needing_plan_warning(timezone.localdate())
        return warned if value else queryset.exclude(pk__in=warned.values("pk"))
