"""The organisation's SINOVIK downloads of its own entry: all it needs to re-enter it nationally."""

from __future__ import annotations

from django.views import View

from ...exchange.downloads import sinovik_download
from .base import PortalMixin, get_entry


class SinovikDownloadView(PortalMixin, View):
    """
    The entry's SINOVIK export for the organisation's members, whatever its status (``?form=2021`` for the
    2021 form); 404 for everybody else, the secretariat included (it downloads from the admin).
    """

    http_method_names = ["get", "head"]
    export_format = "pdf"

    def get(self, request, uuid):
        entry = get_entry(request, uuid, members_only=True)
        return sinovik_download(entry, self.export_format, form=request.GET.get("form"))
