from django.urls import path

from .views import (
    FireworksPersuasionPages,
    HazardPages,
    InspectionPages,
    OverdueView,
    PublicityActivityPages,
    VenueImport,
    VenuePages,
)

app_name = "inspections"

urlpatterns = [
    path("overdue/", OverdueView.as_view(), name="overdue"),
    *VenuePages.urls(),
    *VenueImport.urls(),
    *InspectionPages.urls(),
    *HazardPages.urls(),
    *PublicityActivityPages.urls(),
    *FireworksPersuasionPages.urls(),
]
