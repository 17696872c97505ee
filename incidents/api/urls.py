from .views import CaseViewSet, PoliceReportViewSet

# (prefix, viewset, basename) registered on the API v1 router
routes = [
    ("police-reports", PoliceReportViewSet, "policereport"),
    ("cases", CaseViewSet, "case"),
]
