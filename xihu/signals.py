import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("xihu.audit")


def client_ip(request):
    return getattr(request, "META", {}).get("REMOTE_ADDR", "") if request else ""


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    log.info("login ok user=%s ip=%s", user.username, client_ip(request))


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    log.warning("login failed user=%s ip=%s", credentials.get("username"), client_ip(request))
