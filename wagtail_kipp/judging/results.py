"""
A stage's results: computed from the submitted reviews with :mod:`.scoring`, decided by the secretariat
(overrides need a reason), and published in one batch; the final stage records the winners' awards.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from .. import signals
from ..models import (
    JUDGED_STAGES,
    RESULT_STAGES,
    Assignment,
    AwardTier,
    CompetitionPage,
    ConflictOfInterest,
    Criterion,
    Decision,
    Entry,
    ReviewStatus,
    Score,
    StageKind,
    StageResult,
    StageState,
)
from ..notifications.emails import notify_entry
from ..publishing import records
from ..publishing.records import record_awards  # noqa: F401 (kept importable from here)
from . import permissions, scoring
from .panel import entries_in_stage
from .publication import FINALIST_STAGE
from .services import NotAllowed, ServiceError

#: Award tiers suggested for the final ranking's places; the secretariat may change each.
FINAL_PLACE_TIERS = {1: AwardTier.WINNER_1, 2: AwardTier.WINNER_2, 3: AwardTier.WINNER_3}


def stage_state(competition: CompetitionPage, stage_kind: str) -> StageState:
    state, _created = StageState.objects.get_or_create(competition=competition, stage_kind=stage_kind)
    return state


def is_published(competition: CompetitionPage, stage_kind: str) -> bool:
    return StageState.objects.filter(
        competition=competition, stage_kind=stage_kind, published_at__isnull=False
    ).exists()


def _require_secretariat(user) -> None:
    if not permissions.is_secretariat(user):
        raise PermissionDenied


def _stage(competition: CompetitionPage, stage_kind: str):
    stage = competition.get_stage(stage_kind)
    if stage is None or stage_kind not in RESULT_STAGES:
        raise NotAllowed(_("This round has no such stage."))
    return stage


def _require_unpublished(competition: CompetitionPage, stage_kind: str) -> None:
    if is_published(competition, stage_kind):
        raise NotAllowed(_("The results of this stage are published and can no longer change."))


# Inputs to the pure scoring functions ----------------------------------------------------------------------


def criterion_specs(criteria: list[Criterion]) -> list[scoring.CriterionSpec]:
    return [
        scoring.CriterionSpec(criterion.key, float(criterion.weight), criterion.low, criterion.high)
        for criterion in criteria
    ]


def stage_options(stage) -> scoring.StageOptions:
    return scoring.StageOptions(
        aggregation=stage.aggregation,
        normalise=stage.normalise,
        min_reviews=stage.min_reviews,
        spread_threshold=float(stage.spread_threshold),
    )


def stage_quotas(stage) -> scoring.Quotas:
    groups = stage.competition.entry_groups.values_list("pk", flat=True)
    return scoring.Quotas(
        top_n=stage.advancing,
        per_group={pk: stage.advancing_per_group for pk in groups} if stage.advancing_per_group else None,
        per_organisation_kind=stage.organisation_kind_quotas or None,
        max_per_organisation=stage.max_per_organisation,
        passing_score=float(stage.passing_score) if stage.passing_score is not None else None,
    )


def review_inputs(competition: CompetitionPage, stage_kind: str, entry_ids) -> list[scoring.ReviewInput]:
    """Every assignment of the stage as a plain review (three queries, whatever the number of reviews)."""
    wanted = set(entry_ids)
    conflicts = set(
        ConflictOfInterest.objects.filter(panel_member__competition=competition).values_list(
            "panel_member_id", "entry_id"
        )
    )
    of_stage = {"stage_kind": stage_kind, "entry__competition": competition}
    values: dict[int, dict[str, float]] = {}
    for assignment_id, key, value in Score.objects.filter(
        **{f"assignment__{name}": v for name, v in of_stage.items()}, value__isnull=False
    ).values_list("assignment_id", "criterion_key", "value"):
        values.setdefault(assignment_id, {})[key] = float(value)
    return [
        scoring.ReviewInput(
            juror=juror,
            entry=entry,
            values=values.get(pk, {}),
            submitted=status == ReviewStatus.SUBMITTED,
            conflicted=(juror, entry) in conflicts,
        )
        for pk, juror, entry, status in Assignment.objects.filter(**of_stage)
        .order_by("pk")
        .values_list("pk", "panel_member_id", "entry_id", "status")
        if entry in wanted
    ]


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


# Computing -------------------------------------------------------------------------------------------------


@transaction.atomic
def compute_stage(
    user, competition: CompetitionPage, stage_kind: str, *, now: datetime.datetime | None = None
):
    """
    Aggregate the stage's submitted reviews (or, for the final stage, combine the stages' scores), rank the
    entries, apply the quotas and store each entry's result with the explanation of its score and rank.

    Decisions the secretariat made against the previous suggestion are kept; the others are reset.
    """
    _require_secretariat(user)
    stage = _stage(competition, stage_kind)
    _require_unpublished(competition, stage_kind)
    now = now or timezone.now()
    entries = {
        entry.pk: entry for entry in entries_in_stage(competition, stage_kind).select_related("organisation")
    }
    previous = {
        result.entry_id: result
        for result in StageResult.objects.filter(stage_kind=stage_kind, entry__competition=competition)
    }
    if stage_kind == StageKind.FINAL:
        scores, explanations, tie_breakers = _final_scores(competition, entries)
    else:
        scores, explanations, tie_breakers = _judged_scores(competition, stage, entries)
    panel_order = {
        pk: result.panel_order for pk, result in previous.items() if result.panel_order is not None
    }
    ranking = scoring.rank(scores, tie_breakers, panel_order)
    facts = {
        pk: scoring.EntryFacts(entry.group_id, entry.organisation_id, entry.organisation.kind)
        for pk, entry in entries.items()
    }
    shortlist = scoring.shortlist(ranking, facts, stage_quotas(stage))
    selected = set(shortlist.selected)
    at_cutoff = set(shortlist.tie_at_cutoff)
    results = []
    for place in ranking:
        pk = place.entry
        result = previous.get(pk) or StageResult(entry_id=pk, stage_kind=stage_kind)
        old_suggestion = result.suggestion
        result.score = _decimal(place.score)
        result.rank = place.rank
        result.tied = bool(place.tied_with)
        result.suggestion = Decision.ADVANCE if pk in selected else Decision.ELIMINATE
        result.suggestion_reason = "tie_at_cutoff" if pk in at_cutoff else shortlist.reasons.get(pk, "")
        result.explanation = {
            **explanations.get(pk, {}),
            "score": place.score,
            "rank": place.rank,
            "decided_by": place.decided_by,
            "tied_with": sorted(place.tied_with),
            "suggestion_reason": result.suggestion_reason,
        }
        result.reviews = len(explanations.get(pk, {}).get("reviews", []))
        result.flagged = bool(explanations.get(pk, {}).get("flagged"))
        result.computed_at = now
        if result.decision == old_suggestion or not result.override_reason:
            result.decision = Decision.PENDING
            result.decided_at = result.decided_by = None
            result.override_reason = ""
            if stage_kind == StageKind.FINAL:
                result.award_tier = ""  # suggested again below, from the new ranking
        results.append(result)
    if stage_kind == StageKind.FINAL:
        _suggest_award_tiers(results, entries, selected)
    new = [result for result in results if result.pk is None]
    _update_rows([result for result in results if result.pk is not None], COMPUTED_FIELDS)
    StageResult.objects.bulk_create(new, batch_size=500)
    StageResult.objects.filter(stage_kind=stage_kind, entry__competition=competition).exclude(
        entry_id__in=list(entries)
    ).delete()
    state = stage_state(competition, stage_kind)
    state.computed_at = now
    state.save(update_fields=["computed_at"])
    log(
        competition,
        "wagtail_kipp.stage.compute",
        user=user,
        data={"stage": stage_kind, "entries": len(results)},
    )
    return results


#: What computing a stage writes on an existing result (decisions the secretariat made are kept or reset).
COMPUTED_FIELDS = (
    "override_reason",
    "score",
    "rank",
    "tied",
    "suggestion",
    "suggestion_reason",
    "explanation",
    "reviews",
    "flagged",
    "computed_at",
    "decision",
    "decided_at",
    "decided_by",
    "award_tier",
)


def _update_rows(rows: list[StageResult], fields: tuple[str, ...]) -> None:
    """
    Save ``fields`` of many results with one prepared UPDATE run for each row (``executemany``).

    Django's ``bulk_update`` builds a CASE expression per field and row in Python: minutes for a national
    round, where this takes a second.
    """
    if not rows:
        return
    meta = StageResult._meta
    columns = [meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(meta.db_table)
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(meta.pk.column)} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in columns] + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _suggest_award_tiers(results: list[StageResult], entries: dict, selected: set) -> None:
    """
    Juara 1-3 (then Harapan) by place within each entry group among the winners: the entries the ranking
    selects, less those the secretariat decided against, plus those it advanced against the ranking. A tier
    already chosen stays; an entry that is not a winner has none.
    """
    places: dict[int, int] = {}
    for result in sorted(results, key=lambda r: (r.rank is None, r.rank or 0)):
        winner = result.decision == Decision.ADVANCE or (
            result.entry_id in selected and result.decision != Decision.ELIMINATE
        )
        if not winner:
            result.award_tier = ""
            continue
        group = entries[result.entry_id].group_id
        places[group] = places.get(group, 0) + 1
        if not result.award_tier:
            result.award_tier = FINAL_PLACE_TIERS.get(places[group], AwardTier.HONOURABLE_MENTION)


def _judged_scores(competition, stage, entries):
    criteria = list(
        Criterion.objects.filter(competition=competition, stage_kind=stage.kind).order_by("sort_order", "pk")
    )
    if not criteria:
        raise NotAllowed(_("Give the stage its scoring criteria first (in the round's page editor)."))
    entry_scores = scoring.aggregate(
        review_inputs(competition, stage.kind, list(entries)), criterion_specs(criteria), stage_options(stage)
    )
    tie_order = sorted(
        (c for c in criteria if c.tie_break_order is not None),
        key=lambda c: (c.tie_break_order, c.sort_order),
    )
    scores, explanations, tie_breakers = {}, {}, {}
    for pk in entries:
        es = entry_scores.get(pk)
        if es is None:
            scores[pk] = None
            explanations[pk] = {"reviews": [], "excluded": [], "reason": "too_few_reviews"}
            continue
        scores[pk] = es.score
        tie_breakers[pk] = [(c.key, es.criterion_means.get(c.key, 0.0)) for c in tie_order]
        explanations[pk] = {
            "aggregation": stage.aggregation,
            "normalised": stage.normalise,
            "reviews": [
                {
                    "juror": juror,
                    "raw": es.raw_scores[juror],
                    "counted": es.counted_scores.get(juror),
                    "dropped": juror in es.dropped,
                }
                for juror in sorted(es.raw_scores)
            ],
            "excluded": [{"juror": juror, "reason": reason} for juror, reason in sorted(es.excluded.items())],
            "criterion_means": dict(es.criterion_means),
            "spread": es.spread,
            "flagged": es.flagged,
            "reason": es.reason,
        }
    return scores, explanations, tie_breakers


def _final_scores(competition, entries):
    """The final score: the judged stages' scores weighted by stage weight (or the last stage alone)."""
    judged = [stage for stage in competition.get_timeline() if stage.kind in JUDGED_STAGES]
    if not judged:
        raise NotAllowed(_("The round has no judged stage to decide winners from."))
    judged.sort(key=lambda stage: JUDGED_STAGES.index(stage.kind))
    results = StageResult.objects.filter(entry_id__in=list(entries), stage_kind__in=[s.kind for s in judged])
    by_stage: dict[str, dict[int, float | None]] = {stage.kind: dict.fromkeys(entries) for stage in judged}
    for result in results:
        by_stage[result.stage_kind][result.entry_id] = None if result.score is None else float(result.score)
    weights = {stage.kind: float(stage.weight) for stage in judged}
    combined = scoring.combine_stages(by_stage, weights)
    counted = [kind for kind, weight in weights.items() if weight] or [judged[-1].kind]
    explanations = {
        pk: {
            "components": [
                {
                    "stage": kind,
                    "score": by_stage[kind].get(pk),
                    "weight": weights[kind] if len(counted) > 1 else 1,
                }
                for kind in counted
            ],
            "reviews": [],
        }
        for pk in entries
    }
    return combined, explanations, {}


