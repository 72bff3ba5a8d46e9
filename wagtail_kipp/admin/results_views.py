"""A stage's results for the secretariat: rounds, ranking, compute / accept / publish, decide, explain."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from ..judging import results
from ..judging.services import ServiceError
from ..models import (
    JUDGED_STAGES,
    RESULT_STAGES,
    Aggregation,
    Assignment,
    AwardTier,
    CompetitionPage,
    Criterion,
    Decision,
    EntryGroup,
    Objection,
    ObjectionStatus,
    PanelMember,
    StageKind,
    StageResult,
    StageState,
)
from .results_common import (
    EXCLUSION_REASONS,
    SecretariatOnlyMixin,
    Sheet,
    StageMixin,
    spreadsheet_response,
    stage_url,
    suggestion_display,
    suggestion_reason_display,
    when,
)


def score_display(value) -> str:
    """A score with two decimals in the active locale, rounded (Django's number format would cut)."""
    if value is None:
        return ""
    value = round(float(value), 2) + 0.0  # + 0.0: no "-0.00"
    return formats.number_format(value, 2)


def stage_counts(queryset) -> dict:
    """How many results a queryset of stage results holds, by decision, and how many are flagged."""
    return queryset.aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(decision=Decision.PENDING)),
        advance=Count("pk", filter=Q(decision=Decision.ADVANCE)),
        eliminate=Count("pk", filter=Q(decision=Decision.ELIMINATE)),
        flagged=Count("pk", filter=Q(flagged=True)),
        overrides=Count("pk", filter=~Q(decision=Decision.PENDING) & ~Q(decision=F("suggestion"))),
    )


# Rounds ----------------------------------------------------------------------------------------------------


