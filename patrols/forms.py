import datetime
import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu import formfields
from xihu.formfields import InputRulesModelForm
from xihu.forms import RecordForm, check_version
from xihu.models import Station
from xihu.roles import sees_all_stations

from .models import (
    DAILY_PERSONNEL_TARGET,
    DAILY_VEHICLES_TARGET,
    LargeEvent,
    PatrolDeployment,
)
from .workflows import ROW_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A board or a rates page over more days than this is a report, not a page.
MAX_PERIOD_DAYS = 366


class ZeroWhenEmpty(forms.IntegerField):
    """A count left empty is 0, so an untouched extra row of the day entry is unchanged."""

    def to_python(self, value):
        value = super().to_python(value)
        return 0 if value is None else value


class CommunityForcesOptional:
    """Community forces may be left empty: none went with the patrol (0, the default).
    Meta.field_classes names ZeroWhenEmpty for the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community_forces"].required = False


class PatrolDeploymentForm(CommunityForcesOptional, RecordForm):
    class Meta:
        model = PatrolDeployment
        fields = ["station", "date", *ROW_FIELDS]
        widgets = {"date": DATE_WIDGET}
        field_classes = {"community_forces": ZeroWhenEmpty}


class LargeEventForm(RecordForm):
    class Meta:
        model = LargeEvent
        fields = [
            "station",
            "name",
            "starts_on",
            "ends_on",
            "location",
            "organiser",
            "expected_attendance",
            "security_plan_issued_on",
            "police_deployed",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "security_plan_issued_on": DATE_WIDGET,
        }


class DayEntryForm(forms.Form):
    """The head of the quick entry: which station's day. Staff never choose a station."""

    station = forms.ModelChoiceField(label=_("station"), queryset=Station.objects.none())
    date = formfields.DateField(label=_("date"), widget=DATE_WIDGET)
    # One-time token, as on the generic create form: a double click saves the day once.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if sees_all_stations(user):
            self.fields["station"].queryset = Station.objects.order_by("code")
        else:
            del self.fields["station"]
        self.fields["date"].initial = timezone.localdate()
        self.fields["form_token"].initial = uuid.uuid4().hex
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class DeploymentRowForm(CommunityForcesOptional, InputRulesModelForm):
    """One row of the day entry; a saved row carries the version the editor loaded."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = PatrolDeployment
        fields = ROW_FIELDS
        field_classes = {"community_forces": ZeroWhenEmpty}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        else:
            # The usual row, so an untouched extra row stays unchanged and is skipped.
            self.fields["shift"].initial = "day"
            self.fields["mode"].initial = "car"
            self.fields["area_kind"].initial = "scenic_spot"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.has_changed():
            # VersionedModel.save refuses to write over a change made since this version;
            # a changed row without one is refused like every edit form (check_version).
            submitted = check_version(self, cleaned)
            if submitted is not None:
                self.instance.version = submitted
        return cleaned


DeploymentRowFormSet = forms.modelformset_factory(
    PatrolDeployment,
    form=DeploymentRowForm,
    extra=3,
    min_num=1,
    validate_min=True,
    max_num=50,
    validate_max=True,
    can_delete=True,
    can_delete_extra=False,
)


class PeriodForm(forms.Form):
    """A period of local dates (and a station for those who see every station)."""

    start = formfields.DateField(label=_("from"), widget=DATE_WIDGET)
    end = formfields.DateField(label=_("to"), widget=DATE_WIDGET)
    station = forms.ModelChoiceField(
        label=_("station"),
        queryset=Station.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All stations"),
    )

    def __init__(self, data=None, *, user):
        # Empty or missing fields take the defaults, so the bare URL shows something useful.
        values = dict(data.items()) if data else {}
        for name, default in self.defaults().items():
            if not values.get(name):
                values[name] = default
        super().__init__(values)
        if sees_all_stations(user):
            self.fields["station"].queryset = Station.objects.order_by("code")
        else:
            del self.fields["station"]

    def defaults(self):
        today = timezone.localdate()
        return {"start": today - datetime.timedelta(days=6), "end": today}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end cannot be before the start."))
            elif (end - start).days >= MAX_PERIOD_DAYS:
                self.add_error(
                    "end",
                    _("Choose a period of at most %(days)d days.") % {"days": MAX_PERIOD_DAYS},
                )
        return cleaned


class BoardForm(PeriodForm):
    min_personnel = forms.IntegerField(
        label=_("personnel target per day"), min_value=0, max_value=1_000_000, required=False
    )
    min_vehicles = forms.IntegerField(
        label=_("police car target per day"), min_value=0, max_value=1_000_000, required=False
    )

    def defaults(self):
        return {
            **super().defaults(),
            "min_personnel": DAILY_PERSONNEL_TARGET,
            "min_vehicles": DAILY_VEHICLES_TARGET,
        }
