"""The admin menus of a round: "Competition" (entries, accounts, results) and "Jury" (panel, assignment)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from . import bundles, jury, results
from .accounts import InvitationViewSet, MembershipViewSet
from .entries import EntryViewSet
from .exports import ExportJobViewSet
from .harvest import HarvestSourceViewSet


class CompetitionViewSetGroup(ViewSetGroup):
    items = (
        EntryViewSet,
        InvitationViewSet,
        MembershipViewSet,
        *results.VIEWSETS,
        ExportJobViewSet,
        *bundles.VIEWSETS,
        HarvestSourceViewSet,
    )
    menu_icon = "form"
    menu_label = _("Competition")
    menu_name = "kipp-competition"
    add_to_admin_menu = True


class JuryViewSetGroup(ViewSetGroup):
    items = tuple(jury.VIEWSETS)
    menu_icon = "group"
    menu_label = _("Jury")
    menu_name = "kipp-jury"
    add_to_admin_menu = True
