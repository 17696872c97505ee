"""The dispute workflow (SPEC §2 disputes), written once: the pages, the API and the admin all
call these. Each raises ValidationError per field, or VersionConflict when `version` (the
version the user loaded) is stale."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Dispute, DisputeStatus, FollowUp, MediationChannel


def _check_day(day: datetime.date, dispute: Dispute, field: str, before_message: str) -> dict:
    if day < dispute.registered_on:
        return {field: [before_message]}
    if day > timezone.localdate():
        return {field: [_("This date cannot be in the future.")]}
    return {}


def _save(dispute: Dispute, *, by, version: int | None) -> Dispute:
    if version is not None:
        dispute.version = version
    dispute.full_clean()
    dispute.save(by=by)
    return dispute


@transaction.atomic
def start_mediation(
    *,
    dispute: Dispute,
    channel: str,
    mediator: str = "",
    mediated_on: datetime.date | None = None,
    by,
    version: int | None = None,
) -> Dispute:
    """Mediate an open or escalated dispute through one channel (三调联动) from
    `mediated_on` (today when None: never before registration nor in the future); a
    dispute in mediation may change channel."""
    errors = {}
    if dispute.status == DisputeStatus.RESOLVED:
        errors["status"] = [_("A resolved dispute is not mediated again.")]
    if channel not in MediationChannel.values:
        errors["channel"] = [_("Choose the mediation channel.")]
    mediated_on = mediated_on or timezone.localdate()
    errors.update(
        _check_day(
            mediated_on,
            dispute,
            "mediated_on",
            _("The mediation date cannot be before registration."),
        )
    )
    if errors:
        raise ValidationError(errors)
    dispute.status = DisputeStatus.MEDIATING
    dispute.channel = channel
    dispute.mediator = mediator.strip() or dispute.mediator
    dispute.mediated_on = mediated_on
    return _save(dispute, by=by, version=version)


@transaction.atomic
def resolve(
    *,
    dispute: Dispute,
    resolved_on: datetime.date | None,
    resolution: str,
    by,
    version: int | None = None,
) -> Dispute:
    """Resolved on a date never before registration or mediation nor in the future, with
    how it was settled. Resolving a resolved dispute again corrects its date and summary."""
    errors = {}
    if resolved_on is None:
        errors["resolved_on"] = [_("A resolved dispute needs its resolution date.")]
    else:
        errors.update(
            _check_day(
                resolved_on,
                dispute,
                "resolved_on",
                _("The resolution date cannot be before registration."),
            )
        )
        if not errors and dispute.mediated_on and resolved_on < dispute.mediated_on:
            errors["resolved_on"] = [_("The resolution date cannot be before the mediation.")]
    if not (resolution or "").strip():
        errors["resolution"] = [_("Say how the dispute was resolved.")]
    if errors:
        raise ValidationError(errors)
    dispute.status = DisputeStatus.RESOLVED
    dispute.resolved_on = resolved_on
    dispute.resolution = resolution.strip()
    return _save(dispute, by=by, version=version)


@transaction.atomic
def escalate(*, dispute: Dispute, escalated_to: str, by, version: int | None = None) -> Dispute:
    """Hand an unresolved dispute to a higher body (sub-bureau, street office, court)."""
    errors = {}
    if dispute.status == DisputeStatus.RESOLVED:
        errors["status"] = [_("A resolved dispute cannot be escalated.")]
    if not (escalated_to or "").strip():
        errors["escalated_to"] = [_("Say whom the dispute was handed to.")]
    if errors:
        raise ValidationError(errors)
    dispute.status = DisputeStatus.ESCALATED
    dispute.escalated_to = escalated_to.strip()
    return _save(dispute, by=by, version=version)


def follow_up_errors(dispute: Dispute, visited_on: datetime.date | None) -> dict:
    """The rule of a follow-up visit's date, shared by this workflow and the formsets."""
    if visited_on is None:
        return {"visited_on": [_("This field is required.")]}
    return _check_day(
        visited_on,
        dispute,
        "visited_on",
        _("A follow-up visit cannot be before the dispute was registered."),
    )


@transaction.atomic
def record_follow_up(
    *, dispute: Dispute, visited_on: datetime.date, note: str = "", stable: bool = True, by
) -> FollowUp:
    """A follow-up visit (闭环回访); its history names the visitor's recorder."""
    errors = follow_up_errors(dispute, visited_on)
    if errors:
        raise ValidationError(errors)
    visit = FollowUp(dispute=dispute, visited_on=visited_on, note=note.strip(), stable=stable)
    visit.full_clean()
    visit._history_user = by
    visit.save()
    return visit
