from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from xihu.imports import RecordImport
from xihu.models import FormSubmission, VersionConflict
from xihu.roles import own_station
from xihu.views import RecordPages
from xihu.views.records import DuplicateSubmission, FormPageView, RecordListView

from .board import build_board
from .figures import summarise_days
from .filtersets import LargeEventFilterSet, PatrolDeploymentFilterSet
from .forms import (
    BoardForm,
    DayEntryForm,
    DeploymentRowFormSet,
    LargeEventForm,
    PatrolDeploymentForm,
)
from .models import (
    DEPLOYMENT_IDENTITY,
    PLAN_LEAD_DAYS,
    WARNING_ATTENDANCE,
    LargeEvent,
    PatrolDeployment,
)
from .tables import LargeEventTable, PatrolDeploymentTable, PlanWarningTable
from .workflows import ROW_FIELDS, RowInvalid, record_day_deployments


class PatrolDeploymentPages(RecordPages):
    model = PatrolDeployment
    url_prefix = "patrol-deployments"
    list_sums = ("personnel", "vehicles", "community_forces")
    filterset_class = PatrolDeploymentFilterSet
    table_class = PatrolDeploymentTable
    form_class = PatrolDeploymentForm
    export_fields = ("id", "station", "date", *ROW_FIELDS)

    @classmethod
    def urls(cls):
        # The list links to the quick entry and the board, hence its own template.
        patterns = super().urls()
        patterns[0] = path(
            f"{cls.url_prefix}/",
            RecordListView.as_view(pages=cls, template_name="patrols/patroldeployment_list.html"),
            name="patroldeployment_list",
        )
        return patterns


class LargeEventPages(RecordPages):
    model = LargeEvent
    url_prefix = "large-events"
    list_sums = ("expected_attendance", "police_deployed")
    filterset_class = LargeEventFilterSet
    table_class = LargeEventTable
    form_class = LargeEventForm
    export_fields = (
        "id",
        "station",
        "name",
        "starts_on",
        "ends_on",
        "location",
        "organiser",
        "expected_attendance",
        "security_plan_issued_on",
        "police_deployed",
    )

    @classmethod
    def detail_fields(cls, record):
        fields = super().detail_fields(record)
        if record.expected_attendance >= WARNING_ATTENDANCE:
            # What the warning list checks, so the event page explains why it is listed.
            overdue = _("yes") if record.plan_overdue else _("no")
            fields += [
                (_("plan due by"), localize(record.plan_deadline)),
                (_("plan overdue"), overdue),
            ]
        return fields

    @classmethod
    def warnings(cls, user):
        """Events the user may see that still lack a timely security plan."""
        return (
            cls.queryset(user)
            .needing_plan_warning(timezone.localdate())
            .order_by("starts_on", "pk")
        )


class PatrolDeploymentImport(RecordImport):
    pages = PatrolDeploymentPages
    fields = ("date", *ROW_FIELDS)
    identity = DEPLOYMENT_IDENTITY


class LargeEventImport(RecordImport):
    pages = LargeEventPages
    fields = LargeEventPages.export_fields[2:]  # after id and station, the SPEC columns


class DayEntryView(TemplateView):
    """One station's deployments of one day in one form: the day's saved rows to change,
    and blank rows to add. Opening a day that has rows shows them (GET ?date=&station=)."""

    template_name = "patrols/day_entry.html"

    def get(self, request, *args, **kwargs):
        form = DayEntryForm(request.GET if "date" in request.GET else None, user=request.user)
        day = self.opened_day(form)
        return self.render_forms(form, self.formset(day), day)

    def post(self, request, *args, **kwargs):
        form = DayEntryForm(request.POST, user=request.user)
        day = self.opened_day(form)
        formset = self.formset(day, request.POST)
        if day is None or not formset.is_valid():
            return self.render_forms(form, formset, day)
        station, date = day
        rows = [
            (row.instance if row.instance.pk else None, row.cleaned_data)
            for row in formset.forms
            if row.has_changed() and row not in formset.deleted_forms
        ]
        deleted = [row.instance for row in formset.deleted_forms if row.instance.pk]
        try:
            with transaction.atomic():
                self.claim(form.cleaned_data.get("form_token"))
                saved = record_day_deployments(
                    station=station, date=date, rows=rows, by=request.user, deleted=deleted
                )
        except DuplicateSubmission:
            messages.info(request, _("This form was already submitted; it was saved once."))
        except RowInvalid as invalid:
            changed = [row for row in formset.forms if row.has_changed()]
            changed = [row for row in changed if row not in formset.deleted_forms]
            changed[invalid.index].add_error(None, invalid.error.messages)
            return self.render_forms(form, formset, day)
        except VersionConflict:
            form.add_error(
                None,
                _(
                    "A row of this day was changed or removed by someone else after you "
                    "opened it; open the day again to see their change."
                ),
            )
            return self.render_forms(form, formset, day)
        else:
            messages.success(
                request,
                _("Saved %(count)d deployments of %(date)s.") % {"count": len(saved), "date": date},
            )
        query = {"start": date, "end": date}
        if own_station(request.user) is None:
            query["station"] = station.code
        return HttpResponseRedirect(f"{reverse('patrols:board')}?{urlencode(query)}")

    def opened_day(self, form):
        """(station, date) of a valid head form, or of staff's own station today unbound."""
        if not form.is_bound:
            station = own_station(self.request.user)
            return (station, form.fields["date"].initial) if station else None
        if not form.is_valid():
            return None
        station = own_station(self.request.user) or form.cleaned_data["station"]
        return station, form.cleaned_data["date"]

    def formset(self, day, data=None):
        rows = PatrolDeployment.objects.none()
        if day is not None:
            rows = (
                PatrolDeployment.objects.for_user(self.request.user)
                .filter(station=day[0], date=day[1])
                .order_by("shift", "pk")
            )
        formset = DeploymentRowFormSet(data, queryset=rows, prefix="rows")
        if data is None and rows.exists():
            formset.extra = 1  # the day's rows to change, and one blank row to add
        return formset

    def claim(self, token):
        # The unique token makes the second submission of the same form save nothing.
        if not token:
            return
        try:
            with transaction.atomic():
                FormSubmission.objects.create(
                    token=token, user=self.request.user, model=PatrolDeployment._meta.label
                )
        except IntegrityError:
            raise DuplicateSubmission(token)

    def render_forms(self, form, formset, day):
        context = self.get_context_data(form=form, formset=formset)
        if day is not None:
            context["station"], context["date"] = day
            context["open_rows"] = formset.initial_form_count()
        return self.render_to_response(context)


class BoardView(FormPageView):
    template_name = "patrols/board.html"
    link_params = tuple(BoardForm.base_fields)  # what a link may ask of it (reports.links)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = BoardForm(self.request.GET, user=self.request.user)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data
            days = build_board(
                user=self.request.user,
                start=data["start"],
                end=data["end"],
                station=data.get("station"),
                min_personnel=data["min_personnel"],
                min_vehicles=data["min_vehicles"],
            )
            context["days"] = days
            context["figures"] = summarise_days([day.total for day in days])
            context["days_short"] = sum(1 for day in days if not day.meets_target)
        return context


class PlanWarningView(SingleTableView):
    """Large events of 1,000 people or more without a plan issued 3 days before they start."""

    template_name = "patrols/plan_warnings.html"
    table_class = PlanWarningTable
    paginate_by = 50

    def get_queryset(self):
        return LargeEventPages.warnings(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["warning_attendance"] = WARNING_ATTENDANCE
        context["lead_days"] = PLAN_LEAD_DAYS
        return context
