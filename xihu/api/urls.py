"""API v1: one router; each app lists its collections in `<app>/api/urls.py: routes`."""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from .stations import StationViewSet
from .tokens import TokenView

DOMAIN_APPS = ["incidents", "inspections", "disputes", "patrols", "services", "reports"]

# No `.json` suffix routes: the spec names none, and every extra action would have to accept
# a `format` argument or answer 500 on them.
router = DefaultRouter()
router.include_format_suffixes = False
router.register("stations", StationViewSet, basename="station")
for app in DOMAIN_APPS:
    for prefix, viewset, basename in import_module(f"{app}.api.urls").routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI with its init script fetched from docs/?script, not inline (the CSP allows
    # none). No ReDoc: it injects inline styles and fetches Google Fonts (isolated network).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
