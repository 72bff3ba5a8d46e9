"""Placeholder: invitations and entrant accounts in the admin (being written)."""

from wagtail.admin.viewsets.model import ModelViewSet

from ..models import Invitation, Membership


class InvitationViewSet(ModelViewSet):
    model = Invitation
    name = "kipp_invitations"
    icon = "mail"
    form_fields = ["email", "organisation", "role"]


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "kipp_memberships"
    icon = "user"
    form_fields = ["user", "organisation", "role", "approved"]
