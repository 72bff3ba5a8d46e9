"""Account services: invitations, joining an organisation, open sign-up and approval; each audit-logged."""

from __future__ import annotations

import datetime

from django.conf import settings as django_settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..conf import settings as kipp_settings
from ..judging import permissions
from ..judging.services import ServiceError
from ..models import Invitation, Membership, MembershipRole, Organisation, PanelMember
from ..notifications.emails import portal_url, queue_email


class AccountError(ServiceError):
    """An account change that was refused, with messages for the user."""


class InvitationUnusable(AccountError):
    """The invitation was used, revoked or has expired; ``status`` says which."""

    def __init__(self, invitation: Invitation):
        super().__init__(unusable_message(invitation.status))
        self.invitation = invitation
        self.status = invitation.status


def unusable_message(status: str) -> str:
    """Why an invitation link no longer works, for the person who opened it."""
    messages = {
        "accepted": _("This invitation has already been used."),
        "revoked": _("This invitation has been withdrawn by the secretariat."),
        "expired": _("This invitation has expired."),
    }
    return messages.get(status, _("This invitation link is not valid."))


def normalise_email(email: str) -> str:
    return BaseUserManager.normalize_email((email or "").strip())


def portal_link(name: str, *args) -> str:
    """Absolute URL of a portal page in the site's default language (the language of the e-mails)."""
    with translation.override(django_settings.LANGUAGE_CODE):
        return portal_url(reverse(f"wagtail_kipp_portal:{name}", args=args))


def is_head_of(user, organisation_id: int) -> bool:
    if not (user and user.is_authenticated):
        return False
    return (
        Membership.objects.active()
        .filter(user=user, organisation_id=organisation_id, role=MembershipRole.HEAD)
        .exists()
    )


def can_invite(user, organisation: Organisation, role: str = MembershipRole.OPERATOR) -> bool:
    """The secretariat invites anyone; the head of an organisation may invite its operators."""
    if permissions.is_secretariat(user):
        return True
    return role == MembershipRole.OPERATOR and is_head_of(user, organisation.pk)


def can_manage_invitation(user, invitation: Invitation) -> bool:
    if invitation.organisation is None:
        return permissions.is_secretariat(user)
    return can_invite(user, invitation.organisation, invitation.role)


def _send(invitation: Invitation, user, *, resent: bool) -> Invitation:
    """Give ``invitation`` a new token and expiry, save it, log it and e-mail the link."""
    token = invitation.issue_token(datetime.timedelta(days=kipp_settings.INVITATION_DAYS))
    if user is not None and user.is_authenticated:
        invitation.invited_by = user
    invitation.save()
    log(
        invitation,
        "wagtail_kipp.invitation.send",
        user=user,
        data={
            "email": invitation.email,
            "organisation": invitation.organisation_id,
            "panel_member": invitation.panel_member_id,
            "role": invitation.role,
            "resent": resent,
            "expires_at": invitation.expires_at.isoformat(),
        },
    )
    queue_email(
        "jury_invitation" if invitation.panel_member_id else "invitation",
        {
            "invitation": invitation,
            "organisation": invitation.organisation,
            "panel_member": invitation.panel_member,
            "accept_url": portal_link("accept_invitation", token),
            "invited_by": user if user is not None and user.is_authenticated else None,
            "days": kipp_settings.INVITATION_DAYS,
        },
        [invitation.email],
    )
    return invitation


@transaction.atomic
def invite(organisation: Organisation, email: str, role: str, invited_by) -> Invitation:
    """
    Invite ``email`` to operate for ``organisation`` and e-mail the link (after commit).

    Inviting an address that already has an open invitation for the organisation gives that invitation a
    new link and expiry instead of creating a second one; the old link stops working.
    """
    if not can_invite(invited_by, organisation, role):
        raise PermissionDenied
    email = normalise_email(email)
    if role not in MembershipRole.values:
        raise AccountError(_("Choose a valid role."))
    if not organisation.active:
        raise AccountError(_("This organisation is not active; activate it before inviting its operators."))
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, approved=True, user__is_active=True
    ).exists():
        raise AccountError(_("%(email)s is already an operator of this organisation.") % {"email": email})
    # Serialise invitations to one organisation, so that two quick clicks do not make two invitations.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked=False)
        .order_by("-created_at")
        .first()
    )
    resent = invitation is not None
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email)
    invitation.role = role
    return _send(invitation, invited_by, resent=resent)


@transaction.atomic
def invite_juror(member: PanelMember, invited_by) -> Invitation:
    """Invite a jury member to the jury portal (or send the invitation again with a new link)."""
    if not permissions.is_secretariat(invited_by):
        raise PermissionDenied
    if member.user_id:
        raise AccountError(_("%(name)s has already joined the jury.") % {"name": member.name})
    PanelMember.objects.select_for_update().filter(pk=member.pk).first()
    invitation = (
        Invitation.objects.select_for_update()
        .filter(panel_member=member, accepted_at__isnull=True, revoked=False)
        .order_by("-created_at")
        .first()
    )
    resent = invitation is not None
    if invitation is None:
        invitation = Invitation(panel_member=member, email=member.email)
    return _send(invitation, invited_by, resent=resent)


