"""Third-party apps under names our catalogue translates (they ship no Chinese for them)."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Sign-in protection")


class KnoxConfig(AppConfig):
    name = "knox"
    verbose_name = _("API tokens")

    def ready(self):
        # knox's token model has no verbose name ("auth token"); migrations read the
        # declared Meta (original_attrs), so naming it here changes no migration.
        token = self.get_model("AuthToken")
        token._meta.verbose_name = _("API token")
        token._meta.verbose_name_plural = _("API tokens")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")
