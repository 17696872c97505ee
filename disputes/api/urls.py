from .views import DisputeViewSet

# (prefix, viewset, basename) registered on the API v1 router
routes = [("disputes", DisputeViewSet, "dispute")]
