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


def figure_definition(request):
    """What a summary figure counts, for the page its link opened (`?figure=section.name`).

    The definitions are the reports app's (AppConfig.figure_definition(code) -> text or None);
    any page reached from a figure shows the sentence above its table.
    """
    code = request.GET.get("figure", "") if hasattr(request, "GET") else ""
    if not code or len(code) > 80:
        return {}
    for config in apps.get_app_configs():
        define = getattr(config, "figure_definition", None)
        text = define(code) if define is not None else None
        if text:
            return {"figure_definition": text, "figure_code": code}
    return {}
