from patrols.forms import PeriodForm
from xihu.imports import RecordImport
from xihu.views import RecordPages
from xihu.views.records import FormPageView

from .figures import department_figures, service_figures
from .filtersets import ServiceTallyFilterSet
from .forms import ServiceTallyForm
from .models import TALLY_IDENTITY, ServiceTally
from .tables import ServiceTallyTable


class ServiceTallyPages(RecordPages):
    model = ServiceTally
    url_prefix = "service-tallies"
    list_sums = ("handled", "vehicle_driving", "on_time", "praised")
    filterset_class = ServiceTallyFilterSet
    table_class = ServiceTallyTable
    form_class = ServiceTallyForm
    export_fields = (
        "id",
        "station",
        "date",
        "department",
        "handled",
        "vehicle_driving",
        "on_time",
        "praised",
    )


class ServiceTallyImport(RecordImport):
    pages = ServiceTallyPages
    fields = ServiceTallyPages.export_fields[2:]  # after id and station, the SPEC columns
    identity = TALLY_IDENTITY


class RatesView(FormPageView):
    """Sums and on-time and praise rates over any period, per department and in all."""

    template_name = "services/rates.html"
    link_params = tuple(PeriodForm.base_fields)  # what a link may ask of it (reports.links)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeriodForm(self.request.GET, user=self.request.user)
        context["form"] = form
        if form.is_valid():
            scoped = ServiceTally.objects.for_user(self.request.user)
            period = (form.cleaned_data["start"], form.cleaned_data["end"])
            station = form.cleaned_data.get("station")
            rows = department_figures(*period, station=station, queryset=scoped)
            labels = dict(ServiceTally._meta.get_field("department").choices)
            for row in rows:
                row["label"] = labels.get(row["department"], row["department"])
            context["departments"] = rows
            context["total"] = service_figures(*period, station=station, queryset=scoped)
        return context
