from django.urls import path

from .views import RatesView, ServiceTallyImport, ServiceTallyPages

app_name = "services"

urlpatterns = [
    path("service-tallies/rates/", RatesView.as_view(), name="rates"),
    *ServiceTallyPages.urls(),
    *ServiceTallyImport.urls(),
]
