"""Counter-service tallies (窗口服务), SPEC §2 public services."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from xihu.fields import CountField
from xihu.models import BaseRecord, RecordQuerySet


class Department(models.TextChoices):
    HOUSEHOLD = "household", _("Household registration")
    TRAFFIC = "traffic", _("Traffic police")
    ENTRY_EXIT = "entry_exit", _("Entry and exit")
    OTHER = "other", _("Other")


# Counts that are part of the matters handled, with the message when one exceeds them.
WITHIN_HANDLED = [
    ("on_time", _("Completed on time cannot exceed matters handled.")),
    ("praised", _("Praised cannot exceed matters handled.")),
    ("vehicle_driving", _("Vehicle and driving matters cannot exceed matters handled.")),
]


COUNTS = ("handled", "vehicle_driving", "on_time", "praised")
# One tally per counter and day (the constraint below; the import checks its file with it).
TALLY_IDENTITY = ("station", "date", "department")


class ServiceTallyQuerySet(RecordQuerySet):
    def totals(self) -> dict:
        """{handled, vehicle_driving, on_time, praised} summed in one query, 0 when empty."""
        return self.aggregate(**{name: Coalesce(Sum(name), 0) for name in COUNTS})

    def per_department(self):
        """Rows {department, handled, vehicle_driving, on_time, praised}, one per department."""
        return (
            self.order_by()
            .values("department")
            .annotate(**{name: Coalesce(Sum(name), 0) for name in COUNTS})
            .order_by("department")
        )


class ServiceTally(BaseRecord):
    period_field = "date"

    date = models.DateField(_("date"))
    department = models.CharField(_("department"), max_length=20, choices=Department.choices)
    handled = CountField(_("matters handled"))
    vehicle_driving = CountField(_("vehicle and driving matters"))
    on_time = CountField(_("completed on time"))
    praised = CountField(_("praised"))

    objects = ServiceTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("service tally")
        verbose_name_plural = _("service tallies")
        indexes = [models.Index(fields=["date", "station"], name="tally_date_idx")]
        constraints = [
            models.CheckConstraint(
                name=f"tally_{name}_within_handled",
                condition=Q(**{f"{name}__lte": F("handled")}),
                violation_error_message=message,
            )
            for name, message in WITHIN_HANDLED
        ] + [
            # A second tally of the same counter and day would count its matters twice.
            models.UniqueConstraint(
                fields=TALLY_IDENTITY,
                name="tally_one_per_station_day_department",
                violation_error_message=_(
                    "This station already has a tally of this department on this day; "
                    "change that tally instead."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_department_display()} {self.date}"

    def clean(self):
        # The constraints' rule, with the message on the field the user must correct.
        super().clean()
        errors = {
            name: message
            for name, message in WITHIN_HANDLED
            if getattr(self, name) is not None
            and self.handled is not None
            and getattr(self, name) > self.handled
        }
        if errors:
            raise ValidationError(errors)