# Deciding and publishing -----------------------------------------------------------------------------------


@transaction.atomic
def decide(
    user,
    result: StageResult,
    decision: str,
    *,
    reason: str = "",
    award_tier: str | None = None,
    panel_order: int | None = None,
) -> StageResult:
    """Record the secretariat's decision on an entry; a decision against the ranking needs a reason."""
    _require_secretariat(user)
    locked = StageResult.objects.select_for_update().select_related("entry__competition").get(pk=result.pk)
    _require_unpublished(locked.entry.competition, locked.stage_kind)
    if decision not in Decision.values:
        raise ServiceError(_("Choose a decision."))
    locked.decision = decision
    locked.override_reason = reason.strip()
    if locked.is_override and not locked.override_reason:
        raise ServiceError(_("Give the reason for deciding against the ranking; it is kept in the record."))
    if award_tier is not None:
        locked.award_tier = award_tier
    if locked.stage_kind == StageKind.FINAL and decision == Decision.ELIMINATE:
        locked.award_tier = ""  # no award for an entry that is not among the winners
    if panel_order is not None:
        locked.panel_order = panel_order
    locked.decided_at = timezone.now()
    locked.decided_by = user
    locked.save()
    log(
        locked.entry,
        "wagtail_kipp.stage.decide",
        user=user,
        data={"stage": locked.stage_kind, "decision": decision, "reason": locked.override_reason},
    )
    return locked


