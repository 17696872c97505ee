from django.urls import path

from .views import (
    BatchConfirmView,
    BatchDetailView,
    BatchListView,
    BatchStatusView,
    BatchUndoView,
)

app_name = "imports"

urlpatterns = [
    path("", BatchListView.as_view(), name="batch_list"),
    path("<int:pk>/", BatchDetailView.as_view(), name="batch_detail"),
    path("<int:pk>/status.json", BatchStatusView.as_view(), name="batch_status"),
    path("<int:pk>/confirm/", BatchConfirmView.as_view(), name="batch_confirm"),
    path("<int:pk>/undo/", BatchUndoView.as_view(), name="batch_undo"),
]
