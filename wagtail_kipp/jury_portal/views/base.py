"""What every jury portal view shares: login, the site's base template, and the juror's own assignments."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from ...conf import settings as kipp_settings
from ...entrant_portal import uploads
from ...judging import permissions
from ...models import Assignment, PanelMember, StageState
from ...storage import private_download


class JuryMixin(LoginRequiredMixin):
    """Logged-in jury pages rendered inside the site's base template; anonymous visitors go to the login."""

    login_url = reverse_lazy("wagtail_kipp_portal:login")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return self.dispatch_juror(request, *args, **kwargs)

    def dispatch_juror(self, request, *args, **kwargs):
        """Runs for logged-in users only; override to find the objects of the page (404 if not allowed)."""
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kipp_base_template"] = kipp_settings.BASE_TEMPLATE
        return context


def visible_assignments(user) -> QuerySet[Assignment]:
    """The user's own, non-conflicted assignments with what their pages show."""
    return permissions.assignments_visible_to(user).select_related(
        "panel_member",
        "entry",
        "entry__competition",
        "entry__organisation",
        "entry__group",
        "entry__group__template",
        "entry__replicated_innovation",
    )


def get_assignment(request, pk) -> Assignment:
    """The user's assignment ``pk``; 404 for anybody else's, a conflicted one, or an inactive juror's."""
    return get_object_or_404(visible_assignments(request.user), pk=pk)


#: The largest page id (Wagtail pages have 32-bit ids); larger numbers in an address are simply not found.
MAX_PAGE_ID = 2**31 - 1


def get_member(request, competition_id) -> PanelMember:
    """The user's active place on the round's jury; 404 otherwise."""
    if not 0 < int(competition_id) <= MAX_PAGE_ID:
        raise Http404
    member = permissions.panel_member_of(request.user, competition_id)
    if member is None:
        raise Http404
    return member


def get_chair(request, competition_id) -> PanelMember:
    """The user's place as chair of the round's jury; 404 for everybody else."""
    member = get_member(request, competition_id)
    if not member.is_chair:
        raise Http404
    return member


def pledge_redirect(request, member: PanelMember):
    """A redirect to the pledge page (coming back here afterwards) while the juror has not accepted it."""
    if member.pledge_accepted_at is not None:
        return None
    url = reverse("wagtail_kipp_jury:pledge", args=[member.competition_id])
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def safe_next(request, default: str) -> str:
    """The ``next`` parameter when it points into this site, otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def stage_state(competition_id: int, stage_kind: str) -> StageState | None:
    """The stage's state if it has one (read only: a page view never creates one)."""
    return StageState.objects.filter(competition_id=competition_id, stage_kind=stage_kind).first()


def scoring_closed(state: StageState | None) -> bool:
    return bool(state and (state.scoring_closed_at or state.published_at))


def private_file_response(field_file, name: str, file_type: str) -> FileResponse:
    """Serve a privately stored file as a download with its checked type."""
    return private_download(
        field_file,
        name or uploads.stored_name(file_type),
        uploads.CONTENT_TYPES.get(file_type, "application/octet-stream"),
    )


def not_found_on_denial(function, *args, **kwargs):
    """Call a service; a ``PermissionDenied`` (the juror lost access meanwhile) becomes a 404."""
    try:
        return function(*args, **kwargs)
    except PermissionDenied:
        raise Http404 from None
