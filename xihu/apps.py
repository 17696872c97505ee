from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class XihuConfig(AppConfig):
    name = "xihu"
    verbose_name = _("Core")
    nav_items = [(_("Import batches"), "imports:batch_list")]

    def ready(self):
        from . import signals  # noqa: F401  (audit of logins)
