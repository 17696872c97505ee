from .views import LargeEventViewSet, PatrolDeploymentViewSet

# (prefix, viewset, basename) registered on the API v1 router
routes = [
    ("patrol-deployments", PatrolDeploymentViewSet, "patroldeployment"),
    ("large-events", LargeEventViewSet, "largeevent"),
]
