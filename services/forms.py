from django import forms

from xihu.forms import RecordForm
from xihu.models import record_url

from .models import TALLY_IDENTITY, ServiceTally


class ServiceTallyForm(RecordForm):
    """A tally; a second one for a counter's day is refused with a link to change the first."""

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

    def _post_clean(self):
        super()._post_clean()
        # The constraint (services.models) said no; offer the tally it meant to change.
        self.existing_url = None
        if self.non_field_errors() and self.instance.station_id:
            values = {name: getattr(self.instance, name) for name in TALLY_IDENTITY}
            existing = (
                ServiceTally.objects.for_user(self.user)
                .filter(**values)
                .exclude(pk=self.instance.pk)
                .first()
                if self.user is not None
                else None
            )
            if existing is not None:
                self.existing_url = record_url(existing, "edit")
