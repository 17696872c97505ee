"""Fire inspections of the nine small places and key-item units, SPEC §2 inspections."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xihu.fields import CountField
from xihu.models import BaseRecord, RecordQuerySet


class VenueKind(models.TextChoices):
    # 九小场所: the nine small places
    SCHOOL = "school", _("Small school or kindergarten")
    CLINIC = "clinic", _("Small clinic")
    SHOP = "shop", _("Small shop")
    RESTAURANT = "restaurant", _("Small restaurant")
    HOTEL = "hotel", _("Small hotel")
    ENTERTAINMENT = "entertainment", _("Small song and dance venue")
    INTERNET_CAFE = "internet_cafe", _("Small internet café")
    BEAUTY_BATH = "beauty_bath", _("Small beauty or bath venue")
    WORKSHOP = "workshop", _("Small production workshop")
    # 重点物品单位: key-item units
    EXPLOSIVES = "explosives", _("Civil explosives unit")
    FIREWORKS = "fireworks", _("Fireworks dealer")


NINE_SMALL_PLACES = tuple(VenueKind)[:9]

# Named conditions of SPEC §3 fire_safety and key_items, each written once: relative to an
# Inspection (the venue inspected, the notice) or to a Hazard (its disposition, its date).
# Seen from another model they are read with xihu.conditions.relative().
NINE_SMALL_PLACES_INSPECTED = Q(venue__kind__in=NINE_SMALL_PLACES)
EXPLOSIVES_UNIT_INSPECTED = Q(venue__kind=VenueKind.EXPLOSIVES)
WITH_NOTICE = ~Q(notice_number="")  # a 责令限期改正通知书 was issued


class Venue(BaseRecord):
    period_field = None  # a register, not an event: listed by name

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices)
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        indexes = [models.Index(fields=["station", "kind"], name="venue_station_kind_idx")]

    def __str__(self):
        return self.name


class InspectionQuerySet(RecordQuerySet):
    def nine_small_places(self):
        return self.filter(NINE_SMALL_PLACES_INSPECTED)

    def of_kind(self, kind):
        return self.filter(venue__kind=kind)

    def with_notice(self):
        return self.filter(WITH_NOTICE)


class Inspection(BaseRecord):
    period_field = "inspected_on"

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    notice_number = models.CharField(
        _("rectification notice number"),
        max_length=60,
        blank=True,
        help_text=_("Number of the 责令限期改正通知书; leave blank when none was issued."),
    )
    notice_deadline = models.DateField(_("notice deadline"), null=True, blank=True)
    # Set by the rectification workflow (workflows.record_reinspection): the latest
    # re-inspection, which found the hazards it names rectified.
    reinspected_on = models.DateField(_("re-inspected on"), null=True, blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [
            # summary: inspections in a period joined to their venue's kind
            models.Index(fields=["inspected_on", "station"], name="inspection_date_idx"),
            models.Index(fields=["station", "-inspected_on"], name="inspection_station_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="inspection_notice_has_deadline",
                condition=Q(notice_number="") | Q(notice_deadline__isnull=False),
                violation_error_message=_("A rectification notice needs a deadline."),
            ),
            models.CheckConstraint(
                name="inspection_deadline_after_inspection",
                condition=Q(notice_deadline__isnull=True)
                | Q(notice_deadline__gt=models.F("inspected_on")),
                violation_error_message=_("The notice deadline must be after the inspection date."),
            ),
            models.CheckConstraint(
                name="inspection_reinspected_after_inspection",
                condition=Q(reinspected_on__isnull=True)
                | Q(reinspected_on__gte=models.F("inspected_on")),
                violation_error_message=_(
                    "A re-inspection cannot be before the inspection it follows up."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.venue} {self.inspected_on}"

    def clean(self):
        super().clean()
        errors = {}
        if self.notice_deadline and not self.notice_number:
            errors["notice_number"] = _("A notice deadline needs the notice's number.")
        if self.notice_number and not self.notice_deadline:
            errors["notice_deadline"] = _("A rectification notice needs a deadline.")
        # As the constraint, but on the field, so that forms and the API point at it.
        if self.notice_deadline and self.inspected_on and self.notice_deadline <= self.inspected_on:
            errors["notice_deadline"] = _("The notice deadline must be after the inspection date.")
        if self.venue_id and self.station_id and self.venue.station_id != self.station_id:
            errors["venue"] = _("The venue is registered at another station.")
        if errors:
            raise ValidationError(errors)


class HazardKind(models.TextChoices):
    EXITS_BLOCKED = "exits_blocked", _("Exits or escape routes blocked")
    EXTINGUISHERS = "extinguishers", _("Extinguishers or hydrants missing or broken")
    LIGHTING_SIGNS = "lighting_signs", _("Emergency lighting or signs out")
    WIRING = "wiring", _("Unsafe electrical wiring")
    FLAMMABLES_LIVING = "flammables_living", _("Flammables stored with living quarters")
    OTHER = "other", _("Other")


class Disposition(models.TextChoices):
    ON_SPOT = "on_spot", _("Rectified on the spot")
    TIME_LIMITED = "time_limited", _("Rectification within a time limit")
    SUSPENSION = "suspension", _("Business suspended for rectification")


ON_SPOT = Q(disposition=Disposition.ON_SPOT)
TIME_LIMITED = Q(disposition=Disposition.TIME_LIMITED)
SUSPENSION = Q(disposition=Disposition.SUSPENSION)
OPEN = Q(rectified_on__isnull=True)


def rectified_by(day: datetime.date) -> Q:
    """Hazards rectified on or before `day` (key_items.explosives_hazards_rectified)."""
    return Q(rectified_on__lte=day)


class HazardQuerySet(models.QuerySet):
    """Hazards are line items: their station is their inspection's."""

    def for_user(self, user):
        return self.filter(inspection__in=Inspection.objects.for_user(user))

    def for_station(self, station):
        return self if station is None else self.filter(inspection__station=station)

    def on_spot(self):
        return self.filter(ON_SPOT)

    def time_limited(self):
        return self.filter(TIME_LIMITED)

    def suspension(self):
        return self.filter(SUSPENSION)

    def open(self):
        return self.filter(OPEN)

    def rectified_by(self, day: datetime.date):
        return self.filter(rectified_by(day))

    def overdue(self, today: datetime.date):
        """Time-limited and unrectified after the notice's deadline (the deadline day itself
        is still in time)."""
        return self.time_limited().open().filter(inspection__notice_deadline__lt=today)


