"""The service layer: every entry change: permission, transaction, audit log, signal, e-mail."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from .. import signals
from ..models import (
    CompetitionPage,
    Entry,
    EntryConflict,
    EntryGroup,
    EntryStatus,
    Organisation,
    ReferenceCounter,
)
from ..notifications.emails import notify_entry, notify_secretariat
from . import permissions, rules
from .states import TRANSITIONS, Actor, Transition


class ServiceError(Exception):
    """A change that was refused, with messages for the user."""

    def __init__(self, *messages: str):
        super().__init__(*messages)
        self.messages = [str(message) for message in messages]


class NotAllowed(ServiceError):
    """The entry is not in a state (or the round not at a moment) that allows the change."""


class StaleVersion(ServiceError):
    """A colleague saved the entry after the version this change was based on."""

    def __init__(self, entry: Entry, conflict: EntryConflict):
        super().__init__(
            _(
                "A colleague saved this proposal while you were editing it. "
                "Your text was not saved over theirs: it is kept below so that you can merge the two."
            )
        )
        self.entry = entry
        self.conflict = conflict


class SubmissionProblems(ServiceError):
    """Submission refused; ``problems`` lists what is missing, by form field."""

    def __init__(self, problems: list[rules.Problem]):
        super().__init__(*(problem.message for problem in problems))
        self.problems = problems


#: Header fields an operator may change through :func:`save_draft`.
DRAFT_FIELDS = (
    "title",
    "started_on",
    "innovation_stage",
    "is_digital",
    "video_url",
    "innovator_name",
    "innovator_phone",
    "innovator_email",
    "innovation",
    "replicated_innovation",
)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _require_member(user, organisation_id: int) -> None:
    if not permissions.is_member(user, organisation_id):
        raise PermissionDenied


def _require_secretariat(user) -> None:
    if not permissions.is_secretariat(user):
        raise PermissionDenied


def entry_window_open(entry: Entry, now: datetime.datetime | None = None) -> bool:
    """Whether the entry may still be edited and submitted: the window, grace and late exception."""
    competition = entry.competition
    stage = competition.entry_stage
    cutoff = rules.submission_cutoff(
        stage.closes_at if stage else None, competition.grace_minutes, entry.late_until
    )
    opens_at = stage.opens_at if stage else None
    if entry.late_until and opens_at is None:
        opens_at = entry.created_at
    return rules.accepts_at(opens_at, cutoff, _now(now))


def _closed_message() -> str:
    return _("The entry period of this round has closed. Ask the secretariat if you need an exception.")


def quota_used(
    competition: CompetitionPage, organisation: Organisation, group: EntryGroup, exclude=None
) -> int:
    entries = Entry.objects.filter(competition=competition, organisation=organisation, group=group)
    if exclude is not None:
        entries = entries.exclude(pk=exclude.pk)
    return entries.counting_towards_quota().count()


@transaction.atomic
def create_entry(
    user,
    competition: CompetitionPage,
    organisation: Organisation,
    group: EntryGroup,
    title: str,
    *,
    now: datetime.datetime | None = None,
) -> Entry:
    """Open a new draft for an organisation in a group of an open round."""
    if not permissions.is_secretariat(user):
        _require_member(user, organisation.pk)
        if group.invitation_only:
            raise NotAllowed(_("Only the secretariat can open entries in this group."))
    if group.competition_id != competition.pk:
        raise NotAllowed(_("This group does not belong to the round."))
    if not competition.is_open_for_entries(_now(now)):
        raise NotAllowed(_("This round is not accepting proposals."))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if quota_used(competition, organisation, group) >= competition.max_entries_per_group:
        raise NotAllowed(
            ngettext(
                "Your organisation already has %(count)d proposal in this group, the most allowed.",
                "Your organisation already has %(count)d proposals in this group, the most allowed.",
                competition.max_entries_per_group,
            )
            % {"count": competition.max_entries_per_group}
        )
    entry = Entry.objects.create(
        competition=competition,
        organisation=organisation,
        group=group,
        title=title.strip()[:255],
        created_by=user,
        updated_by=user,
    )
    log(entry, "wagtail_kipp.entry.create", user=user, data={"title": entry.title})
    return entry


def save_draft(
    entry: Entry,
    user,
    *,
    based_on_version: int,
    fields: dict[str, Any],
    answers: dict[str, str] | None = None,
    themes: Iterable | None = None,
    sdgs: Iterable | None = None,
    raw: dict[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> Entry:
    """
    Save a draft if nobody saved since ``based_on_version``; else keep the refused text, raise StaleVersion.

    ``raw`` is what the user sent (by form field name); it is what a conflict keeps for merging.
    """
    _require_member(user, entry.organisation_id)
    with transaction.atomic():
        current = Entry.objects.select_for_update().select_related("competition").get(pk=entry.pk)
        if not current.is_editable:
            raise NotAllowed(_("This proposal is no longer a draft and cannot be changed."))
        if not entry_window_open(current, now):
            raise NotAllowed(_closed_message())
        if current.version == based_on_version:
            for name, value in fields.items():
                if name not in DRAFT_FIELDS:
                    raise ValueError(f"{name} is not a draft field")
                setattr(current, name, value)
            if answers is not None:
                current.answers = {**(current.answers or {}), **answers}
            current.version += 1
            current.updated_by = user
            current.save()
            if themes is not None:
                current.themes.set(themes)
            if sdgs is not None:
                current.sdgs.set(sdgs)
            return current
    # Stale: keep what the user typed (in its own transaction, so it survives the refusal).
    with transaction.atomic():
        conflict = EntryConflict.objects.create(
            entry=current, user=user, based_on_version=based_on_version, data=raw or {}
        )
        log(
            current,
            "wagtail_kipp.entry.save_refused",
            user=user,
            data={"based_on_version": based_on_version, "current_version": current.version},
        )
    raise StaleVersion(current, conflict)


def submission_problems(
    entry: Entry, now: datetime.datetime | None = None, *, quota_used_by_others: int | None = None
) -> list[rules.Problem]:
    """
    Everything that stops ``entry`` from being submitted now, in the order of the form.

    Uses prefetched themes, SDGs, attachments, stages and template rows when present (see
    :func:`prefetch_for_problems`); ``quota_used_by_others`` saves the quota query in listings.
    """
    P = rules.Problem
    competition = entry.competition
    spec = entry.get_template_spec()
    problems: list[rules.Problem] = []
    if not entry_window_open(entry, now):
        problems.append(P("", _closed_message()))
    if not entry.title.strip():
        problems.append(P("title", _("Give the innovation a title.")))
    if entry.started_on is None:
        problems.append(P("started_on", _("Give the date the innovation started.")))
    else:
        deadline = competition.entry_deadline or _now(now)
        age = rules.full_months_between(entry.started_on, deadline.astimezone(competition.tzinfo).date())
        if age < competition.minimum_age_months:
            problems.append(
                P(
                    "started_on",
                    ngettext(
                        "The innovation must have been running for at least %(months)d month at the "
                        "deadline (%(deadline)s); it started on %(started)s.",
                        "The innovation must have been running for at least %(months)d months at the "
                        "deadline (%(deadline)s); it started on %(started)s.",
                        competition.minimum_age_months,
                    )
                    % {
                        "months": competition.minimum_age_months,
                        "deadline": date_format(deadline.astimezone(competition.tzinfo).date()),
                        "started": date_format(entry.started_on),
                    },
                )
            )
    if not entry.innovation_stage:
        problems.append(P("innovation_stage", _("Choose the stage of the innovation.")))
    if entry.is_digital is None:
        problems.append(P("is_digital", _("Say whether the innovation is digital.")))
    if entry.group.requires_replicated_innovation and not entry.replicated_innovation_id:
        problems.append(P("replicated_innovation", _("Name the innovation this one replicates.")))
    if competition.themes.all() and not entry.themes.all():
        problems.append(P("themes", _("Choose at least one theme.")))
    if competition.sdgs_enabled and not entry.sdgs.all():
        problems.append(P("sdgs", _("Choose at least one Sustainable Development Goal.")))
    if not entry.innovator_name.strip():
        problems.append(P("innovator_name", _("Name the innovator or the team.")))
    if not (entry.innovator_email or entry.innovator_phone):
        problems.append(P("innovator_email", _("Give an e-mail address or a phone number of the innovator.")))
    problems.extend(rules.section_problems(spec, entry.answers or {}))
    uploaded = {attachment.slot for attachment in entry.attachments.all()}
    for slot in spec.get("attachment_slots", []):
        if slot.get("required") and slot["key"] not in uploaded:
            problems.append(P(f"file_{slot['key']}", _("Upload “%(label)s”.") % {"label": slot["label"]}))
    if entry.status not in (EntryStatus.SUBMITTED, EntryStatus.AWAITING_APPROVAL):
        if quota_used_by_others is None:
            quota_used_by_others = quota_used(competition, entry.organisation, entry.group, exclude=entry)
        if quota_used_by_others >= competition.max_entries_per_group:
            problems.append(
                P(
                    "",
                    ngettext(
                        "Your organisation has reached the limit of %(count)d proposal in this group.",
                        "Your organisation has reached the limit of %(count)d proposals in this group.",
                        competition.max_entries_per_group,
                    )
                    % {"count": competition.max_entries_per_group},
                )
            )
    return problems


#: Relations :func:`submission_problems` reads; prefetch them when checking many entries.
PROBLEM_PREFETCH = (
    "themes",
    "sdgs",
    "attachments",
    "competition__stages",
    "competition__themes",
    "group__template__sections",
    "group__template__attachment_slots",
)


def take_reference(entry: Entry) -> None:
    """Give the entry the round's next reference number; a locked counter keeps them gap-free."""
    if entry.reference_number:
        return
    counter, _created = ReferenceCounter.objects.get_or_create(competition_id=entry.competition_id)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    entry.reference_number = counter.last_number
    prefix = entry.competition.get_reference_prefix()
    entry.reference = f"{prefix}-{entry.competition.year}-{counter.last_number:04d}"


