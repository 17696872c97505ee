"""Festivals: the periods the summary and the bulletin are written for, SPEC §2 reports;
the bulletin drafts and the publications of SPEC §4 and §6."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from xihu.inputs import check_festival_days
from xihu.models import VersionedModel

# The bulletin's sections, in its order; each has a narrative paragraph in zh and in en.
NARRATIVE_SECTIONS = [
    ("overview", _("Overview")),
    ("multi_level", _("Multi-level security")),
    ("venues", _("Venues and key items")),
    ("disputes", _("Disputes")),
    ("patrols", _("Patrols and crackdown")),
    ("quality", _("Quality of work")),
]


def narrative_field_names():
    return [
        f"narrative_{section}_{lang}"
        for section, _label in NARRATIVE_SECTIONS
        for lang in ("zh", "en")
    ]


def _narrative(label):
    return models.TextField(label, blank=True)


class Festival(VersionedModel):
    """A festival period, compared with another (usually the same festival a year earlier).

    Not a station record: every station's figures are summed over the same days.
    `version` locks edits the way BaseRecord does.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    comparison = models.ForeignKey(
        "self",
        verbose_name=_("compared with"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="compared_by",
        help_text=_("Usually the same festival a year earlier (it moves with the lunar calendar)."),
    )
    narrative_overview_zh = _narrative(_("overview (Chinese)"))
    narrative_overview_en = _narrative(_("overview (English)"))
    narrative_multi_level_zh = _narrative(_("multi-level security (Chinese)"))
    narrative_multi_level_en = _narrative(_("multi-level security (English)"))
    narrative_venues_zh = _narrative(_("venues and key items (Chinese)"))
    narrative_venues_en = _narrative(_("venues and key items (English)"))
    narrative_disputes_zh = _narrative(_("disputes (Chinese)"))
    narrative_disputes_en = _narrative(_("disputes (English)"))
    narrative_patrols_zh = _narrative(_("patrols and crackdown (Chinese)"))
    narrative_patrols_en = _narrative(_("patrols and crackdown (English)"))
    narrative_quality_zh = _narrative(_("quality of work (Chinese)"))
    narrative_quality_en = _narrative(_("quality of work (English)"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        constraints = [
            models.CheckConstraint(
                name="festival_ends_after_start",
                condition=Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("A festival cannot end before it starts."),
            ),
            models.CheckConstraint(
                name="festival_not_compared_with_itself",
                condition=Q(comparison__isnull=True) | ~Q(comparison=F("pk")),
                violation_error_message=_("A festival cannot be compared with itself."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reports:summary", args=[self.slug])

    def clean(self):
        if self.comparison_id and self.pk and self.comparison_id == self.pk:
            raise ValidationError({"comparison": _("A festival cannot be compared with itself.")})
        if self.starts_on and self.ends_on and self.ends_on >= self.starts_on:
            try:
                check_festival_days(self.starts_on, self.ends_on)
            except ValidationError as error:
                raise ValidationError({"ends_on": error}) from None

    @property
    def name(self):
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    @property
    def days(self):
        return (self.ends_on - self.starts_on).days + 1

    def narrative(self, section, lang):
        return getattr(self, f"narrative_{section}_{lang}", "")


class Lang(models.TextChoices):
    ZH = "zh", _("Chinese")
    EN = "en", _("English")


class BulletinDraft(VersionedModel):
    """The supervisors' edited bulletin of a festival in one language (SPEC §6).

    `texts` maps a section key (NARRATIVE_SECTIONS) to its text with placeholders
    ({police_reports.effective}, see reports.placeholders); a section missing from it is
    generated from the figures. Versioned and kept in history like every record.
    """

    festival = models.ForeignKey(
        Festival, verbose_name=_("festival"), on_delete=models.CASCADE, related_name="drafts"
    )
    lang = models.CharField(_("language"), max_length=2, choices=Lang.choices)
    texts = models.JSONField(_("section texts"), default=dict, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bulletin draft")
        verbose_name_plural = _("bulletin drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "lang"],
                name="bulletin_draft_one_per_language",
                violation_error_message=_("A festival has one draft per language."),
            )
        ]

    def __str__(self):
        return f"{self.festival} ({self.lang})"


class PublicationImmutable(Exception):
    """A publication is never changed once made (SPEC §4)."""


class WrittenOnce(models.Model):
    """A row that is created and never updated: save() on a stored one raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PublicationImmutable(f"{self._meta.label} {self.pk} cannot be changed")
        super().save(*args, **kwargs)


class Publication(WrittenOnce):
    """A signed-off bulletin: the festival frozen as it stood (SPEC §4 "Publications").

    The summaries are kept as the JSON text the API answered, so a publication reads back
    byte for byte whatever records change later; numbered 1, 2, … per festival.
    """

    festival = models.ForeignKey(
        Festival,
        verbose_name=_("festival"),
        on_delete=models.PROTECT,
        related_name="publications",
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    published_by_name = models.CharField(_("published by (user name)"), max_length=150)
    summary_json = models.TextField(_("district summary (JSON)"))
    stations_json = models.TextField(_("each station's summary (JSON)"))
    bulletin_zh = models.TextField(_("bulletin (Chinese)"))
    bulletin_en = models.TextField(_("bulletin (English)"))

    class Meta:
        ordering = ["festival", "number"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["festival", "number"],
                name="publication_number_unique_per_festival",
                violation_error_message=_("This festival already has a publication so numbered."),
            )
        ]

    def __str__(self):
        return f"{self.festival} #{self.number}"

    def summary(self, station_code=None):
        """The summary object as the API answered it then: the district's, or a station's
        (None when the station had no summary frozen)."""
        if station_code is None:
            return json.loads(self.summary_json)
        return json.loads(self.stations_json).get(station_code)


class PublicationFile(WrittenOnce):
    """A published PDF or Word file, kept and served byte for byte."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    lang = models.CharField(_("language"), max_length=2, choices=Lang.choices)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("published file")
        verbose_name_plural = _("published files")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "kind", "lang"], name="publication_file_unique"
            )
        ]

    def __str__(self):
        return f"{self.publication} {self.lang}.{self.kind}"

    @property
    def filename(self):
        return f"{self.publication.festival.slug}-{self.publication.number}-{self.lang}.{self.kind}"
