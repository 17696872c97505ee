from .views import DisputePages

app_name = "disputes"

urlpatterns = [*DisputePages.urls()]
