"""The detail page's timeline of registration, mediation, resolution, escalation and
follow-up visits, built from the history entries the page has already loaded (no query)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DisputeStatus, MediationChannel


def _status_event(entry):
    status = entry.status
    if status == DisputeStatus.MEDIATING:
        channel = MediationChannel(entry.channel).label if entry.channel else ""
        return _("Mediation started"), " ".join(v for v in (str(channel), entry.mediator) if v)
    if status == DisputeStatus.RESOLVED:
        return _("Resolved"), entry.resolution
    if status == DisputeStatus.ESCALATED:
        return _("Escalated"), entry.escalated_to
    return _("Reopened"), ""


def timeline(dispute, history):
    """[{day, title, detail, kind}] oldest first; `history` is RecordPages.history()."""
    events = [
        {"day": dispute.registered_on, "title": _("Registered"), "detail": "", "kind": "open"}
    ]
    for item in reversed(history):  # history is newest first
        entry = item["entry"]
        created = entry.history_type == "+"
        if created and entry.status == DisputeStatus.OPEN:
            continue
        if not created and not any(change.field == "status" for change in item["changes"]):
            continue
        title, detail = _status_event(entry)
        day = timezone.localtime(entry.history_date).date()
        if entry.status == DisputeStatus.RESOLVED and entry.resolved_on:
            day = entry.resolved_on
        elif entry.status == DisputeStatus.MEDIATING and entry.mediated_on:
            day = entry.mediated_on
        events.append({"day": day, "title": title, "detail": detail, "kind": entry.status})
    for visit in dispute.follow_ups.all():  # prefetched
        stable = _("stable") if visit.stable else _("not stable")
        events.append(
            {
                "day": visit.visited_on,
                "title": _("Follow-up visit"),
                "detail": f"{stable} {visit.note}".strip(),
                "kind": "follow_up",
            }
        )
    return sorted(events, key=lambda e: e["day"])  # stable: same-day events keep their order