class RoundsView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every round with its result stages and their state; the way into the rankings."""

    template_name = "wagtail_kipp/admin/results/rounds.html"
    page_title = _("Results")
    header_icon = "list-ol"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rounds = CompetitionPage.objects.order_by("-year", "title").prefetch_related("stages", "stage_states")
        rows = []
        for competition in rounds:
            states = {state.stage_kind: state for state in competition.stage_states.all()}
            stages = [
                {
                    "stage": stage,
                    "state": states.get(kind),
                    "url": stage_url("ranking", competition, kind),
                }
                for kind in RESULT_STAGES
                if (stage := competition.get_stage(kind))
            ]
            rows.append(
                {
                    "competition": competition,
                    "stages": stages,
                    "url": reverse("kipp_results:round", args=[competition.pk]),
                }
            )
        context["rounds"] = rows
        return context


class RoundView(SecretariatOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """One round: per result stage its state, decisions so far, and links to ranking, report and exports."""

    template_name = "wagtail_kipp/admin/results/round.html"
    header_icon = "list-ol"
    page_title = _("Results of the round")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.competition = get_object_or_404(
            CompetitionPage.objects.prefetch_related("stages"), pk=kwargs["competition_pk"]
        )

    def get_page_subtitle(self):
        return self.competition.title

    @cached_property
    def header_buttons(self):
        new_export = reverse("kipp_exports:add")
        return [
            HeaderButton(
                _("Export for SINOVIK (ZIP)"),
                url=f"{new_export}?competition={self.competition.pk}&kind=sinovik_package&entries=winners",
                icon_name="download",
                priority=10,
            ),
            HeaderButton(
                _("Export entries and scores (XLSX)"),
                url=f"{new_export}?competition={self.competition.pk}&kind=entries_xlsx&entries=all",
                icon_name="download",
                priority=20,
            ),
        ]

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("kipp_results:index"), "label": _("Results")},
            {"url": "", "label": self.competition.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition = self.competition
        states = {state.stage_kind: state for state in StageState.objects.filter(competition=competition)}
        counts = {
            row["stage_kind"]: row
            for row in StageResult.objects.filter(entry__competition=competition)
            .values("stage_kind")
            .annotate(
                total=Count("pk"),
                pending=Count("pk", filter=Q(decision=Decision.PENDING)),
                advance=Count("pk", filter=Q(decision=Decision.ADVANCE)),
                eliminate=Count("pk", filter=Q(decision=Decision.ELIMINATE)),
                flagged=Count("pk", filter=Q(flagged=True)),
            )
        }
        stages = []
        for kind in RESULT_STAGES:
            stage = competition.get_stage(kind)
            if stage is None:
                continue
            judged = kind in JUDGED_STAGES
            stages.append(
                {
                    "stage": stage,
                    "state": states.get(kind),
                    "counts": counts.get(kind),
                    "judged": judged,
                    "ranking_url": stage_url("ranking", competition, kind),
                    "agreement_url": stage_url("agreement", competition, kind) if judged else "",
                    "scores_url": stage_url("scores", competition, kind) if judged else "",
                }
            )
        context.update(
            competition=competition,
            stages=stages,
            objections=Objection.objects.filter(competition=competition).aggregate(
                total=Count("pk"), open=Count("pk", filter=Q(status=ObjectionStatus.RECEIVED))
            ),
            objections_url=reverse("kipp_objections:index") + f"?competition={competition.pk}",
        )
        return context


# Ranking ---------------------------------------------------------------------------------------------------


class StageResultFilterSet(WagtailFilterSet):
    """A stage's results by entry group, decision and disagreement among the jurors."""

    group = django_filters.ModelChoiceFilter(
        label=_("Group"), field_name="entry__group", queryset=EntryGroup.objects.none()
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect, empty_label=_("All")
    )
    flagged = django_filters.ChoiceFilter(
        label=_("Jurors disagree"),
        choices=[("yes", _("flagged for discussion")), ("no", _("not flagged"))],
        method="filter_flagged",
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = StageResult
        fields = ["group", "decision", "flagged"]

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, competition=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        self.filters["group"].queryset = (
            EntryGroup.objects.filter(competition=competition).order_by("sort_order", "pk")
            if competition is not None
            else EntryGroup.objects.none()
        )

    def filter_flagged(self, queryset, name, value):
        return queryset.filter(flagged=value == "yes")


class RankColumn(Column):
    """The rank with a "tie" marker for entries that share it."""

    cell_template_name = "wagtail_kipp/admin/results/cells/rank.html"


class FlagColumn(Column):
    cell_template_name = "wagtail_kipp/admin/results/cells/flag.html"


class RankingView(StageMixin, generic.IndexView):
    """
    A stage's ranking: state and actions above, one row per entry (rank, score, suggestion, decision).

    Paginated, in a fixed number of queries whatever the number of entries; ``?export=csv`` or
    ``?export=xlsx`` downloads the (filtered) results.
    """

    model = StageResult
    any_permission_required = None
    template_name = "wagtail_kipp/admin/results/ranking.html"
    filterset_class = StageResultFilterSet
    paginate_by = 100
    page_title = _("Ranking")
    header_icon = "list-ol"
    export_filename = "results"

    def get_base_queryset(self):
        return StageResult.objects.filter(
            entry__competition=self.competition, stage_kind=self.stage_kind
        ).select_related("entry__organisation", "entry__group")

    def order_queryset(self, queryset):
        return queryset.order_by(F("rank").asc(nulls_last=True), "entry__reference", "pk")

    def get_valid_orderings(self):
        return []

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "competition": self.competition}

    def get_index_url(self):
        return self.stage_url("ranking")

    def get_index_results_url(self):
        return self.stage_url("ranking_results")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            *self.get_stage_breadcrumbs()[:2],
            {"url": "", "label": self.stage.display_name, "sublabel": self.get_page_title()},
        ]

    @cached_property
    def is_final(self) -> bool:
        return self.stage_kind == StageKind.FINAL

    @cached_property
    def is_judged(self) -> bool:
        return self.stage_kind in JUDGED_STAGES

    @cached_property
    def columns(self):
        title_column = self._get_title_column_class(TitleColumn)
        columns = [
            RankColumn("rank", label=_("Rank")),
            title_column(
                "reference",
                label=_("Reference"),
                accessor=lambda result: result.entry.reference or gettext("no reference"),
                get_url=lambda result: reverse("kipp_results:explain", args=[result.pk]),
                get_title_id=lambda result: f"result_{result.pk}_title",
            ),
            Column("title", label=_("Title"), accessor="entry.title"),
            Column("organisation", label=_("Organisation"), accessor="entry.organisation.name"),
            Column("group", label=_("Group"), accessor=lambda result: result.entry.group.display_name),
            Column("score", label=_("Score"), accessor=lambda result: score_display(result.score)),
            Column("reviews", label=_("Reviews counted"), accessor="reviews"),
            FlagColumn("flagged", label=_("Spread")),
            Column("suggestion", label=_("Suggestion"), accessor=suggestion_display),
            StatusTagColumn(
                "decision",
                label=_("Decision"),
                accessor=lambda result: result.get_decision_display(),
                primary=lambda result: result.decision == Decision.ADVANCE,
            ),
            Column(
                "override_reason",
                label=_("Reason for the decision"),
                accessor=lambda result: Truncator(result.override_reason).chars(80),
            ),
        ]
        if self.is_final:
            columns.append(
                Column(
                    "award_tier", label=_("Award"), accessor=lambda result: result.get_award_tier_display()
                )
            )
        return columns

    def get_list_more_buttons(self, instance):
        buttons = []
        if not self.is_published:
            url = reverse("kipp_results:decide", args=[instance.pk])
            buttons.append(MenuItem(_("Decide"), url=url, icon_name="check", priority=10))
        url = reverse("kipp_results:explain", args=[instance.pk])
        buttons.append(MenuItem(_("Explain the score"), url=url, icon_name="info-circle", priority=20))
        return buttons

    @cached_property
    def header_buttons(self):
        if self.is_published:
            return []
        return [
            HeaderButton(_("Compute results"), url=self.stage_url("compute"), icon_name="cogs", priority=10),
            HeaderButton(
                _("Accept the ranking's suggestions"),
                url=self.stage_url("accept"),
                icon_name="check",
                priority=20,
            ),
            HeaderButton(
                _("Publish results"), url=self.stage_url("publish"), icon_name="upload", priority=30
            ),
        ]

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if self.is_judged:
            buttons.append(
                Button(
                    _("Agreement report"), url=self.stage_url("agreement"), icon_name="doc-full", priority=10
                )
            )
            if not self.state.scoring_closed_at and not self.is_published:
                buttons.append(
                    Button(
                        _("Close scoring"), url=self.stage_url("close_scoring"), icon_name="lock", priority=15
                    )
                )
        buttons += [
            Button(_("Download results (XLSX)"), url=self.xlsx_export_url, icon_name="download", priority=20),
            Button(_("Download results (CSV)"), url=self.csv_export_url, icon_name="download", priority=21),
        ]
        if self.is_judged:
            scores = self.stage_url("scores")
            buttons += [
                Button(
                    _("Download all scores (XLSX)"),
                    url=scores + "?export=xlsx",
                    icon_name="download",
                    priority=30,
                ),
                Button(
                    _("Download all scores (CSV)"),
                    url=scores + "?export=csv",
                    icon_name="download",
                    priority=31,
                ),
            ]
        return buttons

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context.update(self.get_stage_context())
        if not self.results_only:
            context["counts"] = stage_counts(self.get_base_queryset())
            context["when"] = {
                "closed": when(self.state.scoring_closed_at, self.competition),
                "computed": when(self.state.computed_at, self.competition),
                "published": when(self.state.published_at, self.competition),
                "opens": when(self.stage.opens_at, self.competition),
                "closes": when(self.stage.closes_at, self.competition),
            }
            context["is_judged"] = self.is_judged
        return context

    # Export of the (filtered) results

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headings = [
            _("Rank"),
            _("Tied"),
            _("Reference"),
            _("Title"),
            _("Organisation"),
            _("Group"),
            _("Score"),
            _("Reviews counted"),
            _("Jurors disagree"),
            _("Suggestion"),
            _("Why"),
            _("Decision"),
            _("Reason for the decision"),
        ]
        if self.is_final:
            headings.append(_("Award"))

        def rows():
            yes, no = gettext("yes"), gettext("no")
            for result in queryset:
                entry = result.entry
                row = [
                    result.rank,
                    yes if result.tied else no,
                    entry.reference,
                    entry.title,
                    entry.organisation.name,
                    entry.group.display_name,
                    result.score,
                    result.reviews,
                    yes if result.flagged else no,
                    result.get_suggestion_display() if result.suggestion != Decision.PENDING else "",
                    suggestion_reason_display(result.suggestion_reason),
                    result.get_decision_display(),
                    result.override_reason,
                ]
                if self.is_final:
                    row.append(result.get_award_tier_display())
                yield row

        filename = f"results-{self.competition.slug}-{self.stage_kind}"
        return spreadsheet_response(
            filename, [Sheet(gettext("Results"), headings, rows())], spreadsheet_format, self.competition
        )


