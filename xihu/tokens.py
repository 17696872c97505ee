"""API tokens (django-rest-knox): issue, list and revoke, one rule each (SPEC §4, issue 15).

A token is stored hashed; it ends after REST_KNOX["TOKEN_TTL"] (30 minutes) without use and
REST_KNOX["AUTO_REFRESH_MAX_TTL"] (12 hours) after it was issued, like a web session. A user
has one per client; every token of a user ends when their password changes, when they are
deactivated and when they log out everywhere.
"""

from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken

from . import audit
from .models import TokenClient


def live_tokens(user):
    """The user's tokens that still work, newest first, with their client (one query)."""
    return (
        AuthToken.objects.filter(user=user)
        .filter(Q(expiry__isnull=True) | Q(expiry__gt=timezone.now()))
        .select_related("client")
        .order_by("-created")
    )


def issue_token(*, user, request, client=""):
    """A new token for `user`; answers (AuthToken, the token string shown once).

    `client` names the program or device ("bench", "laptop-3"): a user's earlier token for
    the same named client is revoked, so each client holds one. Without a name the User-Agent
    labels it and nothing is replaced. The issue is audited as a sign-in.
    """
    name = (client or "").strip()[:100]
    with transaction.atomic():
        if name:
            revoke_tokens(
                user,
                reason="replaced",
                request=request,
                tokens=AuthToken.objects.filter(user=user, client__name=name),
            )
        instance, token = AuthToken.objects.create(user=user)
        label = name or request.META.get("HTTP_USER_AGENT", "")[:100]
        TokenClient.objects.create(token=instance, name=label, ip_address=audit.client_ip(request))
    # Sign-in bookkeeping: the audit entry (xihu.signals.log_login), axes' reset, last_login.
    user_logged_in.send(
        sender=user.__class__,
        request=request,
        user=user,
        detail=f"api token {instance.token_key} client={label}",
    )
    return instance, token


def revoke_tokens(user, *, reason, request=None, tokens=None):
    """Delete `tokens` (default: every token of `user`); audited when there were any.

    reason: "password", "deactivated", "logout_everywhere", "revoked", "replaced".
    Answers how many tokens ended.
    """
    tokens = AuthToken.objects.filter(user=user) if tokens is None else tokens
    keys = list(tokens.values_list("token_key", flat=True))
    if not keys:
        return 0
    tokens.delete()
    audit.record(
        "token_revoke",
        request=request,
        user=user,
        detail=f"reason={reason} tokens={','.join(keys)}",
    )
    return len(keys)