def _apply(
    entry: Entry,
    user,
    transition: Transition,
    *,
    now: datetime.datetime | None = None,
    data: dict[str, Any] | None = None,
    update=None,
) -> Entry:
    """Run one transition of the state table on a locked copy of the entry."""
    if transition.actor == Actor.OPERATOR:
        _require_member(user, entry.organisation_id)
    else:
        _require_secretariat(user)
    current = Entry.objects.select_for_update().select_related("competition", "group").get(pk=entry.pk)
    if current.status not in transition.sources:
        raise NotAllowed(
            _("This cannot be done while the proposal is “%(status)s”.")
            % {"status": current.get_status_display()}
        )
    if (
        transition.before_deadline
        and transition.actor == Actor.OPERATOR
        and not entry_window_open(current, now)
    ):
        raise NotAllowed(_closed_message())
    previous = current.status
    if update:
        update(current)
    current.status = transition.target
    current.version += 1
    current.updated_by = user
    current.save()
    log(
        current,
        f"wagtail_kipp.entry.{transition.name}",
        user=user,
        data={"from": previous, "to": current.status, **(data or {})},
    )
    transaction.on_commit(
        lambda: signals.entry_status_changed.send(
            sender=Entry, entry=current, transition=transition.name, previous_status=previous, user=user
        )
    )
    entry.__dict__.update({k: v for k, v in current.__dict__.items() if not k.startswith("_")})
    return current


