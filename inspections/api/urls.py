from .views import (
    FireworksPersuasionViewSet,
    InspectionViewSet,
    PublicityActivityViewSet,
    VenueViewSet,
)

# (prefix, viewset, basename) registered on the API v1 router
routes = [
    ("venues", VenueViewSet, "venue"),
    ("inspections", InspectionViewSet, "inspection"),
    ("publicity-activities", PublicityActivityViewSet, "publicityactivity"),
    ("fireworks-persuasions", FireworksPersuasionViewSet, "fireworkspersuasion"),
]
