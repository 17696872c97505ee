"""Ending a user's sessions and API tokens everywhere (a lost phone, a shared PC)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.models import Session
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from .. import audit


def end_all_sessions(user):
    """Delete every live session and API token of the user; returns how many sessions.

    Sessions are signed blobs keyed by random ids, so the user's are found by decoding the
    live ones: a few hundred rows at most for a sub-bureau.
    """
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    Token.objects.filter(user=user).delete()
    return ended


@require_POST
def logout_everywhere(request):
    user = request.user
    ended = end_all_sessions(user)
    audit.record("logout_everywhere", request=request, user=user, detail=f"sessions={ended}")
    logout(request)
    messages.success(request, _("You are signed out on every device."))
    return redirect("login")
