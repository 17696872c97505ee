from functools import partial

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu import formfields
from xihu.formfields import InputRulesModelForm
from xihu.forms import RecordForm, RecordMultipleChoiceField

from .models import Disposition, FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue
from .rules import clean_hazards

DATE = {"type": "date"}


def date_input():
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


class VenueForm(RecordForm):
    class Meta:
        model = Venue
        fields = ["station", "name", "kind", "address", "contact_name", "contact_phone"]


class VenueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, venue):
        return f"{venue.name} · {venue.get_kind_display()} · {venue.station}"


class InspectionForm(RecordForm):
    """The station is the venue's: an inspection is recorded where the venue is registered."""

    class Meta:
        model = Inspection
        fields = [
            "venue",
            "inspected_on",
            "inspectors",
            "notes",
            "notice_number",
            "notice_deadline",
        ]
        field_classes = {"venue": VenueChoiceField}
        widgets = {
            "inspected_on": date_input(),
            "notice_deadline": date_input(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        venues = Venue.objects.select_related("station").order_by("station__code", "name")
        if self.user is not None:
            venues = venues.for_user(self.user)
        self.fields["venue"].queryset = venues
        if not self.instance.pk:
            self.fields["inspected_on"].initial = timezone.localdate()

    def _post_clean(self):
        venue = self.cleaned_data.get("venue")
        if venue is not None:
            self.instance.station = venue.station
        super()._post_clean()


class HazardForm(InputRulesModelForm):
    class Meta:
        model = Hazard
        fields = ["description", "kind", "disposition", "rectified_on"]
        widgets = {"rectified_on": date_input()}
        help_texts = {"rectified_on": _("Left blank for a hazard still open.")}

    def _get_validation_exclusions(self):
        # An on-the-spot hazard's date is the inspection's, which rules.clean_hazards sets
        # after the rows are validated (the row cannot see its inspection's new date).
        exclude = super()._get_validation_exclusions()
        if self.cleaned_data.get("disposition") == Disposition.ON_SPOT:
            exclude.add("rectified_on")
        return exclude


HazardFormSet = inlineformset_factory(Inspection, Hazard, form=HazardForm, extra=1, can_delete=True)


def apply_hazard_rules(formset, *, inspected_on, notice_number):
    """Run rules.clean_hazards over the formset's kept rows; errors go on the rows."""
    kept = [
        form
        for form in formset.forms
        if form.cleaned_data and not (formset.can_delete and formset._should_delete_form(form))
    ]
    rows = [form.cleaned_data for form in kept]
    errors = clean_hazards(inspected_on=inspected_on, notice_number=notice_number, rows=rows)
    for form, row_errors in zip(kept, errors, strict=True):
        form.instance.rectified_on = form.cleaned_data.get("rectified_on")
        for field, messages in row_errors.items():
            for message in messages:
                form.add_error(field, message)


def hazard_choice_label(inspection, hazard):
    """A hazard as the re-inspection offers it: its description, disposition and, for a
    time-limited hazard, the deadline (the inspection's notice deadline)."""
    values = {"description": hazard.description, "disposition": hazard.get_disposition_display()}
    if hazard.disposition == Disposition.TIME_LIMITED and inspection.notice_deadline:
        values["day"] = inspection.notice_deadline.isoformat()
        return _("%(description)s (%(disposition)s, deadline %(day)s)") % values
    return _("%(description)s (%(disposition)s)") % values


class ReinspectionForm(forms.Form):
    """A re-inspection: the date and the open hazards it found rectified."""

    reinspected_on = formfields.DateField(label=_("re-inspected on"), widget=date_input())
    hazards = RecordMultipleChoiceField(
        label=_("hazards found rectified"),
        queryset=Hazard.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, inspection, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this inspection's open hazards: any other id is "not a valid choice".
        self.fields["hazards"].queryset = inspection.hazards.open()
        self.fields["hazards"].label_from_instance = partial(hazard_choice_label, inspection)
        self.fields["reinspected_on"].initial = timezone.localdate()
        self.fields["version"].initial = inspection.version


class PublicityActivityForm(RecordForm):
    class Meta:
        model = PublicityActivity
        fields = ["station", "held_on", "topic", "title", "materials_distributed", "attendees"]
        widgets = {"held_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["held_on"].initial = timezone.localdate()


class FireworksPersuasionForm(RecordForm):
    class Meta:
        model = FireworksPersuasion
        fields = ["station", "occurred_on", "location", "behaviours"]
        widgets = {"occurred_on": date_input()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["occurred_on"].initial = timezone.localdate()