def _join_jury(invitation: Invitation, user) -> PanelMember:
    member = PanelMember.objects.select_for_update().get(pk=invitation.panel_member_id)
    if member.user_id and member.user_id != user.pk:
        raise AccountError(_("Another account has already joined the jury with this invitation."))
    if (
        PanelMember.objects.filter(competition_id=member.competition_id, user=user)
        .exclude(pk=member.pk)
        .exists()
    ):
        raise AccountError(_("You are already on this round's jury."))
    member.user = user
    member.save(update_fields=["user"])
    return member


@transaction.atomic
def resend(invitation: Invitation, user) -> Invitation:
    """Send an open (or expired) invitation again with a new link and expiry."""
    if not can_manage_invitation(user, invitation):
        raise PermissionDenied
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if locked.status in ("accepted", "revoked"):
        raise InvitationUnusable(locked)
    if locked.organisation and not locked.organisation.active:
        raise AccountError(_("This organisation is not active; activate it before inviting its operators."))
    return _send(locked, user, resent=True)


@transaction.atomic
def revoke(invitation: Invitation, user) -> Invitation:
    """Withdraw an invitation so that its link no longer works."""
    if not can_manage_invitation(user, invitation):
        raise PermissionDenied
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at:
        raise AccountError(
            _("This invitation has already been accepted; remove the membership instead if needed.")
        )
    if locked.revoked:
        return locked
    locked.revoked = True
    locked.save(update_fields=["revoked"])
    log(locked, "wagtail_kipp.invitation.revoke", user=user, data={"email": locked.email})
    return locked


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership | PanelMember:
    """
    Join the invitation's organisation (or round jury) as ``user``; refuses used, revoked and expired
    invitations.

    A person may operate for several organisations; an existing membership of the organisation (for example
    a sign-up still waiting for approval) is approved, and raised to head if the invitation says so.
    """
    if not (user and user.is_authenticated and user.is_active):
        raise AccountError(_("Log in to accept the invitation."))
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if not locked.is_usable:
        raise InvitationUnusable(locked)
    if locked.panel_member_id:
        member = _join_jury(locked, user)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        log(
            locked,
            "wagtail_kipp.invitation.accept",
            user=user,
            data={"email": locked.email, "jury": member.pk},
        )
        invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
        return member
    if not locked.organisation.active:
        raise AccountError(_("This organisation is no longer active. Ask the secretariat."))
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user,
        organisation=locked.organisation,
        defaults={"role": locked.role, "approved": True},
    )
    if not created:
        if locked.role == MembershipRole.HEAD:
            membership.role = MembershipRole.HEAD
        membership.approved = True
        membership.save(update_fields=["role", "approved"])
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    log(
        locked,
        "wagtail_kipp.invitation.accept",
        user=user,
        data={"email": locked.email, "membership": membership.pk, "new_membership": created},
    )
    invitation.accepted_at, invitation.accepted_by = locked.accepted_at, user
    return membership


@transaction.atomic
def request_membership(user, organisation: Organisation, reason: str, *, notify: str = "") -> Membership:
    """
    Open sign-up: ask to operate for ``organisation``; the membership waits for the secretariat's approval.

    ``notify`` is the secretariat's e-mail address, told about the request when given.
    """
    if not organisation.active:
        raise AccountError(_("Choose an active organisation."))
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"approved": False}
    )
    if not created:
        raise AccountError(_("You have already asked to join this organisation."))
    log(membership, "wagtail.create", user=user, data={"signup": True, "reason": reason})
    if notify:
        queue_email(
            "signup_request",
            {
                "membership": membership,
                "user": user,
                "organisation": organisation,
                "reason": reason,
                "admin_url": portal_url(reverse("kipp_memberships:index") + "?approved=false"),
            },
            [notify],
        )
    return membership


@transaction.atomic
def approve_membership(membership: Membership, user) -> Membership:
    """The secretariat approves a membership waiting since sign-up; the person is told by e-mail."""
    if not permissions.is_secretariat(user):
        raise PermissionDenied
    locked = (
        Membership.objects.select_for_update().select_related("user", "organisation").get(pk=membership.pk)
    )
    if locked.approved:
        return locked
    locked.approved = True
    locked.save(update_fields=["approved"])
    log(locked, "wagtail_kipp.membership.approve", user=user, data={"organisation": locked.organisation_id})
    queue_email(
        "membership_approved",
        {"membership": locked, "organisation": locked.organisation, "login_url": portal_link("login")},
        [locked.user.email],
    )
    membership.approved = True
    return locked