# Compute, accept, publish, close scoring -------------------------------------------------------------------


class StageActionView(StageMixin, WagtailAdminTemplateMixin, TemplateView):
    """
    One action on a whole stage: GET explains it and asks for confirmation, POST runs :meth:`perform` through
    :mod:`~wagtail_kipp.judging.results` and goes back to the ranking with its message.
    """

    template_name = "wagtail_kipp/admin/results/stage_action.html"
    header_icon = "list-ol"
    intro = ""
    button_label = _("Confirm")
    serious = False

    def perform(self) -> str:
        """Make the change and return the success message; may raise ``ServiceError``. Override this."""
        raise NotImplementedError

    def get_notes(self) -> list[str]:
        """Sentences shown under the introduction; may be overridden."""
        return []

    def get_problems(self) -> list[str]:
        """What stops the action now (it is then not offered); may be overridden."""
        if self.is_published:
            return [gettext("The results of this stage are published and can no longer change.")]
        return []

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            *self.get_stage_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        problems = self.get_problems()
        context.update(
            self.get_stage_context(),
            intro=self.intro,
            notes=self.get_notes(),
            problems=problems,
            button_label=self.button_label,
            serious=self.serious,
            cancel_url=self.stage_url("ranking"),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            message = self.perform()
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, message)
        return redirect(self.stage_url("ranking"))


