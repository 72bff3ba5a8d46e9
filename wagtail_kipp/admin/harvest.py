"""Harvested portals in the admin: list with the last run's status and report, add and edit, harvest now."""

from __future__ import annotations

import json

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from ..exchange.harvest import Status, summary_of
from ..exchange.harvest_client import HarvestError, api_root
from ..exchange.harvest_tasks import enqueue_harvest
from ..models import HarvestSource, InnovationIndexPage
from .accounts import ConfirmActionView

#: Labels of :attr:`HarvestSource.last_status`.
STATUS_LABELS = {
    Status.OK: _("ok"),
    Status.PARTIAL: _("partial: some records skipped"),
    Status.FAILED: _("failed"),
}


def status_label(source: HarvestSource) -> str:
    return str(STATUS_LABELS.get(source.last_status, source.last_status or _("never run")))


def report_summary(source: HarvestSource) -> str:
    return summary_of(source.last_report)


class HarvestSourceForm(forms.ModelForm):
    """A portal to harvest: its API root (http or https) and the catalogue its innovations go to."""

    api_url = forms.CharField(
        label=HarvestSource._meta.get_field("api_url").verbose_name,
        max_length=HarvestSource._meta.get_field("api_url").max_length,
        help_text=HarvestSource._meta.get_field("api_url").help_text,
    )

    class Meta:
        model = HarvestSource
        fields = ["name", "api_url", "catalogue", "active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        catalogues = InnovationIndexPage.objects.values_list("pk", flat=True)
        self.fields["catalogue"].queryset = Page.objects.filter(pk__in=catalogues).order_by("path")

    def clean_api_url(self) -> str:
        try:
            url = api_root(self.cleaned_data["api_url"])
        except HarvestError as error:
            message = _("Enter the address of the portal's API, starting with http or https.")
            raise ValidationError(message) from error
        duplicates = HarvestSource.objects.filter(api_url=url).exclude(pk=self.instance.pk)
        if duplicates.exists():
            raise ValidationError(_("This portal is already harvested."))
        return url


class HarvestSourceFilterSet(WagtailFilterSet):
    last_status = django_filters.ChoiceFilter(
        label=_("Last status"), choices=list(STATUS_LABELS.items()), empty_label=_("All")
    )

    class Meta:
        model = HarvestSource
        fields = ["active", "last_status"]


class HarvestSourceIndexView(generic.IndexView):
    harvest_url_name = None

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("catalogue")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            url = reverse(self.harvest_url_name, args=[quote(instance.pk)])
            url += "?" + urlencode({"next": self.request.get_full_path()})
            buttons.append(MenuItem(_("Harvest now"), url=url, icon_name="download", priority=5))
        return buttons


class HarvestSourceInspectView(generic.InspectView):
    harvest_url_name = None

    def get_last_status_display_value(self):
        return status_label(self.object)

    def get_last_report_display_value(self):
        if not self.object.last_report:
            return "-"
        text = json.dumps(self.object.last_report, indent=2, ensure_ascii=False)
        return format_html("<p>{}</p><pre>{}</pre>", report_summary(self.object), text)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("change"):
            url = reverse(self.harvest_url_name, args=[quote(self.object.pk)])
            buttons.append(Button(_("Harvest now"), url=url, icon_name="download", priority=5))
        return buttons


class HarvestNowView(ConfirmActionView):
    """Queues a harvest of one portal (a django-tasks job); its report appears on the portal when done."""

    permission_required = "change"
    page_title = _("Harvest now")
    header_icon = "download"
    confirmation_message = _(
        "Harvest %(object)s now? Innovations changed there since the last run are taken into its catalogue."
    )
    button_label = _("Yes, harvest")
    success_message = _("The harvest of %(object)s has started; its report appears in the list when done.")

    def get_base_object_queryset(self):
        return HarvestSource.objects.all()

    def perform(self):
        enqueue_harvest(self.object, user=self.request.user)


class HarvestSourceViewSet(ModelViewSet):
    """Other portals whose open data API this site harvests (``kipp_harvest``); model permissions apply."""

    model = HarvestSource
    name = "kipp_harvest"
    url_prefix = "kipp/harvest"
    icon = "download"
    menu_label = _("Harvested portals")
    index_view_class = HarvestSourceIndexView
    inspect_view_class = HarvestSourceInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "api_url",
        "catalogue",
        "active",
        "harvested_until",
        "last_run_at",
        "last_status",
        "last_report",
    ]
    copy_view_enabled = False
    list_display = [
        "name",
        "api_url",
        "catalogue",
        BooleanColumn("active", label=_("Active"), sort_key="active"),
        DateColumn("last_run_at", label=_("Last run"), sort_key="last_run_at"),
        StatusTagColumn(
            "last_status",
            label=_("Last status"),
            accessor=status_label,
            primary=lambda source: source.last_status == Status.OK,
        ),
        Column("report", label=_("Last report"), accessor=report_summary),
    ]
    filterset_class = HarvestSourceFilterSet
    search_fields = ["name", "api_url"]
    ordering = ["name"]

    def get_form_class(self, for_update=False):
        return HarvestSourceForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(harvest_url_name=self.get_url_name("harvest"), **kwargs)

    @property
    def harvest_view(self):
        return self.construct_view(HarvestNowView, index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("harvest/<int:pk>/", self.harvest_view, name="harvest")]
