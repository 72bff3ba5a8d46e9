"""
The assignment screen of a round's judged stage: automatic and manual assignment, progress per juror and per
entry, and the stage's criteria (with the national preset when it has none). Constant queries per screen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django import forms
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..judging import panel
from ..judging.criteria_presets import PRESET_LABELS, PRESETS, apply_preset
from ..judging.services import ServiceError
from ..models import (
    JUDGED_STAGES,
    Assignment,
    CompetitionPage,
    ConflictOfInterest,
    Criterion,
    CriterionKind,
    Entry,
    PanelMember,
    ReviewStatus,
    StageState,
)
from .jury_common import SecretariatMenuItem, entry_label, secretariat_only, when_in_round

NAMESPACE = "kipp_assignment"


def stage_url(competition_id: int, stage_kind: str, name: str = "stage", *args) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=[competition_id, stage_kind, *args])


# Progress ------------------------------------------------------------------------------------------


@dataclass
class JurorProgress:
    member: PanelMember
    assigned: int = 0
    started: int = 0
    submitted: int = 0
    conflicts: int = 0

    @property
    def over_capacity(self) -> bool:
        return self.member.capacity is not None and self.assigned > self.member.capacity


@dataclass
class EntryProgress:
    entry: Entry
    needed: int
    assignments: list[dict] = field(default_factory=list)
    conflicts: int = 0

    @property
    def assigned(self) -> int:
        return len(self.assignments)

    @property
    def submitted(self) -> int:
        return sum(1 for assignment in self.assignments if assignment["status"] == ReviewStatus.SUBMITTED)

    @property
    def missing(self) -> int:
        return max(self.needed - self.assigned, 0)


class ManualAssignForm(forms.Form):
    """A juror and an entry of the stage, offered from lists already loaded for the screen."""

    panel_member = forms.TypedChoiceField(label=_("Juror"), coerce=int)
    entry = forms.TypedChoiceField(label=_("Entry"), coerce=int)

    def __init__(self, *args, members=(), entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel_member"].choices = [("", "---------")] + [
            (
                member.pk,
                member.name
                if member.user_id
                else gettext("%(name)s (not joined yet)") % {"name": member.name},
            )
            for member in members
        ]
        self.fields["entry"].choices = [("", "---------")] + [
            (entry.pk, entry_label(entry)) for entry in entries
        ]


# Views ---------------------------------------------------------------------------------------------


def rounds():
    return CompetitionPage.objects.order_by("-year", "title")


class AssignmentIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The rounds and their judged stages, with how many reviews are assigned and submitted."""

    template_name = "wagtail_kipp/admin/jury/assignment_index.html"
    page_title = _("Assign jurors")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = {
            (row["entry__competition_id"], row["stage_kind"]): row
            for row in Assignment.objects.values("entry__competition_id", "stage_kind").annotate(
                total=Count("pk"), submitted=Count("pk", filter=Q(status=ReviewStatus.SUBMITTED))
            )
        }
        panel_sizes = dict(
            PanelMember.objects.filter(active=True)
            .values("competition_id")
            .annotate(size=Count("pk"))
            .values_list("competition_id", "size")
        )
        rows = []
        for competition in rounds().prefetch_related("stages"):
            judged = sorted(
                (stage for stage in competition.stages.all() if stage.kind in JUDGED_STAGES),
                key=lambda stage: JUDGED_STAGES.index(stage.kind),
            )
            stages = []
            for stage in judged:
                count = counts.get((competition.pk, stage.kind), {})
                stages.append(
                    {
                        "stage": stage,
                        "url": stage_url(competition.pk, stage.kind),
                        "total": count.get("total", 0),
                        "submitted": count.get("submitted", 0),
                    }
                )
            rows.append(
                {
                    "competition": competition,
                    "stages": stages,
                    "panel_size": panel_sizes.get(competition.pk, 0),
                }
            )
        context.update(rows=rows, panel_url=reverse("kipp_panel:index"))
        return context