class Hazard(models.Model):
    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="hazards"
    )
    description = models.CharField(_("description"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=HazardKind.choices, blank=True)
    disposition = models.CharField(_("disposition"), max_length=20, choices=Disposition.choices)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = HazardQuerySet.as_manager()

    class Meta:
        verbose_name = _("hazard")
        verbose_name_plural = _("hazards")
        ordering = ["pk"]
        indexes = [
            # the overdue board and the home count: open hazards of one disposition
            models.Index(fields=["disposition", "rectified_on"], name="hazard_open_idx"),
            # the summary's fire-safety aggregate: the hazards of a period's inspections,
            # read from the index alone (PostgreSQL). Without the covered columns the
            # planner hashed all 293k hazards of ten years for the comparison period
            # (209 ms at 1M reports); with them a nested loop reads the period's ~1,600.
            models.Index(
                fields=["inspection"],
                include=["id", "disposition", "rectified_on"],
                name="hazard_inspection_cover_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="hazard_on_spot_is_rectified",
                condition=~Q(disposition="on_spot") | Q(rectified_on__isnull=False),
                violation_error_message=_(
                    "A hazard rectified on the spot has a rectification date."
                ),
            ),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        """A hazard is shown on its inspection's page."""
        return f"{self.inspection.get_absolute_url()}#hazard-{self.pk}"


class PublicityTopic(models.TextChoices):
    FIRE_SAFETY = "fire_safety", _("Fire safety")
    ANTI_FRAUD = "anti_fraud", _("Anti-fraud")
    FIREWORKS = "fireworks", _("Fireworks")
    TRAFFIC = "traffic", _("Traffic")
    OTHER = "other", _("Other")


FIRE_SAFETY_PUBLICITY = Q(topic=PublicityTopic.FIRE_SAFETY)  # fire_safety.publicity_activities


class PublicityActivity(BaseRecord):
    period_field = "held_on"

    held_on = models.DateField(_("held on"))
    topic = models.CharField(_("topic"), max_length=20, choices=PublicityTopic.choices)
    # A context: the catalogues of all apps are merged, and "title" is a case's name there.
    title = models.CharField(pgettext_lazy("publicity activity", "title"), max_length=200)
    materials_distributed = CountField(_("materials distributed"))
    attendees = CountField(_("attendees"))

    class Meta:
        verbose_name = _("publicity activity")
        verbose_name_plural = _("publicity activities")
        indexes = [models.Index(fields=["held_on", "station"], name="publicity_held_idx")]

    def __str__(self):
        return self.title


class FireworksPersuasion(BaseRecord):
    period_field = "occurred_on"

    occurred_on = models.DateField(_("occurred on"))
    location = models.CharField(pgettext_lazy("fireworks persuasion", "location"), max_length=200)
    behaviours = CountField(_("behaviours persuaded"), default=1, minimum=1)

    class Meta:
        verbose_name = _("fireworks persuasion")
        verbose_name_plural = _("fireworks persuasions")
        indexes = [models.Index(fields=["occurred_on", "station"], name="persuasion_date_idx")]
        constraints = [
            models.CheckConstraint(
                name="persuasion_behaviours_at_least_one",
                condition=Q(behaviours__gte=1),
                violation_error_message=_("At least one behaviour was persuaded."),
            ),
        ]

    def __str__(self):
        return f"{self.location} {self.occurred_on}"
