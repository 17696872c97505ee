from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu import formfields
from xihu.formfields import InputRulesModelForm
from xihu.forms import RecordForm

from .models import Dispute, FollowUp, MediationChannel, Party
from .workflows import follow_up_errors

DATE = {"type": "date"}


def date_input():
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


class WorkflowFieldErrors:
    """Model rules about fields left to the workflow (resolved_on) are shown on the
    registration date, the one field here that can break them (Django would raise
    ValueError for an error on a field the form lacks)."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            moved = {}
            for field, messages in errors.error_dict.items():
                known = field in self.fields or field == NON_FIELD_ERRORS
                moved.setdefault(field if known else "registered_on", []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)


class DisputeForm(WorkflowFieldErrors, RecordForm):
    """Registration and correction; the status moves only through the workflow forms."""

    class Meta:
        model = Dispute
        fields = ["station", "registered_on", "category", "risk_level", "source", "summary"]
        widgets = {
            "registered_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["registered_on"].initial = timezone.localdate()


class PartyForm(InputRulesModelForm):
    class Meta:
        model = Party
        fields = ["name", "role", "phone", "id_number"]


class FollowUpForm(InputRulesModelForm):
    class Meta:
        model = FollowUp
        fields = ["visited_on", "note", "stable"]
        widgets = {"visited_on": date_input(), "note": forms.TextInput()}


PartyFormSet = inlineformset_factory(
    Dispute, Party, form=PartyForm, extra=2, can_delete=True, max_num=50, validate_max=True
)
FollowUpFormSet = inlineformset_factory(
    Dispute, FollowUp, form=FollowUpForm, extra=0, can_delete=True, max_num=100, validate_max=True
)


def apply_follow_up_rules(formset, dispute):
    """workflows.follow_up_errors on each kept row, errors on the row."""
    if dispute.registered_on is None:
        return
    for form in formset.forms:
        if not form.cleaned_data or formset._should_delete_form(form):
            continue
        for field, texts in follow_up_errors(dispute, form.cleaned_data.get("visited_on")).items():
            for text in texts:
                form.add_error(field, text)


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MediationForm(VersionedForm):
    channel = formfields.ChoiceField(label=_("mediation channel"), choices=MediationChannel.choices)
    mediator = formfields.TextField(label=_("mediator"), max_length=100, required=False)
    mediated_on = formfields.DateField(label=_("mediation started on"), widget=date_input())


class ResolveForm(VersionedForm):
    resolved_on = formfields.DateField(label=_("resolved on"), widget=date_input())
    resolution = formfields.MultilineTextField(
        label=_("resolution summary"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EscalateForm(VersionedForm):
    escalated_to = formfields.TextField(label=_("escalated to"), max_length=100)


class FollowUpVisitForm(forms.Form):
    visited_on = formfields.DateField(label=_("visited on"), widget=date_input())
    note = formfields.MultilineTextField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stable = formfields.BooleanField(label=_("stable"), required=False, initial=True)
