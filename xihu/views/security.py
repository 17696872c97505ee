"""Ending a user's sessions and API tokens: everywhere at once, or one token from their list."""

import re

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import audit
from ..tokens import live_tokens, revoke_tokens

TOKEN_KEY = re.compile(r"[0-9a-f]{15}")  # knox's token_key: the token's first 15 hex digits


def end_all_sessions(user, request=None):
    """Delete every live session and API token of the user; returns how many sessions.

    Sessions are signed blobs keyed by random ids, so the user's are found by decoding the
    live ones: a few hundred rows at most for a sub-bureau.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    revoke_tokens(user, reason="logout_everywhere", request=request)
    return ended


@require_POST
def logout_everywhere(request):
    user = request.user
    ended = end_all_sessions(user, request)
    audit.record("logout_everywhere", request=request, user=user, detail=f"sessions={ended}")
    logout(request)
    messages.success(request, _("You are signed out on every device."))
    return redirect("login")


@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The signed-in user's own live API tokens; POST `revoke=<token_key>` ends one of them.

    A key that is not one of the user's live tokens answers 404, like any record one may not
    see. The token itself is never shown again: only its first characters and its client.
    """
    tokens = live_tokens(request.user)
    if request.method == "POST":
        key = request.POST.get("revoke", "")
        chosen = tokens.filter(token_key=key)
        if not TOKEN_KEY.fullmatch(key) or not chosen.exists():
            raise Http404
        revoke_tokens(request.user, reason="revoked", request=request, tokens=chosen)
        messages.success(request, _("The API token %(key)s is revoked.") % {"key": key})
        return redirect("api_tokens")
    return render(request, "xihu/api_tokens.html", {"tokens": tokens})
