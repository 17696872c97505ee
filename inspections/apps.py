from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Fire inspections")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [
        (_("Venues"), "inspections:venue_list"),
        (_("Inspections"), "inspections:inspection_list"),
        (_("Hazards"), "inspections:hazard_list"),
        (_("Overdue hazards"), "inspections:overdue"),
        (_("Publicity activities"), "inspections:publicityactivity_list"),
        (_("Fireworks persuasions"), "inspections:fireworkspersuasion_list"),
    ]

    def home_panels(self, user):
        """Overdue hazards the user answers for: own station for staff, all for supervisors.
        One query."""
        from django.urls import reverse
        from django.utils import timezone

        from .models import Hazard

        count = Hazard.objects.for_user(user).overdue(timezone.localdate()).count()
        return [
            {
                "title": _("Overdue fire hazards"),
                "value": count,
                "url": reverse("inspections:overdue"),
                "level": "danger" if count else "success",
                "link_text": _("See the overdue board"),
            }
        ]
