"""The jury's services: panel members, integrity pledge, conflicts of interest and balanced assignment."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..models import (
    JUDGED_STAGES,
    RESULT_STAGES,
    Assignment,
    CompetitionPage,
    ConflictOfInterest,
    ConflictSource,
    Decision,
    Entry,
    EntryStatus,
    Organisation,
    PanelMember,
    ReviewStatus,
    StageResult,
)
from . import assignment as planning
from . import permissions
from .services import NotAllowed, ServiceError


def _require_secretariat(user) -> None:
    if not permissions.is_secretariat(user):
        raise PermissionDenied


def _require_jury_manager(user, competition_id: int) -> None:
    if not permissions.can_manage_jury(user, competition_id):
        raise PermissionDenied


# Which entries are in a stage ------------------------------------------------------------------------------


def previous_result_stage(competition: CompetitionPage, stage_kind: str) -> str | None:
    """The result stage before ``stage_kind`` that the round uses, or ``None`` for the first one."""
    used = {stage.kind for stage in competition.stages.all()}
    earlier = [kind for kind in RESULT_STAGES[: RESULT_STAGES.index(stage_kind)] if kind in used]
    return earlier[-1] if earlier else None


def entries_in_stage(competition: CompetitionPage, stage_kind: str) -> QuerySet[Entry]:
    """
    The entries a stage judges: those that passed the administrative check for the first judged stage, then
    those the previous stage's published decision advanced.
    """
    entries = Entry.objects.filter(competition=competition, status=EntryStatus.ELIGIBLE)
    previous = previous_result_stage(competition, stage_kind)
    if previous is None:
        return entries
    # Only once published: assigning the next stage must not tell its jurors who advanced before entrants.
    return entries.filter(
        pk__in=StageResult.objects.filter(
            stage_kind=previous, decision=Decision.ADVANCE, published_at__isnull=False
        ).values("entry_id")
    )


# Panel members ---------------------------------------------------------------------------------------------


@transaction.atomic
def add_panel_member(
    user,
    competition: CompetitionPage,
    *,
    name: str,
    email: str,
    role: str,
    affiliation: str,
    stage_kinds: Iterable[str],
    institution: str = "",
    organisation: Organisation | None = None,
    themes: Iterable = (),
    capacity: int | None = None,
    send_invitation: bool = True,
) -> PanelMember:
    """Put a person on a round's jury and (by default) e-mail them an invitation to the jury portal."""
    _require_secretariat(user)
    email = email.strip().lower()
    if PanelMember.objects.filter(competition=competition, email__iexact=email).exists():
        raise ServiceError(_("%(email)s is already on this round's jury.") % {"email": email})
    unknown = set(stage_kinds) - set(JUDGED_STAGES)
    if unknown:
        raise ServiceError(_("Jurors can only judge desk evaluation, interviews and field verification."))
    member = PanelMember.objects.create(
        competition=competition,
        name=name.strip(),
        email=email,
        role=role,
        affiliation=affiliation,
        institution=institution,
        organisation=organisation,
        stage_kinds=sorted(set(stage_kinds), key=list(JUDGED_STAGES).index),
        capacity=capacity,
    )
    member.themes.set(themes)
    log(member, "wagtail_kipp.panel.add", user=user, data={"role": role, "competition": competition.pk})
    if send_invitation:
        from ..entrant_portal import accounts

        accounts.invite_juror(member, invited_by=user)
    if organisation is not None:
        detect_conflicts(competition, members=[member])
    return member


def accept_pledge(user, member: PanelMember, *, now: datetime.datetime | None = None) -> PanelMember:
    """The juror accepts the integrity pledge; needed before the first score."""
    if member.user_id != getattr(user, "pk", None):
        raise PermissionDenied
    if member.pledge_accepted_at is None:
        member.pledge_accepted_at = now or timezone.now()
        member.save(update_fields=["pledge_accepted_at"])
        log(member, "wagtail_kipp.panel.pledge", user=user)
    return member


@transaction.atomic
def deactivate_member(user, member: PanelMember) -> int:
    """
    A juror drops out: not assigned any more, and their unsubmitted assignments are removed so that the
    assignment can be run again to fill the gaps. Submitted reviews stay and still count. Returns how many
    assignments were removed.
    """
    _require_secretariat(user)
    unsubmitted = member.assignments.exclude(status=ReviewStatus.SUBMITTED)
    removed = unsubmitted.count()
    unsubmitted.delete()
    member.active = False
    member.save(update_fields=["active"])
    log(member, "wagtail_kipp.panel.deactivate", user=user, data={"assignments_removed": removed})
    return removed


