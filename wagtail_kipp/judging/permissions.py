"""Who may see and do what with entries and reviews: small ``can_<verb>(user, obj)`` functions."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from ..models import Assignment, ConflictOfInterest, Entry, EntryStatus, Membership, Organisation, PanelMember


def is_secretariat(user) -> bool:
    """The secretariat: users allowed to change entries in the Wagtail admin."""
    return bool(
        user and user.is_authenticated and user.is_active and user.has_perm("wagtail_kipp.change_entry")
    )


def organisations_of(user) -> QuerySet[Organisation]:
    """Organisations the user operates for (approved memberships of active organisations)."""
    if not (user and user.is_authenticated and user.is_active):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        pk__in=Membership.objects.active().filter(user=user).values("organisation_id")
    )


def is_member(user, organisation_id: int) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return Membership.objects.active().filter(user=user, organisation_id=organisation_id).exists()


def entries_visible_to(user) -> QuerySet[Entry]:
    """Entries the user may open in the entrant portal: those of the user's organisations, nothing else."""
    return Entry.objects.filter(organisation__in=organisations_of(user))


def can_view_entry(user, entry: Entry) -> bool:
    return is_member(user, entry.organisation_id) or is_secretariat(user)


def can_edit_entry(user, entry: Entry) -> bool:
    return entry.is_editable and is_member(user, entry.organisation_id)


def can_act_as_operator(user, entry: Entry) -> bool:
    return is_member(user, entry.organisation_id)


def can_act_as_secretariat(user, entry: Entry) -> bool:
    return is_secretariat(user)


# The jury --------------------------------------------------------------------------------------------------


def panel_member_of(user, competition_id: int) -> PanelMember | None:
    """The user's active place on a round's jury, if any."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    return PanelMember.objects.active().filter(user=user, competition_id=competition_id).first()


def is_chair(user, competition_id: int) -> bool:
    member = panel_member_of(user, competition_id)
    return bool(member and member.is_chair)


def can_manage_jury(user, competition_id: int) -> bool:
    """The secretariat, or the chair of the round's jury: reopen reviews, close scoring, see all conflicts."""
    return is_secretariat(user) or is_chair(user, competition_id)


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """A juror's own assignments, never one on an entry the juror is conflicted with, only while active."""
    if not (user and user.is_authenticated and user.is_active):
        return Assignment.objects.none()
    conflicted = ConflictOfInterest.objects.filter(
        panel_member_id=OuterRef("panel_member_id"), entry_id=OuterRef("entry_id")
    )
    return Assignment.objects.filter(
        panel_member__user=user, panel_member__active=True, entry__status=EntryStatus.ELIGIBLE
    ).exclude(Exists(conflicted))


def can_review(user, assignment: Assignment) -> bool:
    return assignments_visible_to(user).filter(pk=assignment.pk).exists()
