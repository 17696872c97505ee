from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from xihu.formfields import InputRulesModelForm
from xihu.forms import check_version

from .models import Festival, narrative_field_names


class FestivalForm(InputRulesModelForm):
    """Festival and its narrative; the hidden version refuses a stale save (see save(by=))."""

    version = forms.IntegerField(
        label=_("version"), widget=forms.HiddenInput, required=False, min_value=1
    )

    class Meta:
        model = Festival
        fields = [
            "slug",
            "name_zh",
            "name_en",
            "starts_on",
            "ends_on",
            "comparison",
            *narrative_field_names(),
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in narrative_field_names()},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        comparison = Festival.objects.order_by("-starts_on")
        if self.instance.pk:
            comparison = comparison.exclude(pk=self.instance.pk)
            self.fields["version"].initial = self.instance.version
        else:
            # A new festival is version 1; the field stays (disabled) because the admin's
            # fieldsets name it.
            self.fields["version"].initial = 1
            self.fields["version"].disabled = True
        self.fields["comparison"].queryset = comparison
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "version" in self.fields:
            submitted = check_version(self, cleaned)
            if submitted is None:
                return cleaned
            if (
                Festival.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
                != submitted
            ):
                raise forms.ValidationError(
                    _("This festival was changed by someone else after you opened it. Reload it."),
                    code="version_conflict",
                )
            self.instance.version = submitted
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("A festival cannot end before it starts."))
        return cleaned


class BulletinDraftForm(forms.Form):
    """One textarea per bulletin section (drafts.TITLES) and the version the editor loaded
    (0 when no draft was saved yet)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, lang="zh", **kwargs):
        from .drafts import TITLES

        super().__init__(*args, **kwargs)
        for key, titles in TITLES.items():
            self.fields[key] = forms.CharField(
                label=titles[0 if lang == "zh" else 1],
                required=False,
                strip=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
            )

    def texts(self):
        """{section: text} with Windows line ends made plain."""
        from .drafts import TITLES

        return {key: self.cleaned_data[key].replace("\r\n", "\n") for key in TITLES}
