from django.apps import apps
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from ..roles import Role, may_edit_festivals

# The day's entries offered on the home page: (label, url name, visible(user) or None).
# Every role may add records (supervisors and admins choose the station in the form).
QUICK_ACTIONS = [
    (_("New police report"), "incidents:policereport_add", None),
    (_("Enter the day's patrols"), "patrols:day_entry", None),
    (_("New fire inspection"), "inspections:inspection_add", None),
    (_("New dispute"), "disputes:dispute_add", None),
    (_("Window service tally"), "services:servicetally_add", None),
    (_("New case cracked"), "incidents:case_add", None),
    (_("New festival"), "reports:festival_add", may_edit_festivals),
]


def quick_actions(user):
    """The home page's shortcuts for `user`: a list of (label, URL) from QUICK_ACTIONS."""
    return [
        (label, reverse(url_name))
        for label, url_name, visible in QUICK_ACTIONS
        if visible is None or visible(user)
    ]


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
        {
            "panels": panels,
            "quick_actions": quick_actions(request.user),
            "is_staff_role": request.user.role == Role.STAFF,
        },
    )


# The language switcher must work on the login page too.
language = login_not_required(set_language)
