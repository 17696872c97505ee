from django.urls import path

from .views import (
    BoardView,
    DayEntryView,
    LargeEventImport,
    LargeEventPages,
    PatrolDeploymentImport,
    PatrolDeploymentPages,
    PlanWarningView,
)

app_name = "patrols"

urlpatterns = [
    # Before the generic pages, whose <int:pk> patterns would not match these anyway.
    path("patrol-deployments/day/", DayEntryView.as_view(), name="day_entry"),
    path("patrol-deployments/board/", BoardView.as_view(), name="board"),
    path("large-events/warnings/", PlanWarningView.as_view(), name="plan_warnings"),
    *PatrolDeploymentPages.urls(),
    *PatrolDeploymentImport.urls(),
    *LargeEventPages.urls(),
    *LargeEventImport.urls(),
]
