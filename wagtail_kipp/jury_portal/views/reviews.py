"""The score sheet of one assignment, the entry's attachments for the juror, and declaring a conflict."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from ...judging import panel, results, reviews, scoring
from ...judging.rules import count_words
from ...judging.services import NotAllowed, ServiceError
from ...models import (
    Assignment,
    ConflictOfInterest,
    Criterion,
    CriterionKind,
    EntryAttachment,
    ReviewStatus,
    StageKind,
)
from ..forms import ConflictForm, EvidenceForm, ReviewForm, plain_number
from .base import (
    JuryMixin,
    get_assignment,
    get_member,
    pledge_redirect,
    private_file_response,
    scoring_closed,
    stage_state,
    visible_assignments,
)


def is_blind(assignment: Assignment) -> bool:
    """Whether the entrant's identity is hidden from the juror (a blind stage; also a stage since removed)."""
    stage = assignment.entry.competition.get_stage(assignment.stage_kind)
    return stage is None or stage.blind


def total_score(values: dict, criteria: list[Criterion]) -> float | None:
    """A sheet's 0-100 weighted score, as the results compute it; ``None`` while incomplete."""
    numbers = {key: float(value) for key, value in values.items() if value is not None}
    try:
        score = scoring.juror_score(numbers, results.criterion_specs(criteria))
    except ValueError:
        return None
    return score


def display_value(criterion: Criterion, value) -> str:
    if value is None:
        return "—"
    if criterion.kind == CriterionKind.CHECK:
        return _("Yes") if value else _("No")
    return plain_number(value)


def panel_scores(assignment: Assignment, criteria: list[Criterion]) -> dict:
    """
    The submitted, non-conflicted reviews of the assignment's entry in its stage, without jurors' names
    ("Juror 1", "Juror 2"...), with the per-criterion and overall averages.
    """
    conflicted = ConflictOfInterest.objects.filter(
        panel_member_id=OuterRef("panel_member_id"), entry_id=OuterRef("entry_id")
    )
    submitted = (
        Assignment.objects.filter(
            entry_id=assignment.entry_id, stage_kind=assignment.stage_kind, status=ReviewStatus.SUBMITTED
        )
        .exclude(Exists(conflicted))
        .prefetch_related("scores")
        .order_by("pk")
    )
    rows = []
    for number, review in enumerate(submitted, start=1):
        values = {score.criterion_key: score.value for score in review.scores.all()}
        rows.append(
            {
                "label": _("Juror %(number)d") % {"number": number},
                "is_me": review.pk == assignment.pk,
                "values": [display_value(c, values.get(c.key)) for c in criteria],
                "raw": [values.get(c.key) for c in criteria],
                "total": total_score(values, criteria),
                "recommendation": review.get_recommendation_display(),
            }
        )
    means = []
    for position in range(len(criteria)):
        numbers = [float(row["raw"][position]) for row in rows if row["raw"][position] is not None]
        means.append(round(sum(numbers) / len(numbers), 2) if numbers else None)
    totals = [row["total"] for row in rows if row["total"] is not None]
    return {
        "rows": rows,
        "means": means,
        "mean_total": sum(totals) / len(totals) if totals else None,
    }


