"""Audit receivers: sign-ins, failures, lockouts and unlocks, and every history entry; the
session's start time, stamped at sign-in."""

import logging
import time

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import post_create_historical_record

from . import audit

log = logging.getLogger("xihu.audit")


def client_ip(request):
    return audit.client_ip(request) or ""


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    audit.record("login", request=request, user=user)


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
    """A locked username's attempts are deleted by expiry, `axes_reset` or the admin."""
    if instance.failures_since_start < settings.AXES_FAILURE_LIMIT:
        return  # a reset after fewer failures (e.g. a successful sign-in) unlocks nothing
    from .models import AuditEntry

    log.warning("unlock user=%s ip=%s", instance.username, instance.ip_address)
    AuditEntry.objects.create(
        action="unlock",
        username=(instance.username or "")[:150],
        ip_address=instance.ip_address,
        detail=f"failures={instance.failures_since_start}",
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