class ComputeView(StageActionView):
    page_title = _("Compute results")
    button_label = _("Compute")
    intro = _(
        "The submitted reviews are combined into scores, the entries ranked and checked against the stage's "
        "quotas. Decisions you made against an earlier suggestion are kept; the others go back to “not "
        "decided”. You can compute again as often as you need until the results are published."
    )

    def get_notes(self):
        notes = []
        if self.stage_kind == StageKind.FINAL:
            notes.append(
                gettext(
                    "The final score combines the scores of the judged stages by their weight in the final "
                    "score (the last judged stage alone when no weights are set)."
                )
            )
        elif not self.state.scoring_closed_at:
            notes.append(
                gettext(
                    "Scoring is still open: jurors can still submit or change reviews. Only submitted "
                    "reviews count."
                )
            )
        return notes

    def perform(self):
        try:
            computed = results.compute_stage(self.request.user, self.competition, self.stage_kind)
        except ValueError as error:
            # A score off its criterion's scale (criteria changed after scoring) or an invalid weight.
            raise ServiceError(
                gettext("The scores could not be combined: %(error)s. Check the stage's criteria.")
                % {"error": error}
            ) from error
        return ngettext(
            "Results computed for %(count)d entry.", "Results computed for %(count)d entries.", len(computed)
        ) % {"count": len(computed)}


