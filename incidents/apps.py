from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncidentsConfig(AppConfig):
    name = "incidents"
    verbose_name = _("Police reports and cases")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [
        (_("Police reports"), "incidents:policereport_list"),
        (_("Cases cracked"), "incidents:case_list"),
    ]
