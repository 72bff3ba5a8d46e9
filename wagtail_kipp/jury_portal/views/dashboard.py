"""The juror's dashboard (rounds, stages, assignments, progress, deadlines) and the integrity pledge."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ...judging import panel
from ...models import JUDGED_STAGES, PanelMember, ReviewStatus, StageState
from ..forms import PledgeForm
from .base import JuryMixin, get_member, safe_next, visible_assignments


class DashboardView(JuryMixin, TemplateView):
    """
    Every round the user is an active juror of; per judged stage the assigned entries with the review's
    status, the progress and the stage's deadline. A fixed number of queries, however many assignments.
    """

    template_name = "wagtail_kipp/jury/dashboard.html"

    def get_members(self) -> list[PanelMember]:
        return list(
            PanelMember.objects.active()
            .filter(user=self.request.user)
            .select_related("competition")
            .prefetch_related("competition__stages")
            .order_by("-competition__year", "competition__title")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = self.get_members()
        assignments = defaultdict(list)
        for assignment in visible_assignments(self.request.user).order_by(
            "entry__reference_number", "entry__title", "pk"
        ):
            assignments[(assignment.panel_member_id, assignment.stage_kind)].append(assignment)
        states = {
            (state.competition_id, state.stage_kind): state
            for state in StageState.objects.filter(
                Q(scoring_closed_at__isnull=False) | Q(published_at__isnull=False),
                competition_id__in=[member.competition_id for member in members],
            )
        }
        rounds = []
        for member in members:
            competition = member.competition
            stages = []
            for kind in JUDGED_STAGES:
                rows = assignments.get((member.pk, kind), [])
                stage = competition.get_stage(kind)
                if stage is None or not (rows or member.judges(kind)):
                    continue
                state = states.get((competition.pk, kind))
                stages.append(
                    {
                        "stage": stage,
                        "assignments": rows,
                        "submitted": sum(1 for row in rows if row.status == ReviewStatus.SUBMITTED),
                        "closed": bool(state),
                        "blind": stage.blind,
                    }
                )
            rounds.append({"member": member, "competition": competition, "stages": stages})
        context.update(rounds=rounds, now=timezone.now(), ReviewStatus=ReviewStatus)
        return context


class PledgeView(JuryMixin, TemplateView):
    """The integrity pledge of a round's jury; accepting it (POST) is needed before the first score."""

    template_name = "wagtail_kipp/jury/pledge.html"

    def dispatch_juror(self, request, *args, **kwargs):
        self.member = get_member(request, kwargs["competition_id"])
        return super().dispatch_juror(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            competition=self.member.competition,
            form=form or PledgeForm(),
            next=safe_next(self.request, ""),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PledgeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        panel.accept_pledge(request.user, self.member)
        messages.success(request, _("Thank you. You have accepted the integrity pledge and can now score."))
        return redirect(safe_next(request, reverse("wagtail_kipp_jury:dashboard")))