class AcceptSuggestionsView(StageActionView):
    page_title = _("Accept the ranking's suggestions")
    button_label = _("Accept the suggestions")
    intro = _(
        "Every entry without a decision is decided as the ranking and the quotas suggest. Decisions already "
        "made are kept."
    )

    def get_notes(self):
        pending = StageResult.objects.filter(
            entry__competition=self.competition, stage_kind=self.stage_kind, decision=Decision.PENDING
        ).count()
        return [
            ngettext(
                "%(count)d entry has no decision yet.", "%(count)d entries have no decision yet.", pending
            )
            % {"count": pending}
        ]

    def get_problems(self):
        problems = super().get_problems()
        if not problems and not self.state.computed_at:
            problems.append(gettext("Compute the results first."))
        return problems

    def perform(self):
        count = results.accept_suggestions(self.request.user, self.competition, self.stage_kind)
        return ngettext(
            "%(count)d entry decided as the ranking suggests.",
            "%(count)d entries decided as the ranking suggests.",
            count,
        ) % {"count": count}


class PublishView(StageActionView):
    page_title = _("Publish results")
    button_label = _("Publish the results")
    serious = True
    intro = _(
        "The results of every entry of this stage are released at once. Each entrant is told by e-mail, "
        "and nothing can change afterwards: no new computation, no other decision."
    )

    def get_notes(self):
        counts = stage_counts(
            StageResult.objects.filter(entry__competition=self.competition, stage_kind=self.stage_kind)
        )
        notes = [
            gettext("%(advance)d entries advance and %(eliminate)d do not.")
            % {"advance": counts["advance"], "eliminate": counts["eliminate"]}
        ]
        if self.stage_kind == StageKind.FINAL:
            notes.append(gettext("The winners' awards are recorded on their innovation records."))
        elif self.stage.show_feedback:
            notes.append(
                gettext("The jurors' overall comments are shown to the entrants, without their names.")
            )
        return notes

    def get_problems(self):
        return super().get_problems() or results.publication_problems(self.competition, self.stage_kind)

    def perform(self):
        count = results.publish_stage(self.request.user, self.competition, self.stage_kind)
        return ngettext(
            "The results of %(count)d entry are published.",
            "The results of %(count)d entries are published.",
            count,
        ) % {"count": count}