@transaction.atomic
def submit(entry: Entry, user, *, now: datetime.datetime | None = None) -> Entry:
    """
    Submit the entry (or send it to the secretariat when the round asks for approval).

    Submitting an already submitted entry changes nothing, so a double click or a retried request is harmless.
    """
    _require_member(user, entry.organisation_id)
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    if current.status in (EntryStatus.SUBMITTED, EntryStatus.AWAITING_APPROVAL, EntryStatus.ELIGIBLE):
        return current
    problems = submission_problems(current, now)
    if problems:
        raise SubmissionProblems(problems)
    name = "submit_for_approval" if current.competition.coordinator_approval else "submit"

    def stamp(locked: Entry) -> None:
        take_reference(locked)
        locked.template_snapshot = locked.group.template.snapshot()
        locked.submitted_at = _now(now)
        locked.submitted_by = user
        locked.return_note = ""

    current = _apply(current, user, TRANSITIONS[name], now=now, update=stamp)
    transaction.on_commit(lambda: signals.entry_submitted.send(sender=Entry, entry=current, user=user))
    notify_entry(current, "awaiting_approval" if name == "submit_for_approval" else "submitted")
    if name == "submit_for_approval":
        notify_secretariat(current, "approval_request")
    return current


@transaction.atomic
def approve(entry: Entry, user) -> Entry:
    """The secretariat accepts an entry waiting for approval; it is then submitted to the round."""
    entry = _apply(entry, user, TRANSITIONS["approve"])
    notify_entry(entry, "approved")
    return entry