# Conflicts of interest -------------------------------------------------------------------------------------


def _lineage(organisation_id: int, parents: dict[int, int | None]) -> set[int]:
    """The organisation and all its ancestors."""
    seen: set[int] = set()
    current: int | None = organisation_id
    while current is not None and current not in seen:
        seen.add(current)
        current = parents.get(current)
    return seen


def related(organisation_a: int, organisation_b: int, parents: dict[int, int | None]) -> bool:
    """Whether one organisation is the other, or above it in the hierarchy (parent, grandparent...)."""
    return organisation_a in _lineage(organisation_b, parents) or organisation_b in _lineage(
        organisation_a, parents
    )


@transaction.atomic
def detect_conflicts(competition: CompetitionPage, members: Iterable[PanelMember] | None = None) -> int:
    """
    Record a conflict for every juror affiliated with an entrant's organisation or one above or below it.

    Unsubmitted assignments on such entries are removed. Returns the number of new conflicts.
    """
    members = [
        member
        for member in (members if members is not None else competition.panel_members.all())
        if member.organisation_id
    ]
    if not members:
        return 0
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    entries = list(
        Entry.objects.filter(competition=competition)
        .exclude(status__in=[EntryStatus.DRAFT, EntryStatus.WITHDRAWN])
        .values_list("pk", "organisation_id")
    )
    existing = set(
        ConflictOfInterest.objects.filter(panel_member__in=members).values_list("panel_member_id", "entry_id")
    )
    new = [
        ConflictOfInterest(
            panel_member=member,
            entry_id=entry_id,
            source=ConflictSource.DETECTED,
            reason=_("Affiliated with the entrant's organisation or one above or below it."),
        )
        for member in members
        for entry_id, organisation_id in entries
        if (member.pk, entry_id) not in existing and related(member.organisation_id, organisation_id, parents)
    ]
    ConflictOfInterest.objects.bulk_create(new)
    for conflict in new:
        _drop_unsubmitted(conflict.panel_member_id, conflict.entry_id)
    if new:
        log(competition, "wagtail_kipp.conflict.detect", data={"count": len(new)})
    return len(new)


def _drop_unsubmitted(panel_member_id: int, entry_id: int) -> None:
    Assignment.objects.filter(panel_member_id=panel_member_id, entry_id=entry_id).exclude(
        status=ReviewStatus.SUBMITTED
    ).delete()


@transaction.atomic
def declare_conflict(user, member: PanelMember, entry: Entry, reason: str) -> ConflictOfInterest:
    """
    A juror declares a conflict with an entry (at any time). From then on the juror does not see the entry,
    an unsubmitted review of it is removed and a submitted one no longer counts.
    """
    if member.user_id != getattr(user, "pk", None) or entry.competition_id != member.competition_id:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ServiceError(_("Say briefly why you have a conflict of interest."))
    conflict, created = ConflictOfInterest.objects.get_or_create(
        panel_member=member, entry=entry, defaults={"source": ConflictSource.DECLARED, "reason": reason}
    )
    _drop_unsubmitted(member.pk, entry.pk)
    if created:
        log(entry, "wagtail_kipp.conflict.declare", user=user, data={"panel_member": member.pk})
    return conflict


@transaction.atomic
def record_conflict(user, member: PanelMember, entry: Entry, reason: str) -> ConflictOfInterest:
    """The secretariat records a conflict it learnt of."""
    _require_secretariat(user)
    if entry.competition_id != member.competition_id:
        raise ServiceError(_("The juror and the entry belong to different rounds."))
    conflict, created = ConflictOfInterest.objects.get_or_create(
        panel_member=member,
        entry=entry,
        defaults={"source": ConflictSource.SECRETARIAT, "reason": reason.strip()},
    )
    _drop_unsubmitted(member.pk, entry.pk)
    if created:
        log(entry, "wagtail_kipp.conflict.record", user=user, data={"panel_member": member.pk})
    return conflict


# Assignment ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentRun:
    added: int
    shortfall: dict[int, int]  # entry pk -> jurors still missing
    loads: dict[int, int]  # panel member pk -> assignments in the stage


