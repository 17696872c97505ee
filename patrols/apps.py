from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatrolsConfig(AppConfig):
    name = "patrols"
    verbose_name = _("Patrols and events")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [
        (_("Daily patrol board"), "patrols:board"),
        (_("Enter a day's deployments"), "patrols:day_entry"),
        (_("Patrol deployments"), "patrols:patroldeployment_list"),
        (_("Large events"), "patrols:largeevent_list"),
        (_("Events without a timely plan"), "patrols:plan_warnings"),
    ]

    def home_panels(self, user):
        """The count of large events still missing a timely security plan (one query)."""
        from django.urls import reverse

        from .views import LargeEventPages

        count = LargeEventPages.warnings(user).count()
        return [
            {
                "title": _("Large events without a timely security plan"),
                "value": count,
                "url": reverse("patrols:plan_warnings"),
                "level": "danger" if count else "success",
                "link_text": _("See the events"),
            }
        ]
