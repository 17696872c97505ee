"""Sign-in throttling rules on top of django-axes (settings: AXES_*)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, Sum


def axes_username(request, credentials):
    """Usernames are matched case-insensitively for lockout, so 'Zhang' cannot dodge 'zhang'."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits in one cool-off window (AXES_COOLOFF_TIME):

    - AXES_FAILURE_LIMIT failures for one username, from any address, lock that username
      (the CJIS rule: 5 in 10 minutes);
    - AXES_IP_FAILURE_LIMIT failures from one address, across usernames, lock that address
      (password spraying), set higher because a station's staff share one NAT address.

    Axes compares one number with AXES_FAILURE_LIMIT, so `get_failures` answers the username's
    count, raised to the limit once the address has reached its own.
    """

    def get_failures(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        totals = recent.aggregate(
            by_username=Sum("failures_since_start", filter=Q(username=username)),
            by_address=Sum("failures_since_start", filter=Q(ip_address=request.axes_ip_address)),
        )
        by_username = totals["by_username"] or 0
        if (totals["by_address"] or 0) >= settings.AXES_IP_FAILURE_LIMIT:
            return max(by_username, settings.AXES_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful sign-in clears that username's failures only: the others' failures from
        the same address still count, or one valid account would reset a spray."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count
