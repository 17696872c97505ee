from django import forms

from xihu.forms import RecordForm

from .models import ServiceTally


class ServiceTallyForm(RecordForm):
    class Meta:
        model = ServiceTally
        fields = [
            "station",
            "date",
            "department",
            "handled",
            "vehicle_driving",
            "on_time",
            "praised",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