@transaction.atomic
def accept_suggestions(user, competition: CompetitionPage, stage_kind: str) -> int:
    """Decide every undecided entry as the ranking and quotas suggest; returns how many were decided."""
    _require_secretariat(user)
    _require_unpublished(competition, stage_kind)
    pending = StageResult.objects.filter(
        entry__competition=competition, stage_kind=stage_kind, decision=Decision.PENDING
    ).exclude(suggestion=Decision.PENDING)
    count = 0
    for result in pending.select_for_update():
        result.decision = result.suggestion
        result.decided_at = timezone.now()
        result.decided_by = user
        result.save(update_fields=["decision", "decided_at", "decided_by"])
        count += 1
    log(
        competition,
        "wagtail_kipp.stage.accept_suggestions",
        user=user,
        data={"stage": stage_kind, "count": count},
    )
    return count


@transaction.atomic
def close_scoring(user, competition: CompetitionPage, stage_kind: str) -> StageState:
    """The chair (or the secretariat) closes scoring: reviews lock, jurors may see the panel's scores."""
    if not permissions.can_manage_jury(user, competition.pk):
        raise PermissionDenied
    _stage(competition, stage_kind)
    state = StageState.objects.select_for_update().get(pk=stage_state(competition, stage_kind).pk)
    if state.scoring_closed_at is None:
        state.scoring_closed_at = timezone.now()
        state.scoring_closed_by = user
        state.save(update_fields=["scoring_closed_at", "scoring_closed_by"])
        log(competition, "wagtail_kipp.stage.close_scoring", user=user, data={"stage": stage_kind})
    return state


