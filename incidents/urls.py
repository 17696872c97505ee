from .views import CaseImport, CasePages, PoliceReportImport, PoliceReportPages

app_name = "incidents"

urlpatterns = [
    *PoliceReportPages.urls(),
    *PoliceReportImport.urls(),
    *CasePages.urls(),
    *CaseImport.urls(),
]
