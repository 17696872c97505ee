"""Police reports (警情) and cases cracked (破案), SPEC §2 incidents."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from xihu.fields import CountField, MoneyField
from xihu.inputs import check_received_at
from xihu.models import BaseRecord, RecordQuerySet


class ReportCategory(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    PUBLIC_SECURITY = "public_security", _("Public security")
    TRAFFIC = "traffic", _("Traffic")
    FIRE = "fire", _("Fire")
    DISPUTE = "dispute", _("Dispute")
    ASSISTANCE = "assistance", _("Assistance")
    OTHER = "other", _("Other")


class ReportSource(models.TextChoices):
    CALL_110 = "call_110", _("110 call")
    WALK_IN = "walk_in", _("Walk-in")
    ONLINE = "online", _("Online")
    PATROL = "patrol", _("Found on patrol")
    TRANSFER = "transfer", _("Transferred")


# Named conditions of SPEC §3 police_reports: each figure's rule, written once. The queryset
# methods filter by them, reports.summary counts with them, the list filters are built on them.
EFFECTIVE = Q(effective=True)  # misdials, pranks and duplicates are not effective


def report_category(category) -> Q:
    """Reports of one category (criminal, public_security, traffic, fire, assistance, …)."""
    return Q(category=category)


class PoliceReportQuerySet(RecordQuerySet):
    def effective(self):
        """Real reports: misdials, pranks and duplicates are not effective (SPEC §3)."""
        return self.filter(EFFECTIVE)

    def of_category(self, *categories):
        return self.filter(category__in=categories)


class PoliceReport(BaseRecord):
    period_field = "received_at"
    # The list's text search (`?q=`), indexed on PostgreSQL (xihu.search, migration 0004).
    search_fields = ("location", "summary")

    received_at = models.DateTimeField(_("received at"))
    category = models.CharField(_("category"), max_length=20, choices=ReportCategory.choices)
    effective = models.BooleanField(
        _("effective"),
        default=True,
        help_text=_("Untick for misdials, pranks and duplicates."),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=ReportSource.choices, default=ReportSource.CALL_110
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)

    objects = PoliceReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("police report")
        verbose_name_plural = _("police reports")
        indexes = [
            # summary: effective reports of a station (or all) received in a period; also the
            # supervisors' list of every station, newest first (scanned backwards)
            models.Index(fields=["received_at", "station"], name="policereport_received_idx"),
            # staff lists and exports: one station's reports newest first
            models.Index(fields=["station", "-received_at"], name="policereport_station_idx"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.local_date}"

    def clean(self):
        super().clean()
        if self.received_at is not None:
            try:
                check_received_at(self.received_at)
            except ValidationError as error:
                raise ValidationError({"received_at": error}) from None


class CaseNature(models.TextChoices):
    CRIMINAL = "criminal", _("Criminal")
    ADMINISTRATIVE = "administrative", _("Administrative")


class CaseCategory(models.TextChoices):
    TELECOM_FRAUD = "telecom_fraud", _("Telecom fraud")
    THEFT = "theft", _("Theft")
    ROBBERY = "robbery", _("Robbery")
    FRAUD = "fraud", _("Fraud")
    FIREWORKS = "fireworks", _("Fireworks")
    GAMBLING = "gambling", _("Gambling")
    DRUGS = "drugs", _("Drugs")
    ASSAULT = "assault", _("Assault")
    OTHER = "other", _("Other")


# 盗抢骗: theft, robbery and fraud, telecom fraud included (SPEC §3).
THEFT_ROBBERY_FRAUD = (
    CaseCategory.THEFT,
    CaseCategory.ROBBERY,
    CaseCategory.FRAUD,
    CaseCategory.TELECOM_FRAUD,
)

# Named conditions of SPEC §3 cases and key_items.fireworks_cases (see EFFECTIVE above).
CRIMINAL = Q(nature=CaseNature.CRIMINAL)  # every cases.* figure counts criminal cases only
ADMINISTRATIVE = Q(nature=CaseNature.ADMINISTRATIVE)
TELECOM_FRAUD = Q(category=CaseCategory.TELECOM_FRAUD)
THEFT_ROBBERY_FRAUD_CASES = Q(category__in=THEFT_ROBBERY_FRAUD)
FIREWORKS_CASES = Q(category=CaseCategory.FIREWORKS)  # of any nature


class CaseQuerySet(RecordQuerySet):
    def criminal(self):
        return self.filter(CRIMINAL)

    def administrative(self):
        return self.filter(ADMINISTRATIVE)

    def of_category(self, *categories):
        return self.filter(category__in=categories)

    def theft_robbery_fraud(self):
        """盗抢骗: theft, robbery, fraud and telecom fraud."""
        return self.filter(THEFT_ROBBERY_FRAUD_CASES)

    def fireworks(self):
        """Fireworks cases count whatever their nature (SPEC §3 key_items)."""
        return self.filter(FIREWORKS_CASES)


class Case(BaseRecord):
    period_field = "cracked_on"

    cracked_on = models.DateField(_("cracked on"))
    nature = models.CharField(
        _("nature"), max_length=20, choices=CaseNature.choices, default=CaseNature.CRIMINAL
    )
    category = models.CharField(_("category"), max_length=20, choices=CaseCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    suspects_arrested = CountField(_("suspects arrested"))
    gangs_smashed = CountField(_("gangs smashed"))
    recovered_value = MoneyField(_("value recovered (yuan)"))

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case cracked")
        verbose_name_plural = _("cases cracked")
        indexes = [
            # summary: cases of a station (or all) cracked in a period, then counted by nature
            # and category; also the supervisors' list of every station, newest first
            models.Index(fields=["cracked_on", "station"], name="case_cracked_idx"),
            # staff lists and exports: one station's cases newest first
            models.Index(fields=["station", "-cracked_on"], name="case_station_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                name="case_recovered_value_not_negative",
                condition=models.Q(recovered_value__gte=0),
                violation_error_message=_("The value recovered cannot be negative."),
            ),
            models.CheckConstraint(
                name="case_suspects_arrested_not_negative",
                condition=models.Q(suspects_arrested__gte=0),
                violation_error_message=_("The number of suspects arrested cannot be negative."),
            ),
            models.CheckConstraint(
                name="case_gangs_smashed_not_negative",
                condition=models.Q(gangs_smashed__gte=0),
                violation_error_message=_("The number of gangs smashed cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.title
