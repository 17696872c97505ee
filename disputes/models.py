"""Dispute cases (矛盾纠纷) with parties and closed-loop follow-up, SPEC §2 disputes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from xihu.models import BaseRecord, RecordQuerySet

from .masking import mask_name
from .validators import validate_id_number, validate_not_masked, validate_phone

# A resolved dispute gets a follow-up visit (闭环回访) within this many days.
FOLLOW_UP_DAYS = 7


class DisputeCategory(models.TextChoices):
    WAGE_ARREARS = "wage_arrears", _("Wage arrears")
    MARRIAGE = "marriage", _("Marriage and relationships")
    FAMILY = "family", _("Family")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")
    DEBT = "debt", _("Debt")
    PROPERTY = "property", _("Property")
    CONSUMER = "consumer", _("Consumer")
    OTHER = "other", _("Other")


class RiskLevel(models.TextChoices):
    MAJOR = "major", _("Major")
    HIGH = "high", _("High")
    GENERAL = "general", _("General")
    MINOR = "minor", _("Minor")


class DisputeSource(models.TextChoices):
    VISIT = "visit", _("Door-to-door visit")
    POLICE_REPORT = "police_report", _("Police report")
    REFERRAL = "referral", _("Referral")
    SELF_REPORT = "self_report", _("Reported by a party")


class DisputeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("dispute status", "Open")
    MEDIATING = "mediating", _("Mediating")
    RESOLVED = "resolved", _("Resolved")
    ESCALATED = "escalated", _("Escalated")


class MediationChannel(models.TextChoices):
    PEOPLE = "people", _("People's mediation")
    ADMINISTRATIVE = "administrative", _("Administrative mediation")
    JUDICIAL = "judicial", _("Judicial mediation")


def resolved_by_condition(last_day: datetime.date) -> Q:
    """SPEC §3 disputes.resolved, the one rule: resolved, dated on or before last_day.

    The queryset method, the summary's Count(filter=) and the list's `resolved_by` filter
    all read it."""
    return Q(status=DisputeStatus.RESOLVED, resolved_on__lte=last_day)


class DisputeQuerySet(RecordQuerySet):
    def resolved_by(self, last_day):
        """Resolved, with the resolution dated on or before last_day (SPEC §3)."""
        return self.filter(resolved_by_condition(last_day))

    def unresolved(self):
        return self.exclude(status=DisputeStatus.RESOLVED)

    def high_risk(self):
        """重大 and 较大."""
        return self.filter(risk_level__in=(RiskLevel.MAJOR, RiskLevel.HIGH))

    def follow_up_overdue(self, today: datetime.date):
        """Resolved more than FOLLOW_UP_DAYS ago with no follow-up visit since the resolution.

        A late visit closes the loop too: the board lists what still needs doing, not a
        record of past lateness.
        """
        visited = FollowUp.objects.filter(
            dispute=OuterRef("pk"), visited_on__gte=OuterRef("resolved_on")
        )
        return self.filter(
            status=DisputeStatus.RESOLVED,
            resolved_on__lt=today - datetime.timedelta(days=FOLLOW_UP_DAYS),
        ).filter(~Exists(visited))

    def needs_attention(self, today: datetime.date):
        """The attention board: follow-up overdue, or major/high risk and not yet resolved."""
        overdue = self.follow_up_overdue(today).values("pk")
        return self.filter(
            Q(pk__in=overdue)
            | (
                Q(risk_level__in=(RiskLevel.MAJOR, RiskLevel.HIGH))
                & ~Q(status=DisputeStatus.RESOLVED)
            )
        )


class Dispute(BaseRecord):
    period_field = "registered_on"

    registered_on = models.DateField(_("registered on"))
    category = models.CharField(_("category"), max_length=20, choices=DisputeCategory.choices)
    risk_level = models.CharField(_("risk level"), max_length=20, choices=RiskLevel.choices)
    source = models.CharField(
        pgettext_lazy("dispute", "source"), max_length=20, choices=DisputeSource.choices
    )
    summary = models.TextField(pgettext_lazy("dispute", "summary"))
    status = models.CharField(
        _("status"), max_length=20, choices=DisputeStatus.choices, default=DisputeStatus.OPEN
    )
    channel = models.CharField(
        _("mediation channel"), max_length=20, choices=MediationChannel.choices, blank=True
    )
    mediator = models.CharField(_("mediator"), max_length=100, blank=True)
    mediated_on = models.DateField(
        _("mediation started on"),
        null=True,
        blank=True,
        help_text=_("Set by the mediation step; never before registration nor in the future."),
    )
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.TextField(
        _("resolution summary"), blank=True, help_text=_("How the dispute was settled.")
    )
    escalated_to = models.CharField(
        _("escalated to"),
        max_length=100,
        blank=True,
        help_text=_("The body the dispute was handed to, e.g. the sub-bureau or a court."),
    )

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")
        indexes = [
            # summary: disputes registered in a period and their resolution
            models.Index(fields=["registered_on", "station"], name="dispute_registered_idx"),
            models.Index(fields=["station", "-registered_on"], name="dispute_station_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="dispute_resolved_has_date",
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                violation_error_message=_("A resolved dispute needs its resolution date."),
            ),
            models.CheckConstraint(
                name="dispute_resolved_not_before_registered",
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("registered_on")),
                violation_error_message=_("The resolution date cannot be before registration."),
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.registered_on}"

    def clean(self):
        super().clean()
        # The constraints hold these too; here they name the field for forms and the API.
        if self.status == DisputeStatus.RESOLVED and self.resolved_on is None:
            message = _("A resolved dispute needs its resolution date.")
        elif self.resolved_on is not None and self.status != DisputeStatus.RESOLVED:
            message = _("Only a resolved dispute has a resolution date.")
        elif self.resolved_on and self.registered_on and self.resolved_on < self.registered_on:
            message = _("The resolution date cannot be before registration.")
        else:
            return
        raise ValidationError({"resolved_on": message})

    @property
    def risk_css(self):
        """The badge class of site.css: risk-major (red) ... risk-minor (blue)."""
        return f"risk-{self.risk_level}"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    RESPONDENT = "respondent", _("Respondent")
    OTHER = "other", _("Other")


class Party(models.Model):
    dispute = models.ForeignKey(
        Dispute, verbose_name=_("dispute"), on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(
        pgettext_lazy("party", "name"), max_length=100, validators=[validate_not_masked]
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    id_number = models.CharField(
        _("ID number"),
        max_length=18,
        blank=True,
        validators=[validate_id_number],
        help_text=_("18 characters, checked against the check digit."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["pk"]

    def __str__(self):
        # Masked: the admin's delete pages, history and every other place that names a party
        # by its string show 张*; only the detail page shows the whole name, audited.
        return mask_name(self.name)


class FollowUp(models.Model):
    dispute = models.ForeignKey(
        Dispute, verbose_name=_("dispute"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    visited_on = models.DateField(_("visited on"))
    note = models.TextField(_("note"), blank=True)
    stable = models.BooleanField(_("stable"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        ordering = ["visited_on", "pk"]

    def __str__(self):
        return f"{self.visited_on}"
