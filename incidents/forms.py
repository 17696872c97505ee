from django import forms
from django.utils import timezone

from xihu.forms import RecordForm

from .models import Case, PoliceReport


class PoliceReportForm(RecordForm):
    class Meta:
        model = PoliceReport
        fields = [
            "station",
            "received_at",
            "category",
            "effective",
            "source",
            "location",
            "summary",
        ]
        widgets = {
            "received_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            # received_at is usually "now": the cursor starts where the typing starts
            "category": forms.Select(attrs={"autofocus": True}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # The form staff fill most: received now, effective, from a 110 call.
            self.fields["received_at"].initial = timezone.localtime().replace(
                second=0, microsecond=0
            )


class CaseForm(RecordForm):
    class Meta:
        model = Case
        fields = [
            "station",
            "cracked_on",
            "nature",
            "category",
            "title",
            "suspects_arrested",
            "gangs_smashed",
            "recovered_value",
        ]
        widgets = {
            "cracked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "category": forms.Select(attrs={"autofocus": True}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # Cases are mostly entered on the day they are cracked; nature defaults to criminal.
            self.fields["cracked_on"].initial = timezone.localdate()
