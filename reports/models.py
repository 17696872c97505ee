"""Festivals: the periods the summary and the bulletin are written for, SPEC §2 reports."""

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
