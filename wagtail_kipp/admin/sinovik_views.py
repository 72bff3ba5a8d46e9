"""The secretariat's SINOVIK downloads of one entry (PDF and JSON), with their inspect-view buttons."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.widgets.button import HeaderButton

from ..exchange import sinovik
from ..exchange.downloads import sinovik_download
from ..judging.permissions import is_secretariat
from ..models import Entry


class SinovikDownloadView(View):
    """
    One entry's SINOVIK export for the secretariat (``?form=2021`` for the 2021 form).

    Wagtail's admin URLs already require admin access; this adds the inspect view's permission, checked
    before the entry is looked up so that nobody else can tell which entry numbers exist.
    """

    http_method_names = ["get", "head"]
    export_format = "pdf"

    def get(self, request, pk: int):
        if not is_secretariat(request.user):
            raise PermissionDenied
        entry = get_object_or_404(sinovik.entry_queryset(), pk=pk)
        return sinovik_download(entry, self.export_format, form=request.GET.get("form"))


def get_urlpatterns() -> list:
    """The download URLs in the entries viewset: ``kipp_entries:sinovik_pdf`` and ``sinovik_json``."""
    return [
        path("sinovik/<int:pk>.pdf", SinovikDownloadView.as_view(export_format="pdf"), name="sinovik_pdf"),
        path("sinovik/<int:pk>.json", SinovikDownloadView.as_view(export_format="json"), name="sinovik_json"),
    ]


def header_buttons(entry: Entry) -> list[HeaderButton]:
    """The inspect view's download buttons."""
    return [
        HeaderButton(
            _("Download for SINOVIK (PDF)"),
            url=reverse("kipp_entries:sinovik_pdf", args=[entry.pk]),
            icon_name="download",
        ),
        HeaderButton(
            _("Download for SINOVIK (JSON)"),
            url=reverse("kipp_entries:sinovik_json", args=[entry.pk]),
            icon_name="download",
        ),
    ]
