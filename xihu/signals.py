"""Audit receivers: sign-ins, failures, lockouts and unlocks, and every history entry; the
session's start time, stamped at sign-in."""

import logging
import time

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from . import audit

log = logging.getLogger("xihu.audit")


@receiver(user_logged_in)
def log_login(sender, request, user, detail="", **kwargs):
    """Every sign-in: the web form, the admin, and each API token issued (xihu.tokens)."""
    audit.record("login", request=request, user=user, detail=detail)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def note_credentials_change(sender, instance, update_fields=None, **kwargs):
    """Before a user is saved: does this save change their password or deactivate them?"""
    instance._revoke_tokens_reason = None
    if instance._state.adding or (
        update_fields is not None and not {"password", "is_active"} & set(update_fields)
    ):
        return  # e.g. the last_login update of every sign-in
    before = sender._base_manager.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["is_active"] and not instance.is_active:
        instance._revoke_tokens_reason = "deactivated"
    elif before["password"] != instance.password:
        instance._revoke_tokens_reason = "password"


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def revoke_tokens_on_credentials_change(sender, instance, **kwargs):
    """A new password or a deactivation ends every API token of the user (sessions end by
    themselves: Django checks the password hash and the active flag on each request)."""
    reason = getattr(instance, "_revoke_tokens_reason", None)
    if reason:
        from .tokens import revoke_tokens

        instance._revoke_tokens_reason = None
        request = getattr(HistoricalRecords.context, "request", None)
        revoke_tokens(instance, reason=reason, request=request)


@receiver(user_logged_in)
def stamp_session_start(sender, request, user, **kwargs):
    """The 12-hour limit and the idle renewal count from sign-in; stamped while the sign-in
    saves the session anyway, so the pages right after it do not write the session again."""
    from .middleware import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY

    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SESSION_STARTED_KEY] = now
        request.session[SESSION_REFRESHED_KEY] = now


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    # Anonymous: keep the name that was tried, so the trail of that account shows it.
    audit.record(
        "login_failed", request=request, user=None, username=str(credentials.get("username") or "")
    )


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    log.warning("lockout user=%s ip=%s", username, ip_address)
    audit.record("lockout", request=request, user=None, username=str(username or ""))


@receiver(post_delete, sender=AccessAttempt)
def log_unlock(sender, instance, **kwargs):
    """A lock's attempts are deleted by expiry, `axes_reset` or an administrator in the admin
    (who is then named: xihu.admin.AccessAttemptAdmin runs the delete under audit.acting)."""
    request = audit.acting_request()
    if request is None and instance.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return  # a reset after fewer failures (e.g. a successful sign-in) unlocks nothing
    log.warning("unlock user=%s ip=%s", instance.username, instance.ip_address)
    detail = f"failures={instance.failures_since_start} address={instance.ip_address or '-'}"
    if request is not None:
        audit.record(
            "unlock",
            request=request,
            username=(instance.username or ""),
            detail=f"{detail} by={request.user.get_username()}",
        )
        return
    from .models import AuditEntry

    AuditEntry.objects.create(
        action="unlock",
        username=(instance.username or "")[:150],
        ip_address=instance.ip_address,
        detail=detail,
    )


@receiver(post_create_historical_record)
def log_history(sender, instance, history_instance, history_user=None, **kwargs):
    action = audit.HISTORY_ACTIONS.get(history_instance.history_type)
    if action is None:
        return
    request = getattr(HistoricalRecords.context, "request", None)
    user = history_user
    if user is None and request is not None:
        user = getattr(request, "user", None)
    audit.record(action, request=request, user=user, obj=instance)
