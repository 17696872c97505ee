app_name = "disputes"

urlpatterns = []
