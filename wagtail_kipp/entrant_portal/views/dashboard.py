"""The entrant's dashboard: open rounds with their deadlines, and the organisation's proposals."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.models import Locale

from ...judging import permissions, publication, services
from ...models import CompetitionPage, EntryStatus
from ..forms.entries import NewEntryForm
from .base import PortalMixin


def open_rounds(now=None):
    """Live rounds whose entry stage is open now (grace period included), in the default language."""
    now = now or timezone.now()
    rounds = (
        CompetitionPage.objects.live()
        .filter(locale=Locale.get_default(), stages__kind="entry", stages__opens_at__lte=now)
        .prefetch_related("stages", "entry_groups")
        .distinct()
    )
    open_now = [competition for competition in rounds if competition.is_open_for_entries(now)]
    return sorted(open_now, key=lambda competition: competition.entry_deadline)


class DashboardView(PortalMixin, TemplateView):
    template_name = "wagtail_kipp/portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        organisations = list(permissions.organisations_of(user))
        entries = list(
            permissions.entries_visible_to(user)
            .select_related("competition", "organisation", "group", "group__template")
            .prefetch_related(*services.PROBLEM_PREFETCH)
            .order_by("-competition__year", "organisation__name", "title")
        )
        now = timezone.now()
        places = Counter(
            (entry.competition_id, entry.organisation_id, entry.group_id)
            for entry in entries
            if entry.status != EntryStatus.WITHDRAWN
        )
        for entry in entries:
            key = (entry.competition_id, entry.organisation_id, entry.group_id)
            others = places[key] - (entry.status != EntryStatus.WITHDRAWN)
            entry.missing = (
                services.submission_problems(entry, now, quota_used_by_others=others)
                if entry.is_editable
                else []
            )
            entry.window_open = services.entry_window_open(entry, now)
        publication.attach_outcomes(entries)
        rounds = open_rounds(now)
        for competition in rounds:
            competition.new_entry_form = (
                NewEntryForm(competition=competition, organisations=organisations) if organisations else None
            )
        context.update(
            organisations=organisations,
            entries=entries,
            rounds=rounds,
            pending_membership=not organisations and user.kipp_memberships.filter(approved=False).exists(),
            now=now,
            EntryStatus=EntryStatus,
        )
        return context
