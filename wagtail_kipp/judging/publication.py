"""
What the public and the entrants may see of the jury's work: published finalists, winners, resolved
objections and each entry's published outcomes. Read-only queries; nothing here changes data.

Nothing that is not published leaves this module: scores, ranks and decisions of a stage appear only once the
secretariat has published the stage (``StageState.published_at``) and the result itself carries
``published_at``; scores and ranks only where the round publishes scores.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable

from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ..models import (
    RESULT_STAGES,
    CompetitionPage,
    Decision,
    Entry,
    InnovationPage,
    Objection,
    Organisation,
    StageKind,
    StageResult,
    StageState,
)
from . import objections

#: The stage whose published "advance" decisions make the finalists shown on the round page.
FINALIST_STAGE = objections.FINALIST_STAGE

#: The stage whose published "advance" decisions are the winners.
WINNER_STAGE = StageKind.FINAL


# The round page ---------------------------------------------------------------------------------------------


@dataclasses.dataclass
class PublicEntry:
    """A finalist or winner as the round page shows it."""

    reference: str
    title: str
    organisation: str
    award: str = ""
    score: object = None  # a Decimal, only when the round publishes scores
    rank: int | None = None  # only when the round publishes scores
    innovation: InnovationPage | None = None  # the live catalogue page, in the page's language if translated
    award_tier: str = ""  # the AwardTier value of ``award``
    organisation_record: Organisation | None = None


@dataclasses.dataclass
class GroupList:
    """The finalists or winners of one entry group."""

    name: str
    entries: list[PublicEntry]
    slug: str = ""


@dataclasses.dataclass
class RoundResults:
    """Everything public about a round's judging: published stages, finalists, winners, objections."""

    published: dict[str, datetime.datetime] = dataclasses.field(default_factory=dict)
    finalists: list[GroupList] = dataclasses.field(default_factory=list)
    winners: list[GroupList] = dataclasses.field(default_factory=list)
    objections: list[Objection] = dataclasses.field(default_factory=list)
    show_scores: bool = False

    @property
    def finalists_published_at(self) -> datetime.datetime | None:
        return self.published.get(FINALIST_STAGE)

    @property
    def winners_published_at(self) -> datetime.datetime | None:
        return self.published.get(WINNER_STAGE)

    def __bool__(self) -> bool:
        return bool(self.finalists or self.winners or self.objections)


def results_round(page: CompetitionPage) -> CompetitionPage:
    """
    The round that holds the entries and results: ``page`` itself, or its version in the default language
    when ``page`` is a translation (entries belong to the round in the default language).
    """
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def published_stages(competition: CompetitionPage) -> dict[str, datetime.datetime]:
    """The round's stages whose results are published, with the moment they were published."""
    return dict(
        StageState.objects.filter(competition=competition, published_at__isnull=False).values_list(
            "stage_kind", "published_at"
        )
    )


def _innovation_pages(results: list[StageResult], locale_id: int | None) -> dict[int, InnovationPage]:
    """Live innovation pages of the results' entries, replaced by their translation in ``locale_id``."""
    pages = {
        result.entry.innovation_id: result.entry.innovation
        for result in results
        if result.entry.innovation_id and result.entry.innovation.live
    }
    if locale_id is None or not pages:
        return pages
    by_key = {page.translation_key: pk for pk, page in pages.items() if page.locale_id != locale_id}
    if by_key:
        for translated in InnovationPage.objects.live().filter(
            locale_id=locale_id, translation_key__in=list(by_key)
        ):
            pages[by_key[translated.translation_key]] = translated
    return pages


def _group_lists(results: list[StageResult], make) -> list[GroupList]:
    groups: dict[int, tuple[tuple, GroupList]] = {}
    for result in results:
        group = result.entry.group
        if group.pk not in groups:
            groups[group.pk] = (
                (group.sort_order or 0, group.pk),
                GroupList(group.display_name, [], group.slug),
            )
        groups[group.pk][1].entries.append(make(result))
    return [group_list for _key, group_list in sorted(groups.values(), key=lambda item: item[0])]


