from .views import FestivalViewSet

# (prefix, viewset, basename) registered on the API v1 router
routes = [("festivals", FestivalViewSet, "festival")]
