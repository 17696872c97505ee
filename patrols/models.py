"""Patrol deployments and large events, SPEC §2 patrols."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from xihu.fields import CountField
from xihu.models import BaseRecord, RecordQuerySet


class Shift(models.TextChoices):
    DAY = "day", _("Day")
    NIGHT = "night", _("Night")


class PatrolMode(models.TextChoices):
    CAR = "car", _("Car patrol")
    FOOT = "foot", _("Foot patrol")
    MIXED = "mixed", _("Car and foot")


class AreaKind(models.TextChoices):
    SCENIC_SPOT = "scenic_spot", _("Scenic spot")
    SHOPPING_MALL = "shopping_mall", _("Shopping mall")
    COMMERCIAL_STREET = "commercial_street", _("Commercial street")
    SQUARE = "square", _("Square")
    TRANSPORT_HUB = "transport_hub", _("Transport hub")
    RESIDENTIAL = "residential", _("Residential area")
    OTHER = "other", _("Other")


# The festival standard the board checks: more than 200 people and 30 police cars on patrol
# across the district every day.
DAILY_PERSONNEL_TARGET = 200
DAILY_VEHICLES_TARGET = 30


class PatrolDeploymentQuerySet(RecordQuerySet):
    def per_day(self, *group):
        """One row per date (and per each of `group`, e.g. "station__code"), summed in the
        database: the one per-day grouping of the summary, the board and the home panel.

        Rows are dicts {date, *group, deployments, personnel, vehicles}; days without a
        deployment are absent here and filled with 0 by patrols.figures.
        """
        return (
            self.order_by()
            .values(*group, "date")
            .annotate(
                deployments=Count("pk"),
                personnel=Coalesce(Sum("personnel"), 0),
                vehicles=Coalesce(Sum("vehicles"), 0),
            )
            .order_by(*group, "date")
        )

    def per_day_station_shift(self):
        """Rows {date, station, shift, personnel, vehicles} for the daily patrol board."""
        return (
            self.order_by()
            .values("date", "station", "shift")
            .annotate(
                personnel=Coalesce(Sum("personnel"), 0),
                vehicles=Coalesce(Sum("vehicles"), 0),
            )
            .order_by("date", "station", "shift")
        )


class PatrolDeployment(BaseRecord):
    period_field = "date"

    date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    mode = models.CharField(_("mode"), max_length=10, choices=PatrolMode.choices)
    personnel = CountField(_("personnel"), default=1, minimum=1)
    vehicles = CountField(_("police cars"))
    area_kind = models.CharField(_("area kind"), max_length=20, choices=AreaKind.choices)
    area = models.CharField(_("area"), max_length=200, blank=True)
    joint_armed = models.BooleanField(
        _("joint armed patrol"), default=False, help_text=_("With the armed police.")
    )
    community_forces = CountField(
        _("community forces"),
        help_text=_("Community volunteers and security guards who went with the patrol (人次)."),
    )

    objects = PatrolDeploymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("patrol deployment")
        verbose_name_plural = _("patrol deployments")
        indexes = [
            # summary and daily board: deployments per day in a period
            models.Index(fields=["date", "station"], name="patrol_date_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="patrol_personnel_at_least_one",
                condition=Q(personnel__gte=1),
                violation_error_message=_("A deployment has at least one person."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.get_shift_display()} {self.area}"

    def same_deployment(self):
        """Other saved deployments of this one's station, date, shift, mode and area.

        The same patrol entered twice would be counted twice in the day's strength, so
        validate_constraints refuses it at every door (day entry, form, API, admin); the
        import checks its whole file in one query with the same IDENTITY.
        """
        values = {name: getattr(self, name) for name in DEPLOYMENT_IDENTITY}
        return type(self)._default_manager.filter(**values).exclude(pk=self.pk)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude)
        if exclude and set(DEPLOYMENT_IDENTITY) & set(exclude):
            return  # a form without one of the fields cannot name the duplicate
        if self.station_id and self.date and self.same_deployment().exists():
            raise ValidationError(DUPLICATE_DEPLOYMENT, code="duplicate_deployment")


# What makes two rows the same deployment (see PatrolDeployment.same_deployment).
DEPLOYMENT_IDENTITY = ("station", "date", "shift", "mode", "area_kind", "area")
DUPLICATE_DEPLOYMENT = _(
    "This station already has a deployment of this shift, mode and area on this day; "
    "change that row instead of entering it again."
)


# State Council rules on large mass events: from this expected attendance a security plan is
# required, issued at the latest this many days before the event starts.
WARNING_ATTENDANCE = 1000
PLAN_LEAD_DAYS = 3

# A typo of the year (0024 for 2024) would otherwise reach the plan-deadline arithmetic,
# which cannot go below year 1.
PLAUSIBLE_DATES = (datetime.date(1970, 1, 1), datetime.date(2100, 12, 31))

# events.with_security_plan of SPEC §3: the plan was issued on or before the first day.
TIMELY_PLAN = Q(security_plan_issued_on__lte=F("starts_on"))


class Organiser(models.TextChoices):
    OFFICIAL = "official", _("Official")
    FOLK = "folk", _("Folk")


class LargeEventQuerySet(RecordQuerySet):
    def with_timely_plan(self):
        """The security plan was issued on or before the first day."""
        return self.filter(TIMELY_PLAN)

    def needing_plan_warning(self, today):
        """Events of WARNING_ATTENDANCE or more, not yet over, without a security plan issued
        PLAN_LEAD_DAYS before they start (State Council rules on large mass events).

        Events ahead without a plan are listed at once, so there is time to write one; a
        plan recorded late still counts as late, so such an event stays listed (with its
        plan date) until it ends.
        """
        # On SQLite the difference is a 'YYYY-MM-DD 00:00:00' text, which compares with the
        # 'YYYY-MM-DD' column as the dates do; the tests check the boundary on both databases.
        deadline = ExpressionWrapper(
            F("starts_on") - datetime.timedelta(days=PLAN_LEAD_DAYS),
            output_field=models.DateField(),
        )
        return self.filter(
            expected_attendance__gte=WARNING_ATTENDANCE,
            ends_on__gte=today,
        ).exclude(security_plan_issued_on__lte=deadline)


class LargeEvent(BaseRecord):
    period_field = "starts_on"

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    location = models.CharField(_("location"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=10, choices=Organiser.choices)
    expected_attendance = CountField(_("expected attendance"))
    security_plan_issued_on = models.DateField(_("security plan issued on"), null=True, blank=True)
    police_deployed = CountField(_("police deployed"))

    objects = LargeEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("large event")
        verbose_name_plural = _("large events")
        indexes = [models.Index(fields=["starts_on", "ends_on"], name="event_dates_idx")]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start",
                condition=Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                name="event_plan_not_after_end",
                condition=Q(security_plan_issued_on__isnull=True)
                | Q(security_plan_issued_on__lte=F("ends_on")),
                violation_error_message=_("The security plan cannot be issued after the event."),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def period_condition(cls, start=None, end=None) -> Q:
        """An event counts in a period when its days overlap it (SPEC §3 events)."""
        condition = Q()
        if start is not None:
            condition &= Q(ends_on__gte=start)
        if end is not None:
            condition &= Q(starts_on__lte=end)
        return condition

    def clean(self):
        # The same rules as the constraints, but named on the field the user must correct.
        super().clean()
        errors = {
            name: _("Enter a date between %(first)s and %(last)s.")
            % {"first": PLAUSIBLE_DATES[0], "last": PLAUSIBLE_DATES[1]}
            for name in ("starts_on", "ends_on", "security_plan_issued_on")
            if getattr(self, name)
            and not PLAUSIBLE_DATES[0] <= getattr(self, name) <= PLAUSIBLE_DATES[1]
        }
        if errors:
            raise ValidationError(errors)
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("An event cannot end before it starts.")
        plan = self.security_plan_issued_on
        if plan and self.ends_on and plan > self.ends_on:
            errors["security_plan_issued_on"] = _(
                "The security plan cannot be issued after the event."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def plan_deadline(self) -> datetime.date:
        """The last day a plan may be issued for an event of WARNING_ATTENDANCE or more."""
        return self.starts_on - datetime.timedelta(days=PLAN_LEAD_DAYS)

    @property
    def plan_overdue(self) -> bool:
        """A plan is required and was not issued by the deadline (same rule as the warning)."""
        if self.expected_attendance < WARNING_ATTENDANCE:
            return False
        plan = self.security_plan_issued_on
        return plan is None or plan > self.plan_deadline
