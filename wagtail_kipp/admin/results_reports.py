"""Reports of a judged stage: the jurors' agreement (screen and download) and the download of all scores."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from ..judging import results, scoring
from ..judging.panel import entries_in_stage
from ..judging.services import ServiceError
from ..models import JUDGED_STAGES, Assignment, Criterion, Entry, PanelMember, StageResult
from .results_common import EXPORT_FORMATS, LENIENCY_LABELS, Sheet, StageMixin, spreadsheet_response
from .results_views import score_display


def stage_criteria(competition, stage_kind: str) -> list[Criterion]:
    return list(
        Criterion.objects.filter(competition=competition, stage_kind=stage_kind).order_by("sort_order", "pk")
    )


def agreement(competition, stage) -> tuple[dict, scoring.AgreementReport]:
    """
    The stage's entry scores and the jurors' agreement report, computed as the results are.

    Raises ``ServiceError`` when the stage has no criteria or the scores do not fit them.
    """
    criteria = stage_criteria(competition, stage.kind)
    if not criteria:
        raise ServiceError(gettext("Give the stage its scoring criteria first (in the round's page editor)."))
    entry_ids = list(entries_in_stage(competition, stage.kind).values_list("pk", flat=True))
    try:
        entry_scores = scoring.aggregate(
            results.review_inputs(competition, stage.kind, entry_ids),
            results.criterion_specs(criteria),
            results.stage_options(stage),
        )
    except ValueError as error:
        raise ServiceError(
            gettext("The scores could not be combined: %(error)s. Check the stage's criteria.")
            % {"error": error}
        ) from error
    return entry_scores, scoring.agreement_report(entry_scores)


class JudgedStageMixin(StageMixin):
    """A stage in which jurors score (not the final decision): others answer 404."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.stage_kind not in JUDGED_STAGES:
            raise Http404

    def export_format(self) -> str | None:
        value = self.request.GET.get("export")
        return value if value in EXPORT_FORMATS else None


class AgreementView(JudgedStageMixin, WagtailAdminTemplateMixin, TemplateView):
    """
    Entries flagged for the consolidation meeting (highest spread first) and each juror's leniency or
    severity; ``?export=csv`` or ``?export=xlsx`` downloads both tables.
    """

    template_name = "wagtail_kipp/admin/results/agreement.html"
    header_icon = "doc-full"
    page_title = _("Agreement report")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            *self.get_stage_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_header_buttons(self):
        base = self.stage_url("agreement")
        return [
            HeaderButton(_("Download (XLSX)"), url=base + "?export=xlsx", icon_name="download", priority=10),
            HeaderButton(_("Download (CSV)"), url=base + "?export=csv", icon_name="download", priority=20),
        ]

    def get_report(self) -> dict:
        """Flagged entries and jurors as plain rows, with names (a fixed number of queries)."""
        entry_scores, report = agreement(self.competition, self.stage)
        juror_ids = set(report.jurors)
        for entry_id in report.flagged:
            juror_ids.update(entry_scores[entry_id].raw_scores)
        names = dict(PanelMember.objects.filter(pk__in=juror_ids).values_list("pk", "name"))
        entries = Entry.objects.filter(pk__in=report.flagged).select_related("organisation").in_bulk()
        result_ids = dict(
            StageResult.objects.filter(entry_id__in=report.flagged, stage_kind=self.stage_kind).values_list(
                "entry_id", "pk"
            )
        )
        flagged = []
        for entry_id in report.flagged:
            entry_score, entry = entry_scores[entry_id], entries[entry_id]
            flagged.append(
                {
                    "entry": entry,
                    "spread": entry_score.spread,
                    "score": entry_score.score,
                    "jurors": [
                        (names.get(juror, str(juror)), value)
                        for juror, value in sorted(entry_score.raw_scores.items(), key=lambda item: -item[1])
                    ],
                    "url": reverse("kipp_results:explain", args=[result_ids[entry_id]])
                    if entry_id in result_ids
                    else reverse("kipp_entries:inspect", args=[entry_id]),
                }
            )
        jurors = sorted(
            (
                {
                    "name": names.get(juror, str(juror)),
                    "reviews": leniency.reviews,
                    "mean_score": leniency.mean_score,
                    "mean_difference": leniency.mean_difference,
                    "compared": leniency.compared,
                    "label": leniency.label,
                    "label_display": LENIENCY_LABELS.get(leniency.label, leniency.label),
                }
                for juror, leniency in report.jurors.items()
            ),
            key=lambda row: (-row["mean_difference"], row["name"]),
        )
        return {"flagged": flagged, "jurors": jurors}

    def get(self, request, *args, **kwargs):
        try:
            report = self.get_report()
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.stage_url("ranking"))
        export_format = self.export_format()
        if export_format:
            return self.as_spreadsheet(report, export_format)
        context = self.get_context_data(**kwargs)
        context.update(report)
        context.update(self.get_stage_context(), threshold=self.stage.spread_threshold)
        for row in report["flagged"]:
            row["spread_display"] = score_display(row["spread"])
            row["score_display"] = score_display(row["score"])
            row["jurors_display"] = [(name, score_display(value)) for name, value in row["jurors"]]
        for row in report["jurors"]:
            row["mean_score_display"] = score_display(row["mean_score"])
            row["mean_difference_display"] = score_display(row["mean_difference"])
        return self.render_to_response(context)

    def as_spreadsheet(self, report: dict, export_format: str):
        jurors = Sheet(
            gettext("Jurors"),
            [
                _("Juror"),
                _("Reviews"),
                _("Mean score"),
                _("Mean difference from the other jurors"),
                _("Entries compared"),
                _("Leniency"),
            ],
            (
                [
                    row["name"],
                    row["reviews"],
                    row["mean_score"],
                    row["mean_difference"],
                    row["compared"],
                    row["label_display"],
                ]
                for row in report["jurors"]
            ),
        )
        flagged = Sheet(
            gettext("Flagged entries"),
            [_("Reference"), _("Title"), _("Organisation"), _("Spread"), _("Score"), _("Jurors' scores")],
            (
                [
                    row["entry"].reference,
                    row["entry"].title,
                    row["entry"].organisation.name,
                    row["spread"],
                    row["score"],
                    "; ".join(f"{name}: {score_display(value)}" for name, value in row["jurors"]),
                ]
                for row in report["flagged"]
            ),
        )
        return spreadsheet_response(
            f"agreement-{self.competition.slug}-{self.stage_kind}",
            [jurors, flagged],
            export_format,
            self.competition,
        )