class CloseScoringView(StageActionView):
    page_title = _("Close scoring")
    button_label = _("Close scoring")
    intro = _(
        "Jurors can no longer submit or change their reviews of this stage, and they may see the panel's "
        "scores. Drafts that were not submitted do not count."
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if self.stage_kind not in JUDGED_STAGES:
            raise Http404

    def get_problems(self):
        problems = super().get_problems()
        if not problems and self.state.scoring_closed_at:
            problems.append(
                gettext("Scoring was closed on %(when)s.")
                % {"when": when(self.state.scoring_closed_at, self.competition)}
            )
        return problems

    def perform(self):
        results.close_scoring(self.request.user, self.competition, self.stage_kind)
        return gettext("Scoring of %(stage)s is closed.") % {"stage": self.stage.display_name}


# One entry: decide, explain --------------------------------------------------------------------------------


class ResultMixin(SecretariatOnlyMixin):
    """The stage result named in the URL (``pk``) with its entry and round; 404 when there is none."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.result = get_object_or_404(
            StageResult.objects.select_related(
                "entry__organisation", "entry__group", "entry__competition", "decided_by"
            ),
            pk=kwargs["pk"],
        )
        self.entry = self.result.entry
        self.competition = self.entry.competition
        self.stage_kind = self.result.stage_kind
        self.stage = self.competition.get_stage(self.stage_kind)
        self.stage_name = self.stage.display_name if self.stage else self.result.get_stage_kind_display()

    def get_page_subtitle(self):
        return str(self.entry)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("kipp_results:index"), "label": _("Results")},
            {
                "url": reverse("kipp_results:round", args=[self.competition.pk]),
                "label": self.competition.title,
            },
            {"url": stage_url("ranking", self.competition, self.stage_kind), "label": self.stage_name},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


class DecideForm(forms.Form):
    """The secretariat's decision on one entry; the service refuses an unexplained override."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(Decision.ADVANCE, Decision.ADVANCE.label), (Decision.ELIMINATE, Decision.ELIMINATE.label)],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the decision differs from the ranking's suggestion; kept in the record."),
    )
    award_tier = forms.ChoiceField(
        label=_("Award"), required=False, choices=[("", _("no award")), *AwardTier.choices]
    )
    panel_order = forms.IntegerField(
        label=_("Panel decision on the tie"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_(
            "Among the tied entries, the panel's order (1 first). It takes effect when the results are "
            "computed again."
        ),
    )

    def __init__(self, *args, result: StageResult, **kwargs):
        super().__init__(*args, **kwargs)
        if result.stage_kind != StageKind.FINAL:
            del self.fields["award_tier"]
        if not result.tied:
            del self.fields["panel_order"]


class DecideView(ResultMixin, WagtailAdminTemplateMixin, FormView):
    """Record the decision on one entry through :func:`~wagtail_kipp.judging.results.decide`."""

    template_name = "wagtail_kipp/admin/results/decide.html"
    form_class = DecideForm
    header_icon = "check"
    page_title = _("Decide")

    def dispatch(self, request, *args, **kwargs):
        if results.is_published(self.competition, self.stage_kind):
            messages.error(
                request, gettext("The results of this stage are published and can no longer change.")
            )
            return redirect("kipp_results:explain", self.result.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "result": self.result}

    def get_initial(self):
        result = self.result
        decision = result.decision if result.decision != Decision.PENDING else result.suggestion
        return {
            "decision": decision if decision != Decision.PENDING else None,
            "reason": result.override_reason,
            "award_tier": result.award_tier,
            "panel_order": result.panel_order,
        }

    def get_success_url(self):
        return get_valid_next_url_from_request(self.request) or stage_url(
            "ranking", self.competition, self.stage_kind
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            decided = results.decide(
                self.request.user,
                self.result,
                data["decision"],
                reason=data["reason"],
                award_tier=data.get("award_tier") if "award_tier" in form.fields else None,
                panel_order=data.get("panel_order"),
            )
        except ServiceError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Decision recorded for “%(entry)s”: %(decision)s.")
            % {"entry": self.entry, "decision": decided.get_decision_display()},
        )
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            result=self.result,
            entry=self.entry,
            competition=self.competition,
            stage_name=self.stage_name,
            score=score_display(self.result.score),
            suggestion=suggestion_display(self.result),
            explain_url=reverse("kipp_results:explain", args=[self.result.pk]),
            submit_label=gettext("Record the decision"),
            intro="",
            cancel_url=self.get_success_url(),
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context


def decided_by_display(code: str, rank, criteria_names: dict) -> str:
    """How the entry's place among entries with the same score was decided, as a sentence."""
    if code == "score":
        return gettext("Its score alone decides its place.")
    if code.startswith("criterion:"):
        key = code.split(":", 1)[1]
        return gettext(
            "Tied on score with other entries; the tie-break criterion “%(criterion)s” decided its place."
        ) % {"criterion": criteria_names.get(key, key)}
    if code == "panel":
        return gettext(
            "Tied on score and on every tie-break criterion; the panel's recorded order decided its place."
        )
    if code == "tie":
        return gettext(
            "Tied on score and on every tie-break criterion, without a panel decision: it shares rank "
            "%(rank)s."
        ) % {"rank": rank}
    if code == "not_ranked":
        return gettext("Not ranked: it has fewer counted reviews than the stage needs.")
    return code


class ExplanationView(ResultMixin, WagtailAdminTemplateMixin, TemplateView):
    """How an entry's score and rank came about, from the explanation stored by the computation."""

    template_name = "wagtail_kipp/admin/results/explanation.html"
    header_icon = "info-circle"
    page_title = _("Explanation")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result, competition = self.result, self.competition
        explanation = result.explanation or {}
        criteria = list(
            Criterion.objects.filter(competition=competition, stage_kind=self.stage_kind).order_by(
                "sort_order", "pk"
            )
        )
        criteria_names = {criterion.key: criterion.display_name for criterion in criteria}
        sheets = list(
            Assignment.objects.filter(entry=self.entry, stage_kind=self.stage_kind)
            .select_related("panel_member")
            .prefetch_related("scores")
            .order_by("panel_member__name", "pk")
        )
        juror_ids = {row.get("juror") for row in explanation.get("reviews", [])}
        juror_ids |= {row.get("juror") for row in explanation.get("excluded", [])}
        names = {sheet.panel_member_id: sheet.panel_member.name for sheet in sheets}
        missing = {pk for pk in juror_ids if isinstance(pk, int) and pk not in names}
        if missing:
            names.update(PanelMember.objects.filter(pk__in=missing).values_list("pk", "name"))

        def juror(pk):
            return names.get(pk) or gettext("juror no longer on the panel (%(pk)s)") % {"pk": pk}

        reviews = [
            {
                "juror": juror(row.get("juror")),
                "raw": score_display(row.get("raw")),
                "counted": score_display(row.get("counted")),
                "dropped": row.get("dropped"),
            }
            for row in explanation.get("reviews", [])
        ]
        excluded = [
            {
                "juror": juror(row.get("juror")),
                "reason": EXCLUSION_REASONS.get(row.get("reason"), row.get("reason")),
            }
            for row in explanation.get("excluded", [])
        ]
        means = explanation.get("criterion_means") or {}
        criterion_rows = [
            {
                "name": criterion.display_name,
                "key": criterion.key,
                "weight": criterion.weight,
                "scale": f"{criterion.low}–{criterion.high}",
                "mean": score_display(means.get(criterion.key)),
                "tie_break_order": criterion.tie_break_order,
            }
            for criterion in criteria
        ]
        score_sheets = []
        for sheet in sheets:
            values = {score.criterion_key: score for score in sheet.scores.all()}
            score_sheets.append(
                {
                    "juror": sheet.panel_member.name,
                    "status": sheet.get_status_display(),
                    "values": [
                        score_display(values[c.key].value) if c.key in values else "" for c in criteria
                    ],
                    "recommendation": sheet.get_recommendation_display(),
                    "comment": sheet.overall_comment,
                }
            )
        # Entries with the same score: those the tie-break separated and those sharing the rank.
        same_score = (
            list(
                StageResult.objects.filter(
                    entry__competition=competition, stage_kind=self.stage_kind, score=result.score
                )
                .exclude(pk=result.pk)
                .select_related("entry")
                .order_by(F("rank").asc(nulls_last=True), "entry__reference")
            )
            if result.score is not None
            else []
        )
        stage_labels = dict(StageKind.choices)
        components = [
            {
                "stage": stage_labels.get(row.get("stage"), row.get("stage")),
                "score": score_display(row.get("score")),
                "weight": row.get("weight"),
            }
            for row in explanation.get("components", [])
        ]
        aggregation = explanation.get("aggregation")
        context.update(
            result=result,
            entry=self.entry,
            competition=competition,
            stage=self.stage,
            stage_name=self.stage_name,
            explanation=explanation,
            computed=bool(explanation),
            score=score_display(result.score),
            aggregation=dict(Aggregation.choices).get(aggregation, aggregation) if aggregation else "",
            normalised=explanation.get("normalised"),
            trimmed=any(row["dropped"] for row in reviews),
            reviews=reviews,
            excluded=excluded,
            criteria=criterion_rows,
            criterion_names=[criterion.display_name for criterion in criteria],
            score_sheets=score_sheets,
            spread=score_display(explanation.get("spread")),
            spread_threshold=self.stage.spread_threshold if self.stage else None,
            too_few_reviews=explanation.get("reason") == "too_few_reviews",
            min_reviews=self.stage.min_reviews if self.stage else None,
            decided_by=decided_by_display(explanation.get("decided_by", ""), result.rank, criteria_names)
            if explanation.get("decided_by")
            else "",
            same_score=same_score,
            suggestion=suggestion_display(result),
            components=components,
            decided_at=when(result.decided_at, competition),
            computed_at=when(result.computed_at, competition),
            published_at=when(result.published_at, competition),
            decide_url=""
            if results.is_published(competition, self.stage_kind)
            else reverse("kipp_results:decide", args=[result.pk]),
            entry_url=reverse("kipp_entries:inspect", args=[self.entry.pk]),
        )
        return context