def _stage(competition: CompetitionPage, stage_kind: str):
    stage = competition.get_stage(stage_kind)
    if stage is None or stage_kind not in JUDGED_STAGES:
        raise NotAllowed(_("This round has no such judged stage."))
    return stage


def _require_open_for_changes(competition: CompetitionPage, stage_kind: str) -> None:
    from .results import stage_state

    state = stage_state(competition, stage_kind)
    if state.published_at:
        raise NotAllowed(_("The results of this stage are published; its assignments can no longer change."))


@transaction.atomic
def run_assignment(user, competition: CompetitionPage, stage_kind: str) -> AssignmentRun:
    """
    Give every entry of the stage its jurors: conflict-free, load spread evenly, expertise themes preferred.

    Re-runnable: existing assignments (started or not, automatic or by hand) are kept; only gaps are filled.
    """
    _require_secretariat(user)
    stage = _stage(competition, stage_kind)
    _require_open_for_changes(competition, stage_kind)
    detect_conflicts(competition)
    members = [
        member
        for member in competition.panel_members.active().prefetch_related("themes").order_by("pk")
        if member.judges(stage_kind)
    ]
    entries = list(entries_in_stage(competition, stage_kind).prefetch_related("themes").order_by("pk"))
    conflicts = set(
        ConflictOfInterest.objects.filter(panel_member__competition=competition).values_list(
            "panel_member_id", "entry_id"
        )
    )
    existing = set(
        Assignment.objects.filter(stage_kind=stage_kind, entry__competition=competition).values_list(
            "panel_member_id", "entry_id"
        )
    )
    plan = planning.plan_assignments(
        [planning.EntryNeeds(entry.pk, frozenset(t.pk for t in entry.themes.all())) for entry in entries],
        [
            planning.JurorFacts(member.pk, frozenset(t.pk for t in member.themes.all()), member.capacity)
            for member in members
        ],
        stage.reviewers_per_entry,
        conflicts,
        {pair for pair in existing if pair[0] in {m.pk for m in members}},
    )
    Assignment.objects.bulk_create(
        [
            Assignment(panel_member_id=member, entry_id=entry, stage_kind=stage_kind)
            for member, entry in plan.add
        ]
    )
    log(
        competition,
        "wagtail_kipp.assignment.run",
        user=user,
        data={"stage": stage_kind, "added": len(plan.add), "short": len(plan.shortfall)},
    )
    return AssignmentRun(len(plan.add), dict(plan.shortfall), dict(plan.loads))


@transaction.atomic
def assign(user, member: PanelMember, entry: Entry, stage_kind: str) -> Assignment:
    """Assign a juror to an entry by hand (manual override of the automatic assignment)."""
    _require_secretariat(user)
    _stage(member.competition, stage_kind)
    _require_open_for_changes(member.competition, stage_kind)
    if entry.competition_id != member.competition_id:
        raise ServiceError(_("The juror and the entry belong to different rounds."))
    if not member.active:
        raise ServiceError(_("This juror is no longer active."))
    if ConflictOfInterest.objects.filter(panel_member=member, entry=entry).exists():
        raise ServiceError(_("This juror has a conflict of interest with the entry."))
    if not entries_in_stage(member.competition, stage_kind).filter(pk=entry.pk).exists():
        raise ServiceError(_("This entry is not in the stage."))
    assignment, created = Assignment.objects.get_or_create(
        panel_member=member, entry=entry, stage_kind=stage_kind, defaults={"manual": True}
    )
    if created:
        log(
            entry,
            "wagtail_kipp.assignment.add",
            user=user,
            data={"panel_member": member.pk, "stage": stage_kind},
        )
    return assignment


@transaction.atomic
def unassign(user, assignment: Assignment) -> None:
    """Remove an unsubmitted assignment (a submitted review is reopened or kept, never lost)."""
    _require_secretariat(user)
    locked = Assignment.objects.select_for_update().select_related("entry").get(pk=assignment.pk)
    _require_open_for_changes(locked.entry.competition, locked.stage_kind)
    if locked.status == ReviewStatus.SUBMITTED:
        raise NotAllowed(_("This review was submitted; it cannot be removed."))
    log(
        locked.entry,
        "wagtail_kipp.assignment.remove",
        user=user,
        data={"panel_member": locked.panel_member_id, "stage": locked.stage_kind},
    )
    locked.delete()
