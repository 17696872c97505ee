"""Strings of third-party apps that ship no Chinese for them, translated in our catalogue.

Never imported: `makemessages` reads this file so that the strings stay in
locale/zh_Hans/LC_MESSAGES/django.po, and Django finds our translation for the apps' own
gettext calls (our LOCALE_PATHS come first).
"""

from django.utils.translation import gettext_noop as _
from django.utils.translation import pgettext_lazy

STRINGS = [
    # django-axes (axes/models.py, axes/admin.py)
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Access Attempt"),
    _("Expires At"),
    _("Logout Time"),
    _("Session key hash (sha256)"),
    _("Locked Out"),
    _("Form Data"),
    _("Meta Data"),
    _("Clean up expired attempts"),
    _("Not set"),
    _("Attempt Remaining"),
    # django-tasks' statuses (django_tasks/base.py)
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
    # django-tasks' database backend (django_tasks_db/models.py)
    _("Task Result"),
    _("Task Results"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    # django-simple-history (object_history_list.html)
    _("Object"),
    _("Date/time"),
    _("Comment"),
    _("Changed by"),
    _("Change reason"),
    _("Changes"),
    _("None"),
    # Django admin's user pages (5.1), not yet in its Chinese catalogue
    _("After you’ve created a user, you’ll be able to edit more user options."),
    # Django admin's hidden table headers (Django 5.1), not yet in its Chinese catalogue
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
]
