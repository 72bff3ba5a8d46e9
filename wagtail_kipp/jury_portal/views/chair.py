"""The chair's pages: conflicts of interest, each juror's progress, reopening reviews, closing scoring."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from ...judging import results, reviews
from ...judging.services import ServiceError
from ...models import JUDGED_STAGES, Assignment, ConflictOfInterest, ReviewStatus, StageState
from ..forms import CloseScoringForm, ReopenForm
from .base import JuryMixin, get_chair


class ChairMixin(JuryMixin):
    """Pages only the chair of the round's jury may open (404 for everybody else)."""

    def dispatch_juror(self, request, *args, **kwargs):
        self.member = get_chair(request, kwargs["competition_id"])
        self.competition = self.member.competition
        return self.dispatch_chair(request, *args, **kwargs)

    def dispatch_chair(self, request, *args, **kwargs):
        """Runs for the chair only; override to find the page's objects (404 if they do not exist)."""
        return super().dispatch_juror(request, *args, **kwargs)

    def chair_url(self) -> str:
        return reverse("wagtail_kipp_jury:chair", args=[self.competition.pk])

    def judged_stages(self) -> list:
        """The round's judged stages in pipeline order."""
        stages = {stage.kind: stage for stage in self.competition.stages.all()}
        return [stages[kind] for kind in JUDGED_STAGES if kind in stages]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(member=self.member, competition=self.competition)
        return context


class ChairView(ChairMixin, TemplateView):
    """
    The chair's overview of the round: every conflict of interest with its reason, each juror's progress
    per stage, the submitted reviews (to reopen one), and closing scoring per stage.
    """

    template_name = "wagtail_kipp/jury/chair.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition = self.competition
        stages = self.judged_stages()
        conflicts = list(
            ConflictOfInterest.objects.filter(panel_member__competition=competition)
            .select_related("panel_member", "entry")
            .order_by("entry__reference_number", "entry__title", "panel_member__name")
        )
        conflicted = {(conflict.panel_member_id, conflict.entry_id) for conflict in conflicts}
        assignments = [
            assignment
            for assignment in Assignment.objects.filter(entry__competition=competition)
            .select_related("panel_member", "entry")
            .order_by("entry__reference_number", "entry__title", "panel_member__name")
            if (assignment.panel_member_id, assignment.entry_id) not in conflicted
        ]
        assigned = Counter((a.panel_member_id, a.stage_kind) for a in assignments)
        submitted = Counter(
            (a.panel_member_id, a.stage_kind) for a in assignments if a.status == ReviewStatus.SUBMITTED
        )
        drafts = Counter(
            (a.panel_member_id, a.stage_kind) for a in assignments if a.status == ReviewStatus.DRAFT
        )
        jurors = []
        for juror in competition.panel_members.order_by("role", "name"):
            jurors.append(
                {
                    "member": juror,
                    "stages": [
                        {
                            "assigned": assigned[(juror.pk, stage.kind)],
                            "draft": drafts[(juror.pk, stage.kind)],
                            "submitted": submitted[(juror.pk, stage.kind)],
                        }
                        for stage in stages
                    ],
                }
            )
        states = {
            state.stage_kind: state
            for state in StageState.objects.filter(competition=competition).select_related(
                "scoring_closed_by"
            )
        }
        stage_rows = []
        for stage in stages:
            in_stage = [a for a in assignments if a.stage_kind == stage.kind]
            state = states.get(stage.kind)
            stage_rows.append(
                {
                    "stage": stage,
                    "state": state,
                    "closed": bool(state and state.scoring_closed_at),
                    "published": bool(state and state.published_at),
                    "assigned": len(in_stage),
                    "submitted": [a for a in in_stage if a.status == ReviewStatus.SUBMITTED],
                }
            )
        context.update(
            conflicts=conflicts,
            jurors=jurors,
            stages=stages,
            stage_rows=stage_rows,
            any_submitted=any(row["submitted"] for row in stage_rows),
            reopen_form=ReopenForm(),
        )
        return context


class ReopenReviewView(ChairMixin, View):
    """Reopen a submitted review with a reason (POST from the chair's page)."""

    http_method_names = ["post"]

    def post(self, request, competition_id, pk):
        assignment = get_object_or_404(
            Assignment.objects.select_related("entry", "panel_member"),
            pk=pk,
            entry__competition_id=self.competition.pk,
        )
        form = ReopenForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.chair_url() + "#reviews")
        try:
            reviews.reopen_review(request.user, assignment, form.cleaned_data["reason"])
        except PermissionDenied:
            raise Http404 from None
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.chair_url() + "#reviews")
        messages.success(
            request,
            _("The review of “%(title)s” by %(juror)s is open again for correction.")
            % {"title": assignment.entry.title, "juror": assignment.panel_member.name},
        )
        return redirect(self.chair_url() + "#reviews")


class CloseScoringView(ChairMixin, TemplateView):
    """Close scoring of a stage after a confirmation step: reviews lock and jurors see the panel's scores."""

    template_name = "wagtail_kipp/jury/close_scoring.html"

    def dispatch_chair(self, request, *args, **kwargs):
        self.stage = next((s for s in self.judged_stages() if s.kind == kwargs["stage_kind"]), None)
        if self.stage is None:
            raise Http404
        return super().dispatch_chair(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignments = list(
            Assignment.objects.filter(entry__competition=self.competition, stage_kind=self.stage.kind)
            .exclude(
                Exists(
                    ConflictOfInterest.objects.filter(
                        panel_member_id=OuterRef("panel_member_id"), entry_id=OuterRef("entry_id")
                    )
                )
            )
            .values_list("status", flat=True)
        )
        state = StageState.objects.filter(competition=self.competition, stage_kind=self.stage.kind).first()
        context.update(
            stage=self.stage,
            state=state,
            closed=bool(state and state.scoring_closed_at),
            assigned=len(assignments),
            submitted=assignments.count(ReviewStatus.SUBMITTED),
            unsubmitted=len(assignments) - assignments.count(ReviewStatus.SUBMITTED),
            form=form or CloseScoringForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = CloseScoringForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            results.close_scoring(request.user, self.competition, self.stage.kind)
        except PermissionDenied:
            raise Http404 from None
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.chair_url())
        messages.success(
            request,
            _("Scoring of %(stage)s is closed. Jurors can now see the panel's scores of their entries.")
            % {"stage": self.stage.display_name},
        )
        return redirect(self.chair_url())
