"""Scoring as pure functions: juror scores, stage aggregation, ranking, shortlists and juror agreement.

Everything here is plain Python so that every number a secretariat shows can be recomputed by hand:

* a juror's score for an entry is the weighted mean of the criterion values, each rescaled to 0-100;
* an entry's stage score is the mean (or trimmed mean) of the counted jurors' scores, optionally after
  per-juror z-score normalisation (T-scores, 50 + 10 z);
* ranks use standard competition ranking on scores rounded to a fixed precision, with the round's
  tie-break criteria and the panel's recorded decision as explicit, named tie-breakers.

The results never depend on the order of the input: rows are sorted by :func:`sort_key` and sums use
:func:`math.fsum`, which is exactly rounded and so independent of the order of its terms.
"""

from __future__ import annotations

import math
import operator
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import groupby
from typing import Any

__all__ = [
    "Aggregation",
    "AgreementReport",
    "CriterionSpec",
    "EntryFacts",
    "EntryScore",
    "ExclusionReason",
    "JurorLeniency",
    "Quotas",
    "RankedEntry",
    "ReviewInput",
    "Shortlist",
    "ShortlistReason",
    "StageOptions",
    "aggregate",
    "agreement_report",
    "combine_stages",
    "juror_score",
    "rank",
    "shortlist",
    "sort_key",
]


def sort_key(value: Any) -> tuple:
    """A total, input-independent order for ids of any hashable type.

    Numbers sort numerically (juror 9 before juror 10), then strings, then tuples element by element,
    then anything else by ``repr``.
    """
    if isinstance(value, int | float):
        return (0, value)
    if isinstance(value, str):
        return (1, value)
    if isinstance(value, tuple):
        return (2, tuple(sort_key(item) for item in value))
    return (3, repr(value))


def _mean(values: Sequence[float]) -> float:
    """Arithmetic mean, exactly rounded and so independent of the order of ``values``."""
    return math.fsum(values) / len(values)


# -- criteria and juror scores --------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionSpec:
    """One scoring criterion: its weight and the scale jurors score it on (a checklist item is 0-1)."""

    key: str
    weight: float
    scale_min: float = 0
    scale_max: float = 10

    def __post_init__(self):
        if not self.weight > 0:
            raise ValueError(f"criterion {self.key!r}: weight must be > 0, not {self.weight!r}")
        if not self.scale_max > self.scale_min:
            raise ValueError(f"criterion {self.key!r}: scale_max must be > scale_min")


def _check_criteria(criteria: Sequence[CriterionSpec]) -> tuple[CriterionSpec, ...]:
    criteria = tuple(criteria)
    if not criteria:
        raise ValueError("a stage needs at least one criterion to be scored")
    keys = [criterion.key for criterion in criteria]
    if len(set(keys)) != len(keys):
        raise ValueError(f"duplicate criterion keys in {keys!r}")
    return criteria


class _Scales:
    """The criteria prepared for scoring many reviews: keys, scale ends, factors and the total weight."""

    def __init__(self, criteria: Sequence[CriterionSpec]):
        criteria = _check_criteria(criteria)
        self.keys = tuple(c.key for c in criteria)
        self.lows = tuple(c.scale_min for c in criteria)
        self.highs = tuple(c.scale_max for c in criteria)
        # w_i * 100 * (v_i - min_i) / (max_i - min_i) == factor_i * (v_i - min_i)
        self.factors = tuple(c.weight * 100 / (c.scale_max - c.scale_min) for c in criteria)
        self.total_weight = math.fsum(c.weight for c in criteria)
        self._values = operator.itemgetter(*self.keys) if len(self.keys) > 1 else None

    def score(self, values: Mapping[str, float]) -> tuple[float, tuple] | None:
        """The juror score and the values in criteria order; ``None`` if a value is missing.

        sum(factor_i * (v_i - min_i)) / sum(w_i). A value off its scale raises :class:`ValueError`.
        """
        try:
            row = self._values(values) if self._values else (values[self.keys[0]],)
            parts = []
            for value, low, high, factor in zip(row, self.lows, self.highs, self.factors, strict=True):
                if not low <= value <= high:  # also catches NaN
                    break
                parts.append(factor * (value - low))
            else:
                return math.fsum(parts) / self.total_weight, row
        except (KeyError, TypeError):
            pass
        # The slow path names the first problem: a value off its scale raises, a missing one gives None.
        missing = False
        for key, low, high in zip(self.keys, self.lows, self.highs, strict=True):
            value = values.get(key)
            if value is None:
                missing = True
            elif not low <= value <= high:
                raise ValueError(f"criterion {key!r}: {value!r} is outside the scale {low}-{high}")
        if missing:
            return None
        raise ValueError(f"criterion values {values!r} are not numbers")  # pragma: no cover


