"""Snippet viewsets for organisations, the catalogue taxonomy and proposal templates, in one admin menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import Organisation, SustainableDevelopmentGoal, Theme
from .templates import ProposalTemplateViewSet


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "acronym", "kind", "parent", "active"]
    list_filter = ["kind", "active"]
    list_export = ["name", "acronym", "slug", "kind", "parent", "website", "active"]
    export_filename = "organisations"
    search_fields = ["name", "acronym"]
    ordering = ["name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "name_en", "slug", "sort_order"]
    search_fields = ["name", "name_en"]


class SustainableDevelopmentGoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("SDGs")
    list_display = ["number", "name", "name_en"]
    ordering = ["number"]


class KippViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, ThemeViewSet, SustainableDevelopmentGoalViewSet, ProposalTemplateViewSet)
    menu_icon = "trophy"
    menu_label = _("KIPP")
    menu_name = "kipp"
