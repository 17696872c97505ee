from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xihu.admin import RecordAdmin
from xihu.models import VersionConflict

from .forms import HazardForm, HazardFormSet, apply_hazard_rules
from .models import FireworksPersuasion, Hazard, Inspection, PublicityActivity, Venue
from .views import VenuePages
from .workflows import record_reinspection, settle_on_spot


class HazardAdminFormSet(HazardFormSet):
    """The admin builds the inline with the inspection as just edited, so the rules can
    read its new date and notice here (the pages do it in InspectionPages.clean_together)."""

    def clean(self):
        super().clean()
        apply_hazard_rules(
            self,
            inspected_on=self.instance.inspected_on,
            notice_number=self.instance.notice_number,
        )


class HazardInline(admin.TabularInline):
    model = Hazard
    form = HazardForm
    formset = HazardAdminFormSet
    extra = 1


@admin.register(Venue)
class VenueAdmin(RecordAdmin):
    list_display = ["name", "station", "kind", "address", "contact_name", "contact_phone"]
    list_filter = ["station", "kind"]
    search_fields = ["name", "address", "contact_name"]

    def changelist_view(self, request, extra_context=None):
        # A register is imported through the same page staff use (xihu.imports).
        extra_context = {**(extra_context or {}), "import_url": VenuePages.url("import")}
        return super().changelist_view(request, extra_context)


@admin.register(Inspection)
class InspectionAdmin(RecordAdmin):
    list_display = ["inspected_on", "station", "venue", "notice_number", "notice_deadline"]
    list_filter = ["station", "venue__kind"]
    list_select_related = ["station", "venue"]
    search_fields = ["venue__name", "notice_number", "inspectors"]
    raw_id_fields = ["venue"]
    readonly_fields = [*RecordAdmin.readonly_fields, "reinspected_on"]
    inlines = [HazardInline]
    actions = ["reinspect_today"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        settle_on_spot(form.instance, by=request.user)

    @admin.action(description=_("Record a re-inspection today: every open hazard rectified"))
    def reinspect_today(self, request, queryset):
        done = 0
        for inspection in queryset:
            hazards = list(inspection.hazards.open())
            if not hazards:
                continue
            try:
                record_reinspection(
                    inspection=inspection,
                    reinspected_on=timezone.localdate(),
                    hazards=hazards,
                    by=request.user,
                )
            except (ValidationError, VersionConflict) as error:
                self.message_user(request, f"{inspection}: {error}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("Re-inspections recorded: %(count)d") % {"count": done})


@admin.register(PublicityActivity)
class PublicityActivityAdmin(RecordAdmin):
    list_display = ["held_on", "station", "topic", "title", "materials_distributed", "attendees"]
    list_filter = ["station", "topic"]
    search_fields = ["title"]


@admin.register(FireworksPersuasion)
class FireworksPersuasionAdmin(RecordAdmin):
    list_display = ["occurred_on", "station", "location", "behaviours"]
    search_fields = ["location"]