def juror_score(values: Mapping[str, float], criteria: Sequence[CriterionSpec]) -> float | None:
    """One juror's 0-100 score: sum(w_i * 100 * (v_i - min_i) / (max_i - min_i)) / sum(w_i).

    ``None`` when a criterion has no value (the review is incomplete). Every value present is checked
    first: a value outside its criterion's scale raises :class:`ValueError`. Keys that are not criteria
    are ignored.
    """
    scored = _Scales(criteria).score(values)
    return None if scored is None else scored[0]


# -- stage aggregation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewInput:
    """One juror's review of one entry in a stage (``values``: criterion key -> value on its scale)."""

    juror: Hashable
    entry: Hashable
    values: Mapping[str, float]
    submitted: bool = True
    conflicted: bool = False


class Aggregation:
    """How the counted juror scores of an entry are combined."""

    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    ALL = (MEAN, TRIMMED_MEAN)


class ExclusionReason:
    """Why a review does not count (checked in this order)."""

    CONFLICT = "conflict"
    NOT_SUBMITTED = "not_submitted"
    INCOMPLETE = "incomplete"


#: ``EntryScore.reason`` for an entry with fewer counted reviews than ``StageOptions.min_reviews``.
TOO_FEW_REVIEWS = "too_few_reviews"


@dataclass(frozen=True)
class StageOptions:
    """How a stage turns reviews into entry scores."""

    aggregation: str = Aggregation.MEAN
    normalise: bool = False
    min_reviews: int = 1
    trim_from: int = 5
    spread_threshold: float = 15
    precision: int = 2

    def __post_init__(self):
        if self.aggregation not in Aggregation.ALL:
            raise ValueError(f"unknown aggregation {self.aggregation!r}; expected one of {Aggregation.ALL}")
        if self.min_reviews < 1:
            raise ValueError("min_reviews must be at least 1")
        if self.trim_from < 3:
            raise ValueError("trim_from must be at least 3 (one highest and one lowest are dropped)")
        if self.precision < 0:
            raise ValueError("precision must be >= 0")


@dataclass(frozen=True)
class EntryScore:
    """An entry's stage score with everything needed to explain it."""

    entry: Hashable
    score: float | None
    raw_scores: Mapping[Hashable, float]
    counted_scores: Mapping[Hashable, float]
    dropped: tuple
    excluded: Mapping[Hashable, str]
    criterion_means: Mapping[str, float]
    spread: float | None
    flagged: bool
    reason: str


