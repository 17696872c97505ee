from django.urls import path

from .views import (
    FireworksPersuasionImport,
    FireworksPersuasionPages,
    HazardPages,
    InspectionPages,
    OverdueView,
    PublicityActivityImport,
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
    *PublicityActivityImport.urls(),
    *FireworksPersuasionPages.urls(),
    *FireworksPersuasionImport.urls(),
]
