from .views import ServiceTallyViewSet

# (prefix, viewset, basename) registered on the API v1 router
routes = [("service-tallies", ServiceTallyViewSet, "servicetally")]