def publication_problems(competition: CompetitionPage, stage_kind: str) -> list[str]:
    results = StageResult.objects.filter(entry__competition=competition, stage_kind=stage_kind)
    if not results.exists():
        return [_("Compute the results first.")]
    problems = []
    pending = results.filter(decision=Decision.PENDING).count()
    if pending:
        problems.append(
            ngettext(
                "%(count)d entry has no decision yet.", "%(count)d entries have no decision yet.", pending
            )
            % {"count": pending}
        )
    unexplained = [
        r for r in results.exclude(decision=Decision.PENDING) if r.is_override and not r.override_reason
    ]
    if unexplained:
        problems.append(
            ngettext(
                "%(count)d decision against the ranking has no reason.",
                "%(count)d decisions against the ranking have no reason.",
                len(unexplained),
            )
            % {"count": len(unexplained)}
        )
    return problems


def _feedback_by_entry(competition: CompetitionPage, stage_kind: str) -> dict[int, str]:
    """The jurors' overall comments per entry, without their names, for the entrants (two queries)."""
    conflicts = set(
        ConflictOfInterest.objects.filter(panel_member__competition=competition).values_list(
            "panel_member_id", "entry_id"
        )
    )
    comments: dict[int, list[str]] = {}
    for juror, entry, comment in (
        Assignment.objects.filter(
            entry__competition=competition, stage_kind=stage_kind, status=ReviewStatus.SUBMITTED
        )
        .exclude(overall_comment="")
        .order_by("pk")
        .values_list("panel_member_id", "entry_id", "overall_comment")
    ):
        if (juror, entry) not in conflicts:
            comments.setdefault(entry, []).append(comment)
    return {entry: "\n\n".join(texts) for entry, texts in comments.items()}


