"""The audit log: one call, `record()`, for every event that must say who, when, what, where.

Creates, changes and deletes are recorded from simple-history's signal, so every record
with history is covered without its app doing anything. Exports, sign-ins, lockouts and
reveals of personal information call `record()` where they happen.
"""

import ipaddress
import logging

from django.db import transaction

log = logging.getLogger("xihu.audit")

HISTORY_ACTIONS = {"+": "create", "~": "change", "-": "delete"}


def client_ip(request):
    """The address axes resolved (it honours the proxy settings), else REMOTE_ADDR."""
    if request is None:
        return None
    ip = getattr(request, "axes_ip_address", None) or getattr(request, "META", {}).get(
        "REMOTE_ADDR"
    )
    try:
        return str(ipaddress.ip_address(ip)) if ip else None
    except ValueError:
        return None


def record(
    action,
    *,
    request=None,
    user=None,
    obj=None,
    model="",
    object_id="",
    detail="",
    username=None,
):
    """Write one audit entry and log it; never raises into the caller's request.

    action: an AuditAction value ("export", "unmask", ...); user defaults to the request's;
    obj: the record concerned (its label and pk are stored), or give model and object_id;
    username: the name tried, for events without a signed-in user (failed sign-ins).
    """
    from .models import AuditEntry

    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    username = username if username is not None else (getattr(user, "username", "") or "")
    if obj is not None:
        model = model or obj._meta.label
        object_id = object_id or str(obj.pk)
    entry = AuditEntry(
        user=user,
        username=username[:150],
        action=action,
        model=model,
        object_id=str(object_id or "")[:64],
        detail=detail,
        ip_address=client_ip(request),
        path=(getattr(request, "path", "") or "")[:500],
    )
    # A savepoint: a failed audit write must not break the caller's transaction, and an
    # audit entry of a rolled-back change must not survive it either (it rolls back too).
    try:
        with transaction.atomic():
            entry.save()
    except Exception:  # the audit must not take the page down; the log line still says it
        log.exception("audit write failed")
    log.info(
        "audit action=%s user=%s model=%s id=%s ip=%s %s",
        action,
        username,
        model,
        object_id,
        entry.ip_address,
        detail,
    )
    return entry
