from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from xihu.admin import RecordAdmin, RecordAdminForm

from .forms import FollowUpForm, PartyForm, WorkflowFieldErrors, apply_follow_up_rules
from .masking import log_reveal, masked_names
from .models import Dispute, FollowUp, Party
from .views import WORKFLOW_LINKS, DisputePages


class PartyInline(admin.TabularInline):
    model = Party
    form = PartyForm
    extra = 1


class FollowUpAdminFormSet(BaseInlineFormSet):
    """The admin builds the inline with the dispute as just edited, so the shared rule reads
    its registration date here (the pages do it in DisputePages.clean_together)."""

    def clean(self):
        super().clean()
        apply_follow_up_rules(self, self.instance)


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    form = FollowUpForm
    formset = FollowUpAdminFormSet
    extra = 0


class DisputeAdminForm(WorkflowFieldErrors, RecordAdminForm):
    pass


@admin.register(Dispute)
class DisputeAdmin(RecordAdmin):
    """The status moves only through the workflow steps (disputes.workflows), linked from the
    change page; the list shows parties masked."""

    form = DisputeAdminForm
    list_display = [
        "registered_on",
        "station",
        "category",
        "risk_badge",
        "status",
        "channel",
        "masked_parties",
        "resolved_on",
    ]
    list_filter = ["station", "category", "risk_level", "status", "channel"]
    search_fields = ["summary", "mediator"]
    readonly_fields = [
        *RecordAdmin.readonly_fields,
        "status",
        "channel",
        "mediator",
        "mediated_on",
        "resolved_on",
        "resolution",
        "escalated_to",
        "workflow_links",
    ]
    inlines = [PartyInline, FollowUpInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    @admin.display(description=_("risk level"), ordering="risk_level")
    def risk_badge(self, obj):
        return format_html(
            '<span class="badge {}">{}</span>', obj.risk_css, obj.get_risk_level_display()
        )

    @admin.display(description=_("parties"))
    def masked_parties(self, obj):
        return masked_names(obj.parties.all())

    @admin.display(description=_("workflow"))
    def workflow_links(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return format_html_join(
            " | ",
            '<a href="{}">{}</a>',
            (
                (DisputePages.url(action, obj.pk), label)
                for action, label, allowed in WORKFLOW_LINKS
                if allowed(obj)
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            dispute = Dispute.objects.filter(pk=object_id).first()
            if dispute is not None:
                log_reveal(request, dispute, via="admin")
        return response
