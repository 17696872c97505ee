from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Counter services")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [
        (_("Service tallies"), "services:servicetally_list"),
        (_("Counter service rates"), "services:rates"),
    ]
