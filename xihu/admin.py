from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken
from simple_history.admin import SimpleHistoryAdmin

from . import audit
from .forms import RecordForm
from .models import AuditEntry, Station, User
from .tokens import revoke_tokens

admin.site.site_header = _("Xihu festival security records")
admin.site.site_title = _("Xihu festival security records")


class RecordAdminForm(RecordForm):
    """The record form with its version check, for the admin (no request user here)."""


class RecordAdmin(SimpleHistoryAdmin):
    """Base admin of every record: station filter, authorship read-only, version checked."""

    form = RecordAdminForm
    list_filter = ["station"]
    list_select_related = ["station"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    list_per_page = 50

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if self.date_hierarchy is None:
            self.date_hierarchy = model.period_field

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "version":
            kwargs["widget"] = forms.HiddenInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.save(by=request.user)

    def delete_model(self, request, obj):
        obj.delete(by=request.user)


@admin.register(Station)
class StationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_zh", "name_en", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name_zh", "name_en"]


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django joins a warning to this help text outside gettext; the whole text, translated.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("If disabled, the current password for this user will be lost."),
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    change_password_form = PasswordChangeForm
    list_display = ["username", "first_name", "last_name", "role", "station", "is_active"]
    list_filter = ["role", "station", "is_active"]
    list_select_related = ["station"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Role"), {"fields": ("role", "station")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((_("Role"), {"fields": ("role", "station")}),)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone, administrators included: an audit log nobody can rewrite."""

    list_display = ["at", "username", "action", "model", "object_id", "ip_address"]
    list_filter = ["action", "model"]
    search_fields = ["username", "object_id", "detail", "ip_address"]
    date_hierarchy = "at"
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Axes registers its own admin first (it precedes us in INSTALLED_APPS); ours replaces it.
if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    """Deleting a lock's attempts is the unlock; the audit entry names the administrator."""

    def delete_model(self, request, obj):
        with audit.acting(request):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with audit.acting(request):
            super().delete_queryset(request, queryset)


# knox's own admin lets an administrator mint a token for anyone; ours only lists and revokes.
if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(admin.ModelAdmin):
    """Every user's live and expired API tokens; deleting one revokes it, audited."""

    list_display = ["token_key", "user", "client", "created", "expiry"]
    list_select_related = ["user", "client"]
    search_fields = ["token_key", "user__username", "client__name"]
    fields = readonly_fields = ["token_key", "user", "client", "created", "expiry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        self.delete_queryset(request, AuthToken.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        for user in User.objects.filter(auth_token_set__in=queryset).distinct():
            revoke_tokens(
                user, reason="revoked_by_admin", request=request, tokens=queryset.filter(user=user)
            )
