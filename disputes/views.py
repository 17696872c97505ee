from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from django_tables2 import SingleTableView

from xihu.models import Station, VersionConflict
from xihu.roles import sees_all_stations
from xihu.views import RecordPages
from xihu.views.records import RecordDetailView, RecordMixin, RecordUpdateView, replace_view

from . import workflows
from .filtersets import DisputeFilterSet
from .forms import (
    DisputeForm,
    EscalateForm,
    FollowUpFormSet,
    FollowUpVisitForm,
    MediationForm,
    PartyFormSet,
    ResolveForm,
    apply_follow_up_rules,
)
from .masking import log_reveal, masked_parties_text
from .models import Dispute, DisputeStatus
from .tables import AttentionTable, DisputeTable
from .timeline import timeline


class DisputeDetailView(RecordDetailView):
    """Whole personal data for a user who may see the record; the reveal is audited."""

    template_name = "disputes/dispute_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dispute = self.object
        context["parties"] = list(dispute.parties.all())  # prefetched
        context["timeline"] = timeline(dispute, context["history"])
        context["actions"] = [
            (label, DisputePages.url(action, dispute.pk), action)
            for action, label, allowed in WORKFLOW_LINKS
            if allowed(dispute)
        ]
        log_reveal(self.request, dispute, via="detail")
        return context


class DisputeUpdateView(RecordUpdateView):
    """The edit form shows the parties whole, so opening it is a reveal too."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        log_reveal(request, self.object, via="edit")
        return response


class WorkflowView(RecordMixin, FormView):
    """One workflow step on one dispute, run through disputes.workflows."""

    template_name = "disputes/workflow_form.html"
    form_class = None
    title = ""
    versioned = True

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.object.version, **self.initial_values()}

    def initial_values(self):
        return {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["title"] = self.title
        return context

    def form_valid(self, form):
        try:
            self.run(form.cleaned_data)
        except VersionConflict:
            form.add_error(None, _("This record was changed by someone else while you saved."))
            return self.form_invalid(form)
        except ValidationError as error:
            for field, texts in error.message_dict.items():
                form.add_error(field if field in form.fields else None, texts)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(record)s") % {"record": self.object})
        return HttpResponseRedirect(self.object.get_absolute_url())

    def run(self, data):
        raise NotImplementedError


class MediateView(WorkflowView):
    form_class = MediationForm
    title = gettext_lazy("Start mediation")

    def initial_values(self):
        return {
            "channel": self.object.channel,
            "mediator": self.object.mediator,
            "mediated_on": self.object.mediated_on or timezone.localdate(),
        }

    def run(self, data):
        workflows.start_mediation(dispute=self.object, by=self.request.user, **data)


class ResolveView(WorkflowView):
    form_class = ResolveForm
    title = gettext_lazy("Resolve")

    def initial_values(self):
        return {
            "resolved_on": self.object.resolved_on or timezone.localdate(),
            "resolution": self.object.resolution,
        }

    def run(self, data):
        workflows.resolve(dispute=self.object, by=self.request.user, **data)


class EscalateView(WorkflowView):
    form_class = EscalateForm
    title = gettext_lazy("Escalate")

    def run(self, data):
        workflows.escalate(dispute=self.object, by=self.request.user, **data)


class FollowUpView(WorkflowView):
    form_class = FollowUpVisitForm
    title = gettext_lazy("Record a follow-up visit")

    def get_initial(self):
        return {"visited_on": timezone.localdate(), "stable": True}

    def run(self, data):
        workflows.record_follow_up(dispute=self.object, by=self.request.user, **data)


def _unresolved(dispute):
    return dispute.status != DisputeStatus.RESOLVED


# (url action, label, shown when) on the detail page
WORKFLOW_LINKS = [
    ("mediate", gettext_lazy("Start mediation"), _unresolved),
    ("resolve", gettext_lazy("Resolve"), _unresolved),
    ("escalate", gettext_lazy("Escalate"), _unresolved),
    ("followup", gettext_lazy("Record a follow-up visit"), lambda d: True),
]
WORKFLOW_VIEWS = {
    "mediate": MediateView,
    "resolve": ResolveView,
    "escalate": EscalateView,
    "followup": FollowUpView,
}


class DisputePages(RecordPages):
    model = Dispute
    url_prefix = "disputes"
    filterset_class = DisputeFilterSet
    table_class = DisputeTable
    form_class = DisputeForm
    formsets = {"parties": PartyFormSet, "follow_ups": FollowUpFormSet}
    list_select_related = ("station", "created_by", "updated_by")
    list_prefetch_related = ("parties", "follow_ups")
    export_fields = (
        "id",
        "station",
        "registered_on",
        "category",
        "risk_level",
        "source",
        "summary",
        "status",
        "channel",
        "mediator",
        "resolved_on",
        "resolution",
        "escalated_to",
    )

    @classmethod
    def export_headers(cls):
        return [*cls.export_columns(), "parties", "follow_ups", "last_visited_on"]

    @classmethod
    def export_row(cls, record):
        visits = list(record.follow_ups.all())  # prefetched per chunk
        return [
            *super().export_row(record),
            masked_parties_text(record.parties.all()),
            len(visits),
            visits[-1].visited_on.isoformat() if visits else "",
        ]

    @classmethod
    def clean_together(cls, form, formsets):
        apply_follow_up_rules(formsets["follow_ups"], form.instance)

    @classmethod
    def urls(cls):
        patterns = replace_view(
            super().urls(), "dispute_detail", DisputeDetailView.as_view(pages=cls)
        )
        patterns = replace_view(patterns, "dispute_edit", DisputeUpdateView.as_view(pages=cls))
        return [
            *patterns,
            path("disputes/attention/", AttentionView.as_view(), name="attention"),
            *(
                path(
                    f"disputes/<int:pk>/{action}/",
                    view.as_view(pages=cls),
                    name=f"dispute_{action}",
                )
                for action, view in WORKFLOW_VIEWS.items()
            ),
        ]


class AttentionView(SingleTableView):
    """Resolved disputes still without their follow-up visit, and open major/high-risk
    disputes, by station."""

    template_name = "disputes/attention.html"
    table_class = AttentionTable
    paginate_by = 50

    @staticmethod
    def disputes(user, station=None):
        return (
            Dispute.objects.for_user(user)
            .for_station(station)
            .needs_attention(timezone.localdate())
        )

    def station(self):
        code = self.request.GET.get("station")
        if code and sees_all_stations(self.request.user):
            return Station.objects.filter(code=code).first()
        return None

    def get_queryset(self):
        return (
            self.disputes(self.request.user, self.station())
            .select_related("station")
            .prefetch_related("parties")
            .order_by("registered_on", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["by_station"] = (
            self.disputes(self.request.user)
            .values("station__code", "station__name_zh", "station__name_en")
            .annotate(count=Count("pk"))
            .order_by("station__code")
        )
        context["station"] = self.station()
        return context
