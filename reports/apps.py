from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Festival summaries")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [(_("Festivals and bulletins"), "reports:festival_list")]

    def figure_definition(self, code):
        """What the summary figure `code` ("section.figure") counts, or None."""
        from .definitions import figure_definition

        return figure_definition(code)

    def home_panels(self, user):
        """The latest festival's summary, one query."""
        from django.urls import reverse

        from .models import Festival

        latest = Festival.objects.order_by("-starts_on").first()
        if latest is None:
            return []
        return [
            {
                "title": _("Festival summary"),
                "value": latest.name,
                "url": reverse("reports:summary", args=[latest.slug]),
                "link_text": _("Open the summary"),
            }
        ]
