from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisputesConfig(AppConfig):
    name = "disputes"
    verbose_name = _("Disputes")
    # (label, url name[, visible(user)]) for the site menu
    nav_items = [
        (_("Disputes"), "disputes:dispute_list"),
        (_("Disputes needing attention"), "disputes:attention"),
    ]

    def home_panels(self, user):
        """Disputes on the attention board that the user answers for. One query."""
        from django.urls import reverse
        from django.utils import timezone

        from .models import Dispute

        count = Dispute.objects.for_user(user).needs_attention(timezone.localdate()).count()
        return [
            {
                "title": _("Disputes needing attention"),
                "value": count,
                "url": reverse("disputes:attention"),
                "level": "warning" if count else "success",
                "link_text": _("See the attention board"),
            }
        ]