class RoundStageMixin:
    """The round and judged stage named in the URL; an unknown round or stage is a 404."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.competition = get_object_or_404(
            CompetitionPage.objects.prefetch_related("stages"), pk=kwargs["competition_pk"]
        )
        self.stage_kind = kwargs["stage_kind"]
        self.stage = self.competition.get_stage(self.stage_kind) if self.stage_kind in JUDGED_STAGES else None
        if self.stage is None:
            raise Http404

    @property
    def screen_url(self) -> str:
        return stage_url(self.competition.pk, self.stage_kind)

    def refuse(self, error: ServiceError):
        messages.error(self.request, " ".join(error.messages))
        return redirect(self.screen_url)

    def get(self, request, *args, **kwargs):
        # The actions are buttons on the screen; a GET (an old bookmark, a reload) goes back to it.
        return redirect(self.screen_url)


class AssignmentStageView(RoundStageMixin, WagtailAdminTemplateMixin, TemplateView):
    """One judged stage of one round: criteria, assignment actions and progress."""

    template_name = "wagtail_kipp/admin/jury/assignment_stage.html"
    header_icon = "tasks"

    get = TemplateView.get

    def get_page_title(self):
        return capfirst(self.stage.display_name)

    def get_page_subtitle(self):
        return self.competition.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{NAMESPACE}:index"), "label": gettext("Assign jurors")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_progress(self):
        competition, kind = self.competition, self.stage_kind
        members = list(competition.panel_members.order_by("role", "name"))
        entries = list(
            panel.entries_in_stage(competition, kind)
            .select_related("organisation")
            .order_by("reference", "pk")
        )
        assignments = list(
            Assignment.objects.filter(entry__competition=competition, stage_kind=kind)
            .order_by("pk")
            .values("pk", "panel_member_id", "entry_id", "status", "manual")
        )
        conflicts = list(
            ConflictOfInterest.objects.filter(panel_member__competition=competition).values_list(
                "panel_member_id", "entry_id"
            )
        )
        by_member = {member.pk: member for member in members}
        with_assignments = {assignment["panel_member_id"] for assignment in assignments}
        jurors = {
            member.pk: JurorProgress(member)
            for member in members
            if member.judges(kind) or member.pk in with_assignments
        }
        rows = {entry.pk: EntryProgress(entry, self.stage.reviewers_per_entry) for entry in entries}
        for assignment in assignments:
            progress = jurors.get(assignment["panel_member_id"])
            if progress:
                progress.assigned += 1
                progress.started += assignment["status"] != ReviewStatus.NOT_STARTED
                progress.submitted += assignment["status"] == ReviewStatus.SUBMITTED
            row = rows.get(assignment["entry_id"])
            if row:
                member = by_member[assignment["panel_member_id"]]
                row.assignments.append(
                    {
                        **assignment,
                        "member": member,
                        "status_label": ReviewStatus(assignment["status"]).label,
                        "unassign_url": stage_url(competition.pk, kind, "unassign", assignment["pk"]),
                    }
                )
        per_member = Counter(member_id for member_id, _entry in conflicts)
        per_entry = Counter(entry_id for _member, entry_id in conflicts)
        for progress in jurors.values():
            progress.conflicts = per_member[progress.member.pk]
        for row in rows.values():
            row.conflicts = per_entry[row.entry.pk]
        return list(jurors.values()), list(rows.values()), entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition, kind = self.competition, self.stage_kind
        jurors, entry_rows, entries = self.get_progress()
        state = StageState.objects.filter(competition=competition, stage_kind=kind).first()
        criteria = list(
            Criterion.objects.filter(competition=competition, stage_kind=kind).order_by("sort_order")
        )
        assignable = [
            progress.member for progress in jurors if progress.member.active and progress.member.judges(kind)
        ]
        context.update(
            competition=competition,
            stage=self.stage,
            stage_kind=kind,
            opens=when_in_round(self.stage.opens_at, competition),
            closes=when_in_round(self.stage.closes_at, competition),
            state=state,
            locked=bool(state and state.published_at),
            jurors=jurors,
            entry_rows=entry_rows,
            short_entries=sum(1 for row in entry_rows if row.missing),
            criteria=[
                {
                    "criterion": criterion,
                    "scale": gettext("yes or no")
                    if criterion.kind == CriterionKind.CHECK
                    else f"{criterion.scale_min}–{criterion.scale_max}",
                }
                for criterion in criteria
            ],
            preset_label=PRESET_LABELS.get(kind) if kind in PRESETS else None,
            form=ManualAssignForm(members=assignable, entries=entries),
            run_url=stage_url(competition.pk, kind, "run"),
            assign_url=stage_url(competition.pk, kind, "assign"),
            preset_url=stage_url(competition.pk, kind, "preset"),
            edit_round_url=reverse("wagtailadmin_pages:edit", args=[competition.pk]),
            add_member_url=reverse("kipp_panel:add") + f"?competition={competition.pk}",
            panel_url=reverse("kipp_panel:index") + f"?competition={competition.pk}",
            conflicts_url=reverse("kipp_conflicts:index") + f"?competition={competition.pk}",
        )
        return context


class RunAssignmentView(RoundStageMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            run = panel.run_assignment(request.user, self.competition, self.stage_kind)
        except ServiceError as error:
            return self.refuse(error)
        messages.success(
            request,
            ngettext(
                "%(count)d assignment added.",
                "%(count)d assignments added.",
                run.added,
            )
            % {"count": run.added},
        )
        if run.shortfall:
            labels = {
                entry.pk: entry.reference or entry.title
                for entry in Entry.objects.filter(pk__in=run.shortfall).only("pk", "reference", "title")
            }
            messages.warning(
                request,
                gettext("Not enough jurors without a conflict of interest for: %(entries)s.")
                % {
                    "entries": "; ".join(
                        ngettext("%(entry)s (%(count)d missing)", "%(entry)s (%(count)d missing)", missing)
                        % {"entry": labels.get(entry_id, entry_id), "count": missing}
                        for entry_id, missing in sorted(run.shortfall.items())
                    )
                },
            )
        return redirect(self.screen_url)


class ManualAssignView(RoundStageMixin, View):
    def post(self, request, *args, **kwargs):
        form = ManualAssignForm(
            request.POST,
            members=[
                member
                for member in PanelMember.objects.filter(competition=self.competition, active=True)
                if member.judges(self.stage_kind)
            ],
            entries=panel.entries_in_stage(self.competition, self.stage_kind),
        )
        if not form.is_valid():
            messages.error(request, gettext("Choose a juror and an entry of this stage."))
            return redirect(self.screen_url)
        member = PanelMember.objects.select_related("competition").get(pk=form.cleaned_data["panel_member"])
        entry = Entry.objects.get(pk=form.cleaned_data["entry"])
        try:
            panel.assign(request.user, member, entry, self.stage_kind)
        except ServiceError as error:
            return self.refuse(error)
        messages.success(
            request,
            gettext("%(juror)s reviews %(entry)s.") % {"juror": member.name, "entry": entry_label(entry)},
        )
        return redirect(self.screen_url)


class UnassignView(RoundStageMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation; POST removes the assignment (a submitted review is never removed)."""

    template_name = "wagtail_kipp/admin/confirm_action.html"
    header_icon = "cross"
    page_title = _("Remove assignment")

    get = TemplateView.get

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("panel_member", "entry"),
            pk=kwargs["assignment_pk"],
            entry__competition=self.competition,
            stage_kind=self.stage_kind,
        )

    def get_page_subtitle(self):
        return str(self.assignment)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(f"{NAMESPACE}:index"), "label": gettext("Assign jurors")},
            {
                "url": self.screen_url,
                "label": capfirst(self.stage.display_name),
                "sublabel": self.competition.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            confirmation_message=gettext("Remove %(juror)s from the review of %(entry)s?")
            % {"juror": self.assignment.panel_member.name, "entry": entry_label(self.assignment.entry)},
            button_label=gettext("Yes, remove"),
            serious=True,
            cancel_url=self.screen_url,
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            panel.unassign(request.user, self.assignment)
        except ServiceError as error:
            return self.refuse(error)
        messages.success(
            request,
            gettext("%(juror)s no longer reviews %(entry)s.")
            % {"juror": self.assignment.panel_member.name, "entry": entry_label(self.assignment.entry)},
        )
        return redirect(self.screen_url)


class ApplyPresetView(RoundStageMixin, View):
    def post(self, request, *args, **kwargs):
        if self.stage_kind not in PRESETS:
            messages.error(request, gettext("There is no national preset for this stage."))
            return redirect(self.screen_url)
        added = apply_preset(self.competition, self.stage_kind)
        if added:
            messages.success(
                request,
                ngettext(
                    "%(count)d criterion added: %(preset)s.",
                    "%(count)d criteria added: %(preset)s.",
                    added,
                )
                % {"count": added, "preset": PRESET_LABELS[self.stage_kind]},
            )
        else:
            messages.warning(request, gettext("This stage already has criteria; nothing was added."))
        return redirect(self.screen_url)


# The viewset ---------------------------------------------------------------------------------------


class AssignmentViewSet(ViewSet):
    """The assignment screens, one per judged stage of a round; secretariat only."""

    name = NAMESPACE
    url_prefix = "kipp/jury/assign"
    icon = "tasks"
    menu_label = _("Assignment")
    menu_item_class = SecretariatMenuItem

    def get_urlpatterns(self):
        stage = "<int:competition_pk>/<slug:stage_kind>"
        return [
            path("", secretariat_only(AssignmentIndexView.as_view()), name="index"),
            path(f"{stage}/", secretariat_only(AssignmentStageView.as_view()), name="stage"),
            path(f"{stage}/run/", secretariat_only(RunAssignmentView.as_view()), name="run"),
            path(f"{stage}/assign/", secretariat_only(ManualAssignView.as_view()), name="assign"),
            path(
                f"{stage}/unassign/<int:assignment_pk>/",
                secretariat_only(UnassignView.as_view()),
                name="unassign",
            ),
            path(f"{stage}/preset/", secretariat_only(ApplyPresetView.as_view()), name="preset"),
        ]
