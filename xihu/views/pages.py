from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.i18n import set_language

from ..roles import Role


def home(request):
    """The home page fits the role: each app contributes panels through its AppConfig."""
    panels = []
    for config in apps.get_app_configs():
        provider = getattr(config, "home_panels", None)
        if provider is not None:
            panels.extend(provider(request.user))
    return render(
        request,
        "xihu/home.html",
        {"panels": panels, "is_staff_role": request.user.role == Role.STAFF},
    )


# The language switcher must work on the login page too.
language = login_not_required(set_language)
