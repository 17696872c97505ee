from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .forms import FestivalForm
from .models import Festival


@admin.register(Festival)
class FestivalAdmin(SimpleHistoryAdmin):
    form = FestivalForm  # with the version check
    list_display = ["slug", "name_zh", "name_en", "starts_on", "ends_on", "comparison"]
    list_select_related = ["comparison"]
    search_fields = ["slug", "name_zh", "name_en"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.save(by=request.user)

    def delete_model(self, request, obj):
        obj._history_user = request.user
        obj.delete()
