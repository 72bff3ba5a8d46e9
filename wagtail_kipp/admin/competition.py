"""The "Competition" admin menu: entries of the rounds, invitations and entrant accounts."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .accounts import InvitationViewSet, MembershipViewSet
from .entries import EntryViewSet


class CompetitionViewSetGroup(ViewSetGroup):
    items = (EntryViewSet, InvitationViewSet, MembershipViewSet)
    menu_icon = "form"
    menu_label = _("Competition")
    menu_name = "kipp-competition"
    add_to_admin_menu = True
