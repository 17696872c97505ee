from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import home, language
from .views.security import api_tokens, logout_everywhere

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/logout-everywhere/", logout_everywhere, name="logout_everywhere"),
    path("accounts/api-tokens/", api_tokens, name="api_tokens"),
    path("i18n/setlang/", language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("xihu.api.urls")),
    path("incidents/", include("incidents.urls")),
    path("inspections/", include("inspections.urls")),
    path("disputes/", include("disputes.urls")),
    path("patrols/", include("patrols.urls")),
    path("services/", include("services.urls")),
    path("reports/", include("reports.urls")),
    path("imports/", include("xihu.imports.urls")),
]
