"""What every portal view shares: login, the site's base template, and finding an entry the user may see."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy

from ...conf import settings as kipp_settings
from ...judging import permissions
from ...models import Entry


class PortalMixin(LoginRequiredMixin):
    """Logged-in portal pages rendered inside the site's base template."""

    login_url = reverse_lazy("wagtail_kipp_portal:login")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kipp_base_template"] = kipp_settings.BASE_TEMPLATE
        return context


def get_entry(request, uuid, *, members_only: bool = False) -> Entry:
    """
    The entry with ``uuid`` if the user may see it; otherwise 404, so that nobody can probe for entries.

    ``members_only`` leaves out the secretariat, which reads entries in the admin.
    """
    entry = get_object_or_404(
        Entry.objects.select_related("competition", "organisation", "group", "group__template"), uuid=uuid
    )
    allowed = (
        permissions.is_member(request.user, entry.organisation_id)
        if members_only
        else permissions.can_view_entry(request.user, entry)
    )
    if not allowed:
        raise Http404
    return entry