def scores_sheet(competition, stage_kind: str, *, entry_ids=None, title: str | None = None) -> Sheet:
    """
    Every score of a judged stage (juror, entry, criterion, value, comment, review status) as one table;
    ``entry_ids`` limits it to those entries.
    """
    criteria = stage_criteria(competition, stage_kind)
    assignments = (
        Assignment.objects.filter(entry__competition=competition, stage_kind=stage_kind)
        .select_related("panel_member", "entry")
        .prefetch_related("scores")
        .order_by("entry__reference", "entry_id", "panel_member__name", "pk")
    )
    if entry_ids is not None:
        assignments = assignments.filter(entry_id__in=entry_ids)
    headings = [
        _("Juror"),
        _("Reference"),
        _("Title"),
        _("Criterion"),
        _("Score"),
        _("Comment"),
        _("Review status"),
        _("Submitted"),
    ]

    def rows():
        overall = gettext("Overall comment and recommendation")
        for assignment in assignments:
            scores = {score.criterion_key: score for score in assignment.scores.all()}
            start = [assignment.panel_member.name, assignment.entry.reference, assignment.entry.title]
            end = [assignment.get_status_display(), assignment.submitted_at]
            keys = [criterion.key for criterion in criteria]
            names = {criterion.key: criterion.display_name for criterion in criteria}
            # Scores of criteria the stage no longer has are kept, under their key.
            keys += sorted(key for key in scores if key not in names)
            for key in keys:
                score = scores.get(key)
                yield [
                    *start,
                    names.get(key, key),
                    score.value if score else None,
                    score.comment if score else "",
                    *end,
                ]
            if assignment.overall_comment or assignment.recommendation:
                yield [
                    *start,
                    overall,
                    assignment.get_recommendation_display(),
                    assignment.overall_comment,
                    *end,
                ]

    return Sheet(title or gettext("Scores"), headings, rows())


class ScoresExportView(JudgedStageMixin, View):
    """Every score of the stage (juror, entry, criterion, value, comment, review status) as CSV or XLSX."""

    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        export_format = self.export_format()
        if export_format is None:
            messages.error(request, gettext("Choose a download format: CSV or XLSX."))
            return redirect(self.stage_url("ranking"))
        return spreadsheet_response(
            f"scores-{self.competition.slug}-{self.stage_kind}",
            [scores_sheet(self.competition, self.stage_kind)],
            export_format,
            self.competition,
        )