@transaction.atomic
def return_for_correction(entry: Entry, user, note: str) -> Entry:
    """The secretariat sends an entry back to its organisation with a note; it becomes editable again."""
    note = (note or "").strip()
    if not note:
        raise NotAllowed(_("Write a note that tells the organisation what to correct."))

    def set_note(locked: Entry) -> None:
        locked.return_note = note
        locked.template_snapshot = None

    entry = _apply(entry, user, TRANSITIONS["return"], data={"note": note}, update=set_note)
    notify_entry(entry, "returned", note=note)
    return entry


def _unsnapshot(locked: Entry) -> None:
    locked.template_snapshot = None


@transaction.atomic
def reopen(entry: Entry, user, *, now: datetime.datetime | None = None) -> Entry:
    """Take a submitted entry back to draft before the deadline; it keeps its reference number."""
    return _apply(entry, user, TRANSITIONS["reopen"], now=now, update=_unsnapshot)


@transaction.atomic
def withdraw(entry: Entry, user, *, now: datetime.datetime | None = None) -> Entry:
    """Withdraw the entry from the round before the deadline; its place in the quota is freed."""
    return _apply(entry, user, TRANSITIONS["withdraw"], now=now, update=_unsnapshot)


@transaction.atomic
def restore(entry: Entry, user, *, now: datetime.datetime | None = None) -> Entry:
    """Bring a withdrawn entry back as a draft, if the quota still has room."""
    if quota_used(entry.competition, entry.organisation, entry.group, exclude=entry) >= (
        entry.competition.max_entries_per_group
    ):
        raise NotAllowed(_("Your organisation has no free place left in this group."))
    return _apply(entry, user, TRANSITIONS["restore"], now=now)


@transaction.atomic
def record_check(entry: Entry, user, *, passed: bool, reason: str) -> Entry:
    """Record the administrative check's decision with its reason (flags only advise)."""
    reason = (reason or "").strip()
    if not passed and not reason:
        raise NotAllowed(_("Give the reason why the proposal does not pass."))

    def stamp(locked: Entry) -> None:
        locked.check_reason = reason
        locked.checked_at = timezone.now()
        locked.checked_by = user

    name = "pass_check" if passed else "fail_check"
    return _apply(entry, user, TRANSITIONS[name], data={"reason": reason}, update=stamp)


@transaction.atomic
def grant_late_exception(entry: Entry, user, *, until: datetime.datetime, reason: str) -> Entry:
    """Allow one entry to be edited and submitted until ``until``, after the round's deadline (logged)."""
    _require_secretariat(user)
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed(_("Give the reason for the exception."))
    if timezone.is_naive(until):
        raise ValueError("until must be an aware datetime")
    current = Entry.objects.select_for_update().get(pk=entry.pk)
    current.late_until = until
    current.save(update_fields=["late_until", "updated_at"])
    log(
        current,
        "wagtail_kipp.entry.late_exception",
        user=user,
        data={"until": until.isoformat(), "reason": reason},
    )
    notify_entry(current, "late_exception", until=until, reason=reason)
    return current
