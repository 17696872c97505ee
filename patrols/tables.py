import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from xihu.tables import RecordTable

from .models import WARNING_ATTENDANCE, LargeEvent, PatrolDeployment
from .workflows import ROW_FIELDS


class PatrolDeploymentTable(RecordTable):
    class Meta(RecordTable.Meta):
        model = PatrolDeployment
        fields = ["id", "date", "station", *ROW_FIELDS]


class PlanStatusColumn(tables.Column):
    """The security plan in words, not a tick: a ✔ read as "done" where it meant "overdue".

    The rule is LargeEvent.plan_overdue (issued PLAN_LEAD_DAYS before the start), the same
    as the warning list's.
    """

    def render(self, record):
        if record.expected_attendance < WARNING_ATTENDANCE:
            return _("not required")
        if record.plan_overdue:
            return _("overdue") if record.security_plan_issued_on is None else _("issued late")
        return _("issued in time")


class LargeEventTable(RecordTable):
    plan_overdue = PlanStatusColumn(
        verbose_name=_("security plan"), accessor="pk", orderable=False, empty_values=()
    )

    class Meta(RecordTable.Meta):
        model = LargeEvent
        fields = [
            "id",
            "starts_on",
            "ends_on",
            "station",
            "name",
            "organiser",
            "expected_attendance",
            "security_plan_issued_on",
            "police_deployed",
            "plan_overdue",
        ]


class PlanWarningTable(RecordTable):
    """The warning list: what is missing and by when it was due."""

    plan_deadline = tables.DateColumn(verbose_name=_("plan due by"), orderable=False)

    class Meta(RecordTable.Meta):
        model = LargeEvent
        fields = [
            "id",
            "starts_on",
            "ends_on",
            "station",
            "name",
            "location",
            "expected_attendance",
            "plan_deadline",
            "security_plan_issued_on",
        ]
        empty_text = _("No large event is missing its security plan.")
