from .views import CasePages, PoliceReportPages

app_name = "incidents"

urlpatterns = [*PoliceReportPages.urls(), *CasePages.urls()]