@transaction.atomic
def publish_stage(
    user, competition: CompetitionPage, stage_kind: str, *, now: datetime.datetime | None = None
) -> int:
    """
    Publish the stage's results in one batch: from now on entrants (and, for finalists and winners, the
    public) see them. The finalist stage and the final stage give each advancing entry its innovation record
    (a draft for an editor to publish, see :mod:`wagtail_kipp.publishing.records`) and record its award:
    *finalist*, then the winning tier. Returns the number of results published.
    """
    _require_secretariat(user)
    stage = _stage(competition, stage_kind)
    state = StageState.objects.select_for_update().get(pk=stage_state(competition, stage_kind).pk)
    if state.published_at:
        raise NotAllowed(_("The results of this stage are already published."))
    problems = publication_problems(competition, stage_kind)
    if problems:
        raise ServiceError(*problems)
    now = now or timezone.now()
    results = list(
        StageResult.objects.filter(entry__competition=competition, stage_kind=stage_kind).select_related(
            "entry__organisation", "entry__innovation", "entry__competition", "entry__submitted_by"
        )
    )
    feedback = (
        _feedback_by_entry(competition, stage_kind)
        if stage_kind in JUDGED_STAGES and stage.show_feedback
        else {}
    )
    for result in results:
        result.published_at = now
        result.feedback = feedback.get(result.entry_id, result.feedback)
    _update_rows(results, ("published_at", "feedback"))
    if not state.scoring_closed_at:
        state.scoring_closed_at, state.scoring_closed_by = now, user
    state.published_at, state.published_by = now, user
    state.save()
    if stage_kind in (FINALIST_STAGE, StageKind.FINAL):
        # The advancing entries' innovation records (draft pages for new innovations), then their awards.
        advancing = [result for result in results if result.decision == Decision.ADVANCE]
        records.innovation_records_for([result.entry for result in advancing], user=user)
        if stage_kind == FINALIST_STAGE:
            records.record_finalists(competition, advancing)
        else:
            records.record_awards(competition, advancing)
    log(
        competition,
        "wagtail_kipp.stage.publish",
        user=user,
        data={"stage": stage_kind, "entries": len(results)},
    )
    for result in results:
        notify_entry(result.entry, "results_published", result=result, stage=stage)
    transaction.on_commit(
        lambda: signals.stage_results_published.send(
            sender=CompetitionPage, competition=competition, stage_kind=stage_kind, user=user
        )
    )
    return len(results)


def published_results(entry: Entry) -> list[StageResult]:
    """What the entrant may see: the published results of the entry, in pipeline order."""
    results = [result for result in entry.stage_results.all() if result.published_at]
    return sorted(results, key=lambda result: RESULT_STAGES.index(result.stage_kind))
