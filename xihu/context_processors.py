from django.apps import apps

from .roles import sees_all_stations


def navigation(request):
    """Menu entries from each app's AppConfig.nav_items: (label, url name, visible(user))."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "sees_all_stations": False}
    sections = []
    for config in apps.get_app_configs():
        items = [
            (label, url_name)
            for label, url_name, *rest in getattr(config, "nav_items", ())
            if not rest or rest[0](user)
        ]
        if items:
            sections.append((config.verbose_name, items))
    return {"nav_sections": sections, "sees_all_stations": sees_all_stations(user)}