def _t_scores(scores: Sequence[float]) -> list[float]:
    """Per-juror T-scores ``50 + 10 z`` (population sd), clamped to 0-100; 50 for all when sd is 0.

    The deviations from the mean are computed exactly on the scores' rational values, so adding the same
    constant to every score (exactly, e.g. whole numbers to whole numbers) gives bit-identical T-scores.
    """
    n = len(scores)
    ratios = [score.as_integer_ratio() for score in map(float, scores)]
    denominator = math.lcm(*(q for _, q in ratios))
    numerators = [p * (denominator // q) for p, q in ratios]
    total = sum(numerators)
    deviations = [n * a - total for a in numerators]  # n * denominator * (s_i - mean), exactly
    squares = sum(map(operator.mul, deviations, deviations))
    if squares == 0:
        return [50.0] * n
    # z_i = (s_i - mean) / sd = deviation_i / sqrt(squares / n); the common factor cancels.
    try:
        unit = math.sqrt(squares / n)
        t_scores = [50 + 10 * (d / unit) for d in deviations]
    except OverflowError:
        # The exact integers exceed a float's range (scores with long binary fractions): take each z from
        # the exact ratio z_i^2 = n d_i^2 / squares instead.
        t_scores = [50 + 10 * math.copysign(math.sqrt(Fraction(n * d * d, squares)), d) for d in deviations]
    if min(t_scores) < 0 or max(t_scores) > 100:  # |z| <= sqrt(n - 1): only from 27 reviews
        t_scores = [min(100.0, max(0.0, t)) for t in t_scores]
    return t_scores


def _trim(values: list[float]) -> tuple[int, int]:
    """Positions of the highest and the lowest value to drop; ties go to the first (in juror order)."""
    highest = values.index(max(values))
    lowest = values.index(min(values))
    if lowest == highest:  # all equal: drop the first as highest and the second as lowest
        lowest = 1 if highest == 0 else 0
    return highest, lowest


def aggregate(
    reviews: Iterable[ReviewInput],
    criteria: Sequence[CriterionSpec],
    options: StageOptions = StageOptions(),  # frozen, so sharing the default is safe
) -> dict[Hashable, EntryScore]:
    """Every reviewed entry's :class:`EntryScore` for one stage, keyed by entry in :func:`sort_key` order.

    Only submitted, non-conflicted, complete reviews count; the others are listed in ``excluded`` with
    their reason (a conflicted review is never scored, whatever its values). Two reviews by the same juror
    of the same entry raise :class:`ValueError`.
    """
    scales = _Scales(criteria)

    by_entry: dict[Hashable, dict[Hashable, ReviewInput]] = defaultdict(dict)
    for review in reviews:
        row = by_entry[review.entry]
        if review.juror in row:
            raise ValueError(f"juror {review.juror!r} has two reviews of entry {review.entry!r}")
        row[review.juror] = review
    jurors = {juror for row in by_entry.values() for juror in row}
    juror_order = {juror: sort_key(juror) for juror in jurors}.__getitem__

    # Juror scores of the counted reviews (in juror order), their values, and the reasons for the others.
    normalise = options.normalise
    per_juror: dict[Hashable, tuple[list, list]] = defaultdict(lambda: ([], []))  # entries, raw scores
    counted: dict[Hashable, tuple[dict[Hashable, float], list[tuple], dict[Hashable, str]]] = {}
    for entry in sorted(by_entry, key=sort_key):
        row = by_entry[entry]
        raw_scores, value_rows, reasons = {}, [], {}
        for juror in sorted(row, key=juror_order):
            review = row[juror]
            if review.conflicted:
                reasons[juror] = ExclusionReason.CONFLICT
            elif not review.submitted:
                reasons[juror] = ExclusionReason.NOT_SUBMITTED
            else:
                scored = scales.score(review.values)
                if scored is None:
                    reasons[juror] = ExclusionReason.INCOMPLETE
                else:
                    raw_scores[juror], values = scored
                    value_rows.append(values)
                    if normalise:
                        entries, scores = per_juror[juror]
                        entries.append(entry)
                        scores.append(raw_scores[juror])
        counted[entry] = raw_scores, value_rows, reasons

    # With normalisation, the value that goes into the mean is the juror's T-score for the entry.
    t_scores = {
        juror: dict(zip(entries, _t_scores(scores), strict=True))
        for juror, (entries, scores) in per_juror.items()
    }

    trim_from = options.trim_from if options.aggregation == Aggregation.TRIMMED_MEAN else math.inf
    min_reviews, precision, threshold = options.min_reviews, options.precision, options.spread_threshold
    keys = scales.keys
    results = {}
    for entry, (raw_scores, value_rows, reasons) in counted.items():
        if normalise:
            counted_scores = {juror: t_scores[juror][entry] for juror in raw_scores}
        else:
            counted_scores = raw_scores.copy()
        values = list(counted_scores.values())
        count = len(values)

        dropped: tuple = ()
        kept = values
        if count >= trim_from:
            highest, lowest = _trim(values)
            in_order = list(counted_scores)
            dropped = (in_order[highest], in_order[lowest])
            kept = [value for position, value in enumerate(values) if position not in (highest, lowest)]
        if count and count >= min_reviews:
            score, reason = round(math.fsum(kept) / len(kept), precision), ""
        else:
            score, reason = None, TOO_FEW_REVIEWS
        spread = round(max(values) - min(values), precision) if count >= 2 else None
        criterion_means = (
            {
                key: math.fsum(column) / count
                for key, column in zip(keys, zip(*value_rows, strict=True), strict=True)
            }
            if count
            else {}
        )
        results[entry] = EntryScore(
            entry=entry,
            score=score,
            raw_scores=raw_scores,
            counted_scores=counted_scores,
            dropped=dropped,
            excluded=reasons,
            criterion_means=criterion_means,
            spread=spread,
            flagged=spread is not None and spread >= threshold,
            reason=reason,
        )
    return results


def combine_stages(
    stage_scores: Mapping[Hashable, Mapping[Hashable, float | None]],
    weights: Mapping[Hashable, float],
    precision: int = 2,
) -> dict[Hashable, float | None]:
    """Each entry's weighted average of its stage scores, rounded to ``precision``.

    Stages with weight 0 (or no weight) are ignored; when every weight is 0 the last stage of
    ``stage_scores`` counts alone. An entry without a score in a weighted stage gets ``None``; a stage with
    a positive weight that is missing from ``stage_scores`` has no scores at all. Every entry of any stage
    is in the result, in :func:`sort_key` order.
    """
    for stage, weight in weights.items():
        if not weight >= 0:
            raise ValueError(f"stage {stage!r}: weight must be >= 0, not {weight!r}")
    weighted = {stage: weight for stage, weight in weights.items() if weight > 0}
    if not weighted:
        if not stage_scores:
            return {}
        weighted = {list(stage_scores)[-1]: 1.0}
    entries = {entry for scores in stage_scores.values() for entry in scores}
    total_weight = math.fsum(weighted.values())

    combined: dict[Hashable, float | None] = {}
    for entry in sorted(entries, key=sort_key):
        parts = []
        for stage, weight in weighted.items():
            score = stage_scores.get(stage, {}).get(entry)
            if score is None:
                parts = None
                break
            parts.append(weight * score)
        combined[entry] = None if parts is None else round(math.fsum(parts) / total_weight, precision)
    return combined


# -- ranking --------------------------------------------------------------------------------------


class DecidedBy:
    """How a ranked entry was separated from the entries with the same score."""

    SCORE = "score"
    CRITERION = "criterion:"  # followed by the criterion key
    PANEL = "panel"
    TIE = "tie"
    NOT_RANKED = "not_ranked"


@dataclass(frozen=True)
class RankedEntry:
    """One line of a ranking (standard competition ranking: 1, 2, 2, 4)."""

    entry: Hashable
    score: float | None
    rank: int | None
    tied_with: tuple
    decided_by: str


def _round(value: float, precision: int) -> float:
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    return round(value, precision)


def _separate(entries, depth, tie_breakers, panel_order, precision, levels):
    """Split entries with the same score into ordered classes, each with how it was decided.

    Levels ``0 .. levels-1`` are the tie-break criteria, level ``levels`` the panel's order; entries still
    equal after that form one class decided by ``"tie"``.
    """
    if depth > levels:
        return [(sorted(entries, key=sort_key), DecidedBy.TIE)]
    if depth < levels:
        keys = {tie_breakers[e][depth][0] for e in entries if len(tie_breakers.get(e, ())) > depth}
        if len(keys) > 1:
            raise ValueError(f"tie-breakers list different criteria at position {depth + 1}: {sorted(keys)}")
        label = DecidedBy.CRITERION + (keys.pop() if keys else "")

        def value(entry):  # higher wins; a missing value (or None) loses against any value
            row = tie_breakers.get(entry, ())
            if len(row) > depth and row[depth][1] is not None:
                return -_round(row[depth][1], precision)
            return math.inf

    else:
        label = DecidedBy.PANEL

        def value(entry):  # lower number wins; no recorded decision comes last
            number = panel_order.get(entry)
            return math.inf if number is None else number

    ordered = sorted(entries, key=lambda e: (value(e), sort_key(e)))
    classes = []
    for _, group in groupby(ordered, key=value):
        group = list(group)
        if len(group) == 1:
            classes.append((group, label))
        else:
            classes.extend(_separate(group, depth + 1, tie_breakers, panel_order, precision, levels))
    return classes


def rank(
    scores: Mapping[Hashable, float | None],
    tie_breakers: Mapping[Hashable, Sequence[tuple[str, float]]] | None = None,
    panel_order: Mapping[Hashable, int] | None = None,
    precision: int = 2,
) -> list[RankedEntry]:
    """Rank entries by score (rounded to ``precision``), highest first.

    Equal scores are separated by ``tie_breakers[entry]`` — (criterion key, value) pairs in the round's
    tie-break order, higher wins, compared one after the other at ``precision`` — then by ``panel_order``
    (lower number wins). Entries still equal share a rank. Entries without a score come last, rank ``None``.
    """
    tie_breakers = tie_breakers or {}
    panel_order = panel_order or {}
    ranked, unranked = [], []
    for entry, score in scores.items():
        if score is None:
            unranked.append(entry)
        else:
            ranked.append((_round(score, precision), entry))
    ranked.sort(key=lambda pair: (-pair[0], sort_key(pair[1])))

    result = []
    for score, group in groupby(ranked, key=lambda pair: pair[0]):
        entries = [entry for _, entry in group]
        if len(entries) == 1:
            classes = [(entries, DecidedBy.SCORE)]
        else:
            levels = max(len(tie_breakers.get(entry, ())) for entry in entries)
            classes = _separate(entries, 0, tie_breakers, panel_order, precision, levels)
        for members, decided_by in classes:
            position = len(result) + 1
            for entry in members:
                others = tuple(other for other in members if other != entry)
                result.append(RankedEntry(entry, score, position, others, decided_by))
    for entry in sorted(unranked, key=sort_key):
        result.append(RankedEntry(entry, None, None, (), DecidedBy.NOT_RANKED))
    return result


# -- shortlists -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryFacts:
    """What quotas look at: the entry's group, its organisation and the organisation's kind."""

    group: Hashable = None
    organisation: Hashable = None
    organisation_kind: Hashable = None


@dataclass(frozen=True)
class Quotas:
    """Limits on a shortlist; ``None`` means no limit (and ``None`` facts are never limited)."""

    top_n: int | None = None
    per_group: Mapping[Hashable, int] | None = None
    per_organisation_kind: Mapping[Hashable, int] | None = None
    max_per_organisation: int | None = None
    passing_score: float | None = None


class ShortlistReason:
    """Why an entry is not on the shortlist (checked in this order)."""

    NOT_RANKED = "not_ranked"
    BELOW_PASSING_SCORE = "below_passing_score"
    ORGANISATION_LIMIT = "organisation_limit"
    GROUP_QUOTA = "group_quota"
    ORGANISATION_KIND_QUOTA = "organisation_kind_quota"
    OVERALL_QUOTA = "overall_quota"


@dataclass(frozen=True)
class Shortlist:
    """The selected entries (rank order), why every other entry is out, and ties across the cut-off."""

    selected: tuple
    reasons: Mapping[Hashable, str]
    tie_at_cutoff: tuple


def shortlist(
    ranking: Sequence[RankedEntry], facts: Mapping[Hashable, EntryFacts], quotas: Quotas
) -> Shortlist:
    """Select entries greedily in rank order under ``quotas``.

    Each entry is checked in the order: ranked, passing score, organisation limit, group quota,
    organisation-kind quota, overall quota; the first failing check is its reason. When an entry is out
    only because of a quota and an entry of the same rank that competes for the same quota (any selected
    entry for the overall quota, one of the same group or kind otherwise) was selected, the order between
    them was arbitrary: every entry of that rank is listed in ``tie_at_cutoff`` for the secretariat.
    """
    order = sorted(ranking, key=lambda line: (line.rank is None, line.rank or 0))  # stable
    per_group = quotas.per_group or {}
    per_kind = quotas.per_organisation_kind or {}
    selected: list[RankedEntry] = []
    reasons: dict[Hashable, str] = {}
    organisations: dict[Hashable, int] = defaultdict(int)
    groups: dict[Hashable, int] = defaultdict(int)
    kinds: dict[Hashable, int] = defaultdict(int)
    tied_ranks: set[int] = set()

    for line in order:
        fact = facts.get(line.entry) or EntryFacts()
        if line.rank is None or line.score is None:
            reason = ShortlistReason.NOT_RANKED
        elif quotas.passing_score is not None and line.score < quotas.passing_score:
            reason = ShortlistReason.BELOW_PASSING_SCORE
        elif (
            quotas.max_per_organisation is not None
            and fact.organisation is not None
            and organisations[fact.organisation] >= quotas.max_per_organisation
        ):
            reason = ShortlistReason.ORGANISATION_LIMIT
        elif (
            fact.group is not None and fact.group in per_group and groups[fact.group] >= per_group[fact.group]
        ):
            reason = ShortlistReason.GROUP_QUOTA
        elif (
            fact.organisation_kind is not None
            and fact.organisation_kind in per_kind
            and kinds[fact.organisation_kind] >= per_kind[fact.organisation_kind]
        ):
            reason = ShortlistReason.ORGANISATION_KIND_QUOTA
        elif quotas.top_n is not None and len(selected) >= quotas.top_n:
            reason = ShortlistReason.OVERALL_QUOTA
        else:
            selected.append(line)
            if fact.organisation is not None:
                organisations[fact.organisation] += 1
            if fact.group is not None:
                groups[fact.group] += 1
            if fact.organisation_kind is not None:
                kinds[fact.organisation_kind] += 1
            continue
        reasons[line.entry] = reason

        if reason == ShortlistReason.OVERALL_QUOTA:
            competitors = [s for s in selected if s.rank == line.rank]
        elif reason == ShortlistReason.GROUP_QUOTA:
            competitors = [
                s for s in selected if s.rank == line.rank and _fact(facts, s.entry).group == fact.group
            ]
        elif reason == ShortlistReason.ORGANISATION_KIND_QUOTA:
            competitors = [
                s
                for s in selected
                if s.rank == line.rank and _fact(facts, s.entry).organisation_kind == fact.organisation_kind
            ]
        else:
            competitors = []
        if competitors:
            tied_ranks.add(line.rank)

    return Shortlist(
        selected=tuple(line.entry for line in selected),
        reasons=reasons,
        tie_at_cutoff=tuple(line.entry for line in order if line.rank in tied_ranks),
    )


def _fact(facts: Mapping[Hashable, EntryFacts], entry: Hashable) -> EntryFacts:
    return facts.get(entry) or EntryFacts()


# -- juror agreement ------------------------------------------------------------------------------


class LeniencyLabel:
    """A juror's leniency compared with the other jurors on the same entries."""

    LENIENT = "lenient"
    SEVERE = "severe"
    TYPICAL = "typical"


@dataclass(frozen=True)
class JurorLeniency:
    """How one juror's raw scores compare with the other jurors' on the same entries.

    ``compared`` is the number of entries that had at least one other counted juror (the entries
    ``mean_difference`` is averaged over; 0 when there are none, and then the difference is 0).
    """

    juror: Hashable
    reviews: int
    mean_score: float
    mean_difference: float
    label: str
    compared: int = 0


@dataclass(frozen=True)
class AgreementReport:
    """Entries to discuss at the consolidation meeting and each juror's leniency."""

    flagged: tuple
    jurors: Mapping[Hashable, JurorLeniency]


def agreement_report(
    entry_scores: Mapping[Hashable, EntryScore], leniency_threshold: float = 5.0, precision: int = 2
) -> AgreementReport:
    """Flagged entries (highest spread first) and every counted juror's leniency on raw 0-100 scores.

    ``mean_score`` and ``mean_difference`` are rounded to ``precision`` and the label is decided on the
    rounded difference: "lenient" at >= ``leniency_threshold``, "severe" at <= -``leniency_threshold``.
    """
    flagged = sorted(
        (score for score in entry_scores.values() if score.flagged),
        key=lambda score: (-(score.spread or 0), sort_key(score.entry)),
    )
    own: dict[Hashable, list[float]] = defaultdict(list)
    differences: dict[Hashable, list[float]] = defaultdict(list)
    for entry_score in entry_scores.values():
        raw = entry_score.raw_scores
        for juror, score in raw.items():
            own[juror].append(score)
            others = [value for other, value in raw.items() if other != juror]
            if others:
                differences[juror].append(score - _mean(others))

    jurors = {}
    for juror in sorted(own, key=sort_key):
        diffs = differences.get(juror, [])
        difference = round(_mean(diffs), precision) if diffs else 0.0
        if difference >= leniency_threshold:
            label = LeniencyLabel.LENIENT
        elif difference <= -leniency_threshold:
            label = LeniencyLabel.SEVERE
        else:
            label = LeniencyLabel.TYPICAL
        jurors[juror] = JurorLeniency(
            juror=juror,
            reviews=len(own[juror]),
            mean_score=round(_mean(own[juror]), precision),
            mean_difference=difference,
            label=label,
            compared=len(diffs),
        )
    return AgreementReport(flagged=tuple(score.entry for score in flagged), jurors=jurors)
