"""The base form of every record: station scoping and the optimistic-lock check."""

import datetime
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from .formfields import InputRulesModelForm
from .models import Station
from .roles import own_station, sees_all_stations


def describe_value(record, field_name):
    field = record._meta.get_field(field_name)
    if field.choices:
        return getattr(record, f"get_{field_name}_display")()
    value = getattr(record, field_name)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)  # shown in Asia/Shanghai, as the history is
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else localize(value)


def changed_fields(cleaned_data, current):
    """Labels and the other person's values where the saved record differs from the form."""
    out = []
    for name, value in cleaned_data.items():
        if name == "version" or not hasattr(current, name):
            continue
        if value != getattr(current, name):
            out.append((current._meta.get_field(name).verbose_name, describe_value(current, name)))
    return out


def check_version(form, cleaned):
    """The conflict rule of every edit form (records and festivals), as the API's: an edit
    must carry the version it was loaded at. Returns the version, or None after adding the
    field error when it is missing."""
    submitted = cleaned.get("version")
    if submitted is None and "version" not in form.errors:
        form.add_error("version", _("Send the version you loaded; it is required to update."))
    return submitted


class RecordForm(InputRulesModelForm):
    """ModelForm for a record, its fields following SPEC §2's input rules.

    Staff never choose a station: theirs is set whatever the request carries. The hidden
    `version` is the version the editor loaded and is required on an edit (a form posted
    without it is refused, as the API refuses it); a stale one is refused with the other
    person's change shown, and the form keeps everything the editor typed.
    """

    version = forms.IntegerField(
        label=_("version"), widget=forms.HiddenInput, required=False, min_value=1
    )
    # One-time token of a create form: the view saves one record per token, so a double
    # click or a resent request does not make two (see RecordFormMixin.claim_form_token).
    form_token = forms.CharField(
        label=_("form token"), widget=forms.HiddenInput, required=False, max_length=64
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.conflict = None
        if "station" in self.fields:
            if user is not None and not sees_all_stations(user):
                del self.fields["station"]
            else:
                self.fields["station"].queryset = Station.objects.order_by("code")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            # A new record is version 1 whatever is posted; the field stays (disabled) because
            # the admin's fieldsets list it on the add page too.
            self.fields["version"].initial = 1
            self.fields["version"].disabled = True
            self.fields["form_token"].initial = uuid.uuid4().hex
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _post_clean(self):
        station = own_station(self.user) if self.user is not None else None
        if station is not None:
            self.instance.station = station
        super()._post_clean()

    def _get_validation_exclusions(self):
        # Staff have no station field, but their station is set above: the rules that span
        # the station (one tally per station, date and department) must still be checked.
        exclude = super()._get_validation_exclusions()
        if "station" not in self.fields and getattr(self.instance, "station_id", None):
            exclude.discard("station")
        return exclude

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "version" in self.fields:
            submitted = check_version(self, cleaned)
            if submitted is None:
                return cleaned
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk).first()
            if current is not None and current.version != submitted:
                self.conflict = current
                who = current.updated_by or _("someone else")
                changes = "; ".join(
                    f"{label}: {value}" for label, value in changed_fields(cleaned, current)
                )
                # Re-submitting the kept entries then deliberately replaces their change.
                self.data = self.data.copy()
                self.data[self.add_prefix("version")] = current.version
                raise forms.ValidationError(
                    _(
                        "This record was changed by %(who)s at %(when)s after you opened it. "
                        "Their values: %(changes)s. Your entries are kept below; save again "
                        "to replace their change with yours."
                    ),
                    code="version_conflict",
                    params={
                        "who": who,
                        "when": localize(current.updated_at),
                        "changes": changes or _("no visible field changed"),
                    },
                )
            self.instance.version = submitted
        return cleaned


MAX_DB_INTEGER = 2**63 - 1


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField whose ids are checked before they reach the database.

    SQLite raises OverflowError (not ValueError) for an integer past 64 bits, which Django's
    field does not catch: a crafted id would answer 500 instead of a field error.
    """

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else [value]:
            try:
                out_of_range = abs(int(str(pk))) > MAX_DB_INTEGER
            except (TypeError, ValueError):
                continue  # the parent reports what is not a number
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
