"""Who may see and do what with entries: small ``can_<verb>(user, obj)`` functions used by every view."""

from __future__ import annotations

from django.db.models import QuerySet

from ..models import Entry, Membership, Organisation


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