def round_results(page: CompetitionPage, *, competition: CompetitionPage | None = None) -> RoundResults:
    """
    What the round page shows of the judging, in a constant number of queries whatever the number of entries.

    ``page`` may be a translation of the round; the results are those of ``competition``, the round in the
    default language (found when not given).
    """
    competition = competition or results_round(page)
    published = published_stages(competition)
    show_scores = competition.publish_scores
    found = RoundResults(published=published, show_scores=show_scores)
    kinds = [kind for kind in (FINALIST_STAGE, WINNER_STAGE) if kind in published]
    if kinds:
        results = list(
            StageResult.objects.filter(
                entry__competition=competition,
                stage_kind__in=kinds,
                decision=Decision.ADVANCE,
                published_at__isnull=False,
            )
            .select_related("entry__organisation", "entry__group", "entry__innovation")
            .order_by(F("rank").asc(nulls_last=True), "entry__title", "pk")
        )
        innovations = _innovation_pages(results, page.locale_id if page.pk != competition.pk else None)

        def make(result: StageResult) -> PublicEntry:
            entry = result.entry
            return PublicEntry(
                reference=entry.reference,
                title=entry.title,
                organisation=str(entry.organisation),
                award=str(result.get_award_tier_display()) if result.stage_kind == WINNER_STAGE else "",
                score=result.score if show_scores else None,
                rank=result.rank if show_scores else None,
                innovation=innovations.get(entry.innovation_id),
                award_tier=result.award_tier if result.stage_kind == WINNER_STAGE else "",
                organisation_record=entry.organisation,
            )

        finalists = [result for result in results if result.stage_kind == FINALIST_STAGE]
        if not show_scores:
            # Without published scores the order of the finalists must not hint at their ranks.
            finalists.sort(key=lambda result: (result.entry.title.casefold(), result.pk))
        found.finalists = _group_lists(finalists, make)
        found.winners = _group_lists([r for r in results if r.stage_kind == WINNER_STAGE], make)
    found.objections = list(objections.published_objections(competition).order_by("resolved_at", "pk"))
    return found


# The entrant portal ----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    """One published stage result of an entry, as its organisation may see it."""

    stage_kind: str
    stage: str
    advanced: bool
    decision: str
    award: str = ""
    score: object = None  # a Decimal, only when the round publishes scores
    rank: int | None = None
    tied: bool = False
    feedback: str = ""
    published_at: datetime.datetime | None = None

    @property
    def badge(self) -> str:
        """A short label for lists: the award, or the stage and its decision."""
        if self.award:
            return self.award
        return _("%(stage)s: %(decision)s") % {"stage": self.stage, "decision": self.decision}


def _stage_names(competition: CompetitionPage) -> dict[str, str]:
    return {stage.kind: stage.display_name for stage in competition.stages.all()}


def _decision_label(result: StageResult) -> str:
    if result.stage_kind == WINNER_STAGE:
        return _("among the winners") if result.decision == Decision.ADVANCE else _("not among the winners")
    return str(result.get_decision_display())


def outcome_of(result: StageResult, competition: CompetitionPage, stage_names: dict[str, str]) -> Outcome:
    show_scores = competition.publish_scores
    advanced = result.decision == Decision.ADVANCE
    return Outcome(
        stage_kind=result.stage_kind,
        stage=stage_names.get(result.stage_kind) or str(result.get_stage_kind_display()),
        advanced=advanced,
        decision=_decision_label(result),
        award=str(result.get_award_tier_display())
        if advanced and result.award_tier and result.stage_kind == WINNER_STAGE
        else "",
        score=result.score if show_scores else None,
        rank=result.rank if show_scores else None,
        tied=result.tied if show_scores else False,
        feedback=result.feedback,
        published_at=result.published_at,
    )


def entry_outcomes(entry: Entry, published_results: Iterable[StageResult]) -> list[Outcome]:
    """
    The entry's published outcomes, in pipeline order, from ``published_results`` (see
    :func:`.results.published_results`); results of stages not yet published as a whole are left out.
    """
    competition = entry.competition
    results = [result for result in published_results if result.published_at]
    if not results:
        return []
    published = published_stages(competition)
    names = _stage_names(competition)
    return [outcome_of(result, competition, names) for result in results if result.stage_kind in published]


def is_published_finalist(entry: Entry, outcomes: list[Outcome]) -> bool:
    """
    Whether the entry may see its finalist schedule (interview, field visit): it advanced from the published
    desk evaluation, or the round has no desk evaluation.
    """
    if any(outcome.stage_kind == FINALIST_STAGE and outcome.advanced for outcome in outcomes):
        return True
    return entry.competition.get_stage(FINALIST_STAGE) is None


def attach_outcomes(entries: list[Entry]) -> list[Entry]:
    """
    Set ``published_outcome`` on each entry: its latest published outcome, or ``None``. Two queries whatever
    the number of entries (the entries' rounds with their stages should be prefetched).
    """
    for entry in entries:
        entry.published_outcome = None
    if not entries:
        return entries
    by_pk = {entry.pk: entry for entry in entries}
    published = set(
        StageState.objects.filter(
            competition_id__in={entry.competition_id for entry in entries}, published_at__isnull=False
        ).values_list("competition_id", "stage_kind")
    )
    if not published:
        return entries
    order = {kind: position for position, kind in enumerate(RESULT_STAGES)}
    latest: dict[int, StageResult] = {}
    for result in StageResult.objects.filter(entry_id__in=list(by_pk), published_at__isnull=False):
        entry = by_pk[result.entry_id]
        if (entry.competition_id, result.stage_kind) not in published:
            continue
        current = latest.get(result.entry_id)
        if current is None or order.get(result.stage_kind, -1) > order.get(current.stage_kind, -1):
            latest[result.entry_id] = result
    for pk, result in latest.items():
        entry = by_pk[pk]
        entry.published_outcome = outcome_of(result, entry.competition, _stage_names(entry.competition))
    return entries
