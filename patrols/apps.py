from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from xihu.roles import sees_all_stations


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
        """Large events missing a timely plan; for supervisors, today's patrol strength."""
        from django.urls import reverse

        from .views import LargeEventPages

        count = LargeEventPages.warnings(user).count()
        panels = [
            {
                "title": _("Large events without a timely security plan"),
                "value": count,
                "url": reverse("patrols:plan_warnings"),
                "level": "danger" if count else "success",
                "link_text": _("See the events"),
            }
        ]
        if sees_all_stations(user):
            panels.append(self.strength_panel())
        return panels

    def strength_panel(self):
        # The district-wide target only means something for the whole district.
        from django.urls import reverse
        from django.utils import timezone

        from .figures import daily_totals
        from .models import DAILY_PERSONNEL_TARGET, DAILY_VEHICLES_TARGET

        today = timezone.localdate()
        (total,) = daily_totals(today, today)
        met = total.personnel >= DAILY_PERSONNEL_TARGET and total.vehicles >= DAILY_VEHICLES_TARGET
        return {
            "title": _("Patrol personnel / police cars today"),
            "value": f"{total.personnel} / {total.vehicles}",
            "url": reverse("patrols:board"),
            "level": "success" if met else "warning",
            "link_text": _("Daily patrol board"),
        }