class ReviewView(JuryMixin, TemplateView):
    """
    The entry (identity hidden in blind stages) beside the juror's score sheet: save a draft, submit it.

    A submitted sheet, or one in a stage whose scoring is closed, is shown read-only. After the chair closes
    scoring the juror also sees the panel's scores for the entry, without names.
    """

    template_name = "wagtail_kipp/jury/review.html"

    def dispatch_juror(self, request, *args, **kwargs):
        self.assignment = get_assignment(request, kwargs["pk"])
        pledge = pledge_redirect(request, self.assignment.panel_member)
        if pledge is not None:
            return pledge
        self.load()
        return super().dispatch_juror(request, *args, **kwargs)

    def load(self) -> None:
        assignment = self.assignment
        self.competition = assignment.entry.competition
        self.stage = self.competition.get_stage(assignment.stage_kind)
        self.state = stage_state(self.competition.pk, assignment.stage_kind)
        self.criteria = reviews.criteria_for(assignment)

    @property
    def blind(self) -> bool:
        return self.stage is None or self.stage.blind

    @property
    def closed(self) -> bool:
        return scoring_closed(self.state)

    def is_writable(self) -> bool:
        return (
            not self.assignment.is_submitted
            and not self.closed
            and reviews.scoring_window_open(self.assignment)
        )

    def get_form(self, data=None) -> ReviewForm:
        return ReviewForm(data, criteria=self.criteria, initial=ReviewForm.initial_for(self.assignment))

    def review_url(self) -> str:
        return reverse("wagtail_kipp_jury:review", args=[self.assignment.pk])

    def entry_context(self) -> dict:
        entry = self.assignment.entry
        spec = entry.get_template_spec()
        context = {
            "sections": [
                {
                    **section,
                    "text": entry.answer(section["key"]),
                    "words": count_words(entry.answer(section["key"])),
                }
                for section in spec.get("sections", [])
            ],
            "sdgs": list(entry.sdgs.all()),
            "themes": list(entry.themes.all()),
            "slots": [],
            "attachments": {},
        }
        if not self.blind:
            context["slots"] = spec.get("attachment_slots", [])
            context["attachments"] = {attachment.slot: attachment for attachment in entry.attachments.all()}
        return context

    def get_context_data(self, form=None, saved_values=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        writable = self.is_writable()
        scores = {score.criterion_key: score for score in assignment.scores.all()}
        sheet = [
            {
                "criterion": criterion,
                "value": display_value(criterion, getattr(scores.get(criterion.key), "value", None)),
                "comment": getattr(scores.get(criterion.key), "comment", ""),
            }
            for criterion in self.criteria
        ]
        field_verification = assignment.stage_kind == StageKind.FIELD_VERIFICATION
        context.update(
            self.entry_context(),
            assignment=assignment,
            entry=assignment.entry,
            member=assignment.panel_member,
            competition=self.competition,
            stage=self.stage,
            blind=self.blind,
            closed=self.closed,
            writable=writable,
            criteria=self.criteria,
            form=(form or self.get_form()) if writable else None,
            saved_values=saved_values,
            sheet=sheet,
            total=total_score({key: score.value for key, score in scores.items()}, self.criteria),
            problems=reviews.review_problems(assignment) if writable else [],
            evidence=list(assignment.evidence.all()) if field_verification else [],
            evidence_form=EvidenceForm() if field_verification and writable else None,
            panel=panel_scores(assignment, self.criteria)
            if self.state and self.state.scoring_closed_at
            else None,
            now=timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not self.is_writable():
            messages.error(request, self.locked_message())
            return redirect(self.review_url())
        form = self.get_form(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            saved = reviews.save_review(
                request.user,
                self.assignment,
                based_on_version=form.cleaned_data["version"],
                values=form.values(),
                comments=form.comments(),
                overall_comment=form.cleaned_data["overall_comment"],
                recommendation=form.cleaned_data["recommendation"],
            )
        except reviews.StaleReview as error:
            return self.stale(error, request)
        except PermissionDenied:
            raise Http404 from None
        except NotAllowed as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.review_url())
        except ServiceError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if request.POST.get("action") == "submit":
            return self.submit(request, saved)
        messages.success(request, _("Draft saved. You can change it until you submit."))
        return redirect(self.review_url())

    def locked_message(self) -> str:
        if self.assignment.is_submitted:
            return _("This review was submitted and is locked. Only the chair can reopen it.")
        return _("Scoring of this stage is closed; the review can no longer change.")

    def stale(self, error: reviews.StaleReview, request):
        """The sheet was saved elsewhere: keep the juror's input on screen, beside what is saved now."""
        messages.error(request, error.messages[0])
        messages.warning(
            request,
            _(
                "Nothing was saved. Your input is kept below, with the values saved in the other window "
                "beside each score. Check them, then save again to replace the saved version."
            ),
        )
        self.assignment = get_object_or_404(visible_assignments(request.user), pk=self.assignment.pk)
        if not self.is_writable():
            return redirect(self.review_url())
        data = request.POST.copy()
        data["version"] = str(self.assignment.version)
        form = ReviewForm(data, criteria=self.criteria)
        form.is_valid()
        saved_values = {
            score.criterion_key: plain_number(score.value) or "—" for score in self.assignment.scores.all()
        }
        return self.render_to_response(
            self.get_context_data(form=form, saved_values=saved_values), status=409
        )

    def submit(self, request, assignment: Assignment):
        try:
            reviews.submit_review(request.user, assignment)
        except PermissionDenied:
            raise Http404 from None
        except NotAllowed as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.review_url())
        except ServiceError as error:
            messages.warning(request, _("Your draft was saved, but it cannot be submitted yet:"))
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.review_url())
        messages.success(
            request,
            _("Your review of “%(title)s” has been submitted. Thank you.")
            % {"title": assignment.entry.title},
        )
        return redirect("wagtail_kipp_jury:dashboard")


class AttachmentDownloadView(JuryMixin, View):
    """An attachment of an assigned entry, for its juror; 404 in blind stages, for conflicts and others."""

    http_method_names = ["get", "head"]

    def get(self, request, pk, slot):
        assignment = get_assignment(request, pk)
        pledge = pledge_redirect(request, assignment.panel_member)
        if pledge is not None:
            return pledge
        if is_blind(assignment):
            raise Http404
        attachment = get_object_or_404(EntryAttachment, entry=assignment.entry, slot=slot)
        return private_file_response(attachment.file, attachment.original_name, attachment.file_type)


class DeclareConflictView(JuryMixin, TemplateView):
    """A juror declares a conflict of interest with an assigned entry; the entry leaves the juror's lists."""

    template_name = "wagtail_kipp/jury/declare_conflict.html"

    def dispatch_juror(self, request, *args, **kwargs):
        self.member = get_member(request, kwargs["competition_id"])
        if ConflictOfInterest.objects.filter(panel_member=self.member, entry__uuid=kwargs["uuid"]).exists():
            messages.info(request, _("You have declared a conflict of interest with this entry already."))
            return redirect("wagtail_kipp_jury:dashboard")
        self.assignments = list(
            visible_assignments(request.user).filter(panel_member=self.member, entry__uuid=kwargs["uuid"])
        )
        if not self.assignments:
            raise Http404
        self.entry = self.assignments[0].entry
        return super().dispatch_juror(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            member=self.member,
            competition=self.member.competition,
            entry=self.entry,
            assignments=self.assignments,
            blind=any(is_blind(assignment) for assignment in self.assignments),
            submitted=any(assignment.is_submitted for assignment in self.assignments),
            form=form or ConflictForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                panel.declare_conflict(request.user, self.member, self.entry, form.cleaned_data["reason"])
            except PermissionDenied:
                raise Http404 from None
            except ServiceError as error:
                for message in error.messages:
                    form.add_error("reason", message)
            else:
                messages.success(
                    request,
                    _(
                        "Your conflict of interest with “%(title)s” is recorded for the chair and the "
                        "secretariat. The entry has been removed from your list."
                    )
                    % {"title": self.entry.title},
                )
                return redirect("wagtail_kipp_jury:dashboard")
        return self.render_to_response(self.get_context_data(form=form), status=400)
