"""The audit log: one call, `record()`, for every event that must say who, when, what, where.

Creates, changes and deletes are recorded from simple-history's signal, so every record
with history is covered without its app doing anything. Exports, sign-ins, lockouts and
reveals of personal information call `record()` where they happen.
"""

import contextlib
import contextvars
import ipaddress
import logging

from django.conf import settings
from django.db import transaction

log = logging.getLogger("xihu.audit")

HISTORY_ACTIONS = {"+": "create", "~": "change", "-": "delete"}

# The request on whose behalf signal receivers run (e.g. an administrator's unlock in the
# admin), for receivers that are not handed one.
_acting = contextvars.ContextVar("xihu_audit_acting_request", default=None)


@contextlib.contextmanager
def acting(request):
    """Within the block, `acting_request()` answers `request`."""
    token = _acting.set(request)
    try:
        yield
    finally:
        _acting.reset(token)


def acting_request():
    """The request set by the innermost `acting()` block, or None."""
    return _acting.get()


def client_ip(request):
    """The client's address as a string, or None; the one rule for the audit log and axes.

    With TRUSTED_PROXIES = 0 (the default) only REMOTE_ADDR counts and X-Forwarded-For is
    ignored, since any client can send one. With N trusted proxies in front (nginx of
    docs/deployment.md: N = 1), each appends the address it received from, so the client is
    the N-th entry from the right: entries further left were written by the client itself
    and are never trusted. A header shorter than N, or an entry that is not an address, falls
    back to REMOTE_ADDR. Example, N = 1: "6.6.6.6, 10.1.2.3" from nginx -> "10.1.2.3".
    """
    meta = getattr(request, "META", None) if request is not None else None
    if meta is None:
        return None
    ip = _address(meta.get("REMOTE_ADDR"))
    proxies = settings.TRUSTED_PROXIES
    if proxies > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies:
            ip = _address(forwarded[-proxies]) or ip
    return ip


def _address(value):
    try:
        return str(ipaddress.ip_address((value or "").strip())) if value else None
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
