"""Scoring as pure functions: known answers computed by hand, and properties (hypothesis). No database."""

import math
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wagtail_kipp.judging.scoring import (
    Aggregation,
    CriterionSpec,
    EntryFacts,
    Quotas,
    RankedEntry,
    ReviewInput,
    StageOptions,
    aggregate,
    agreement_report,
    combine_stages,
    juror_score,
    rank,
    shortlist,
    sort_key,
)

#: Innovation (1-10, weight 3) and impact (0-100, weight 1).
TWO = [CriterionSpec("inovasi", 3, 1, 10), CriterionSpec("dampak", 1, 0, 100)]
#: A single 0-100 criterion of weight 1: a juror's score is the value itself.
ONE = [CriterionSpec("nilai", 1, 0, 100)]


def one(juror, entry, value, **kwargs):
    return ReviewInput(juror, entry, {"nilai": value}, **kwargs)


def scores_of(results):
    return {entry: result.score for entry, result in results.items()}


# -- juror_score ----------------------------------------------------------------------------------


def test_juror_score_is_the_weighted_mean_of_values_rescaled_to_0_100():
    criteria = [
        CriterionSpec("inovasi", 2, 1, 10),
        CriterionSpec("dampak", 1, 0, 100),
        CriterionSpec("dokumen_lengkap", 1, 0, 1),  # a checklist item
    ]
    # inovasi 7 on 1-10 -> 100 * 6 / 9 = 66.667; dampak 80 -> 80; checklist 1 -> 100
    # (2 * 66.667 + 1 * 80 + 1 * 100) / (2 + 1 + 1) = 313.333 / 4 = 78.333
    assert juror_score({"inovasi": 7, "dampak": 80, "dokumen_lengkap": 1}, criteria) == pytest.approx(
        78.33333333
    )
    # the scale's ends: all minimum -> 0, all maximum -> 100
    assert juror_score({"inovasi": 1, "dampak": 0, "dokumen_lengkap": 0}, criteria) == 0
    assert juror_score({"inovasi": 10, "dampak": 100, "dokumen_lengkap": 1}, criteria) == 100
    # keys that are not criteria are ignored
    assert juror_score({"inovasi": 10, "dampak": 100, "dokumen_lengkap": 1, "lama": 3}, criteria) == 100


def test_juror_score_is_none_when_a_criterion_is_missing():
    assert juror_score({"inovasi": 5}, TWO) is None
    assert juror_score({"inovasi": 5, "dampak": None}, TWO) is None
    assert juror_score({}, TWO) is None


@pytest.mark.parametrize(
    "values",
    [
        {"inovasi": 11, "dampak": 50},
        {"inovasi": 0, "dampak": 50},
        {"inovasi": 5, "dampak": 100.5},
        {"inovasi": 5, "dampak": -1},
        {"inovasi": float("nan"), "dampak": 1},
        {"inovasi": 11},
    ],
)
def test_juror_score_rejects_a_value_outside_the_scale(values):
    with pytest.raises(ValueError, match="outside the scale"):
        juror_score(values, TWO)


def test_criteria_are_validated():
    with pytest.raises(ValueError, match="weight"):
        CriterionSpec("x", 0)
    with pytest.raises(ValueError, match="scale_max"):
        CriterionSpec("x", 1, 5, 5)
    with pytest.raises(ValueError, match="at least one criterion"):
        juror_score({}, [])
    with pytest.raises(ValueError, match="duplicate"):
        juror_score({"x": 1}, [CriterionSpec("x", 1), CriterionSpec("x", 2)])


def test_stage_options_are_validated():
    with pytest.raises(ValueError, match="aggregation"):
        StageOptions(aggregation="median")
    with pytest.raises(ValueError, match="min_reviews"):
        StageOptions(min_reviews=0)
    with pytest.raises(ValueError, match="trim_from"):
        StageOptions(trim_from=2)
    with pytest.raises(ValueError, match="precision"):
        StageOptions(precision=-1)


def test_sort_key_orders_numbers_numerically_then_strings_then_tuples_then_the_rest():
    ids = [None, ("b", 1), "b", 10, ("a", 2), 9, "a", 1.5, ("a", 10)]
    assert sorted(ids, key=sort_key) == [1.5, 9, 10, "a", "b", ("a", 2), ("a", 10), ("b", 1), None]


# -- aggregate ------------------------------------------------------------------------------------


def reviews_for_e1():
    return [
        ReviewInput("J1", "E1", {"inovasi": 10, "dampak": 60}),  # (3 * 100 + 60) / 4 = 90
        ReviewInput("J2", "E1", {"inovasi": 7, "dampak": 40}),  # (3 * 66.667 + 40) / 4 = 60
        ReviewInput("J3", "E1", {"inovasi": 4, "dampak": 80}),  # (3 * 33.333 + 80) / 4 = 45
        ReviewInput("J4", "E1", {"inovasi": 10, "dampak": 100}, conflicted=True),
        ReviewInput("J5", "E1", {"inovasi": 10, "dampak": 100}, submitted=False),
        ReviewInput("J6", "E1", {"inovasi": 5}),  # no dampak: incomplete
        ReviewInput("J1", "E2", {"inovasi": 1, "dampak": 0}),  # 0
    ]


def test_aggregate_mean_counts_only_submitted_complete_unconflicted_reviews():
    results = aggregate(reviews_for_e1(), TWO)
    e1 = results["E1"]
    assert e1.score == 65.0  # (90 + 60 + 45) / 3 = 65
    assert e1.raw_scores == pytest.approx({"J1": 90, "J2": 60, "J3": 45})
    assert e1.counted_scores == e1.raw_scores  # no normalisation
    assert e1.excluded == {"J4": "conflict", "J5": "not_submitted", "J6": "incomplete"}
    assert e1.criterion_means == pytest.approx({"inovasi": 7, "dampak": 60})  # (10+7+4)/3, (60+40+80)/3
    assert e1.spread == 45  # 90 - 45
    assert e1.flagged  # 45 >= 15
    assert e1.dropped == ()
    assert e1.reason == ""
    e2 = results["E2"]
    assert (e2.score, e2.spread, e2.flagged, e2.reason) == (0, None, False, "")  # one review: no spread
    assert list(results) == ["E1", "E2"]


def test_aggregate_min_reviews_leaves_entries_unranked():
    results = aggregate(reviews_for_e1(), TWO, StageOptions(min_reviews=2))
    assert results["E1"].score == 65.0  # 3 counted reviews >= 2
    assert results["E2"].score is None  # 1 counted review < 2
    assert results["E2"].reason == "too_few_reviews"
    assert results["E2"].raw_scores == {"J1": 0}  # still explained


def test_aggregate_precision_and_spread_threshold():
    reviews = [one("a", "X", 70), one("b", "X", 71), one("c", "X", 85)]
    # mean (70 + 71 + 85) / 3 = 75.3333; spread 85 - 70 = 15
    result = aggregate(reviews, ONE, StageOptions(precision=1, spread_threshold=15))["X"]
    assert (result.score, result.spread, result.flagged) == (75.3, 15, True)
    assert not aggregate(reviews, ONE, StageOptions(spread_threshold=15.01))["X"].flagged


def test_aggregate_edge_cases():
    assert aggregate([], ONE) == {}
    # a single juror: the juror's score is the entry's score
    assert scores_of(aggregate([one("a", "X", 42.5)], ONE)) == {"X": 42.5}
    # every review conflicted: unranked, and none of the conflicted values is even checked
    conflicted = [
        ReviewInput("a", "X", {"nilai": 1000}, conflicted=True),
        ReviewInput("b", "X", {}, conflicted=True),
    ]
    result = aggregate(conflicted, ONE)["X"]
    assert (result.score, result.reason, result.raw_scores) == (None, "too_few_reviews", {})
    assert result.excluded == {"a": "conflict", "b": "conflict"}
    assert (result.criterion_means, result.spread, result.flagged) == ({}, None, False)
    # a conflicted draft is reported as a conflict (conflict is checked first)
    assert aggregate([one("a", "X", 5, conflicted=True, submitted=False)], ONE)["X"].excluded == {
        "a": "conflict"
    }


def test_aggregate_rejects_out_of_scale_values_and_duplicate_reviews():
    with pytest.raises(ValueError, match="outside the scale"):
        aggregate([one("a", "X", 101)], ONE)
    with pytest.raises(ValueError, match="two reviews"):
        aggregate([one("a", "X", 10), one("a", "X", 20, submitted=False)], ONE)
    # a draft is not checked (it does not count)
    assert aggregate([one("a", "X", 101, submitted=False)], ONE)["X"].excluded == {"a": "not_submitted"}


def test_trimmed_mean_drops_one_highest_and_one_lowest_from_trim_from_reviews():
    five = [
        one("J1", "X", 50),
        one("J2", "X", 60),
        one("J3", "X", 70),
        one("J4", "X", 80),
        one("J5", "X", 95),
    ]
    trimmed = StageOptions(aggregation=Aggregation.TRIMMED_MEAN)
    result = aggregate(five, ONE, trimmed)["X"]
    assert result.dropped == ("J5", "J1")  # (highest, lowest)
    assert result.score == 70  # (60 + 70 + 80) / 3
    assert result.counted_scores == {"J1": 50, "J2": 60, "J3": 70, "J4": 80, "J5": 95}  # still listed
    assert result.spread == 45  # over all counted scores: 95 - 50
    assert aggregate(five, ONE)["X"].score == 71  # plain mean: 355 / 5
    # four reviews < trim_from 5: nothing dropped, (50 + 60 + 70 + 80) / 4 = 65
    four = aggregate(five[:4], ONE, trimmed)["X"]
    assert (four.dropped, four.score) == ((), 65)
    # trim_from 4 trims four reviews: (60 + 70) / 2 = 65
    assert aggregate(five[:4], ONE, StageOptions(aggregation="trimmed_mean", trim_from=4))["X"].score == 65


def test_trimmed_mean_breaks_ties_by_juror_order():
    tied = [one("a", "X", 80), one("b", "X", 80), one("c", "X", 60), one("d", "X", 60), one("e", "X", 70)]
    result = aggregate(tied, ONE, StageOptions(aggregation="trimmed_mean"))["X"]
    assert result.dropped == ("a", "c")  # first of the highest, first of the lowest
    assert result.score == 70  # (80 + 60 + 70) / 3
    # numbers sort numerically: juror 9 comes before juror 10
    numeric = [one(10, "X", 90), one(9, "X", 90), one(11, "X", 10), one(12, "X", 50), one(13, "X", 50)]
    assert aggregate(numeric, ONE, StageOptions(aggregation="trimmed_mean"))["X"].dropped == (9, 11)
    # all equal: the first juror is dropped as highest, the second as lowest
    same = [one(juror, "X", 70) for juror in "abcde"]
    assert aggregate(same, ONE, StageOptions(aggregation="trimmed_mean"))["X"].dropped == ("a", "b")


def test_z_score_normalisation_uses_t_scores_per_juror():
    reviews = [
        # juror A scores X, Y: 60, 80 -> mean 70, population sd 10 -> z -1, +1 -> T 40, 60
        one("A", "X", 60),
        one("A", "Y", 80),
        # juror B (a lenient juror) scores X, Y, Z: 90, 94, 92 -> mean 92, deviations -2, +2, 0,
        # sd sqrt((4 + 4 + 0) / 3) = 1.632993 -> z -1.224745, +1.224745, 0 -> T 37.75255, 62.24745, 50
        one("B", "X", 90),
        one("B", "Y", 94),
        one("B", "Z", 92),
        # juror C scores one entry only: T 50
        one("C", "X", 10),
        # a conflicted review is not part of C's normalisation
        one("C", "Y", 100, conflicted=True),
    ]
    results = aggregate(reviews, ONE, StageOptions(normalise=True))
    x, y, z = results["X"], results["Y"], results["Z"]
    assert x.counted_scores == pytest.approx({"A": 40, "B": 37.75255, "C": 50})
    assert x.raw_scores == {"A": 60, "B": 90, "C": 10}
    assert x.score == 42.58  # (40 + 37.75255 + 50) / 3 = 42.58418
    assert x.spread == 12.25  # 50 - 37.75255
    assert y.counted_scores == pytest.approx({"A": 60, "B": 62.24745})
    assert y.score == 61.12  # (60 + 62.24745) / 2 = 61.123724
    assert z.score == 50  # B's mean score
    # without normalisation: X = (60 + 90 + 10) / 3 = 53.33 < Y = (80 + 94) / 2 = 87
    assert scores_of(aggregate(reviews, ONE)) == {"X": 53.33, "Y": 87, "Z": 92}


def test_z_score_normalisation_edge_cases():
    # a juror giving every entry the same score (sd 0) gives 50 to every entry
    flat = [one("A", entry, 73) for entry in "XYZ"]
    assert scores_of(aggregate(flat, ONE, StageOptions(normalise=True))) == {"X": 50, "Y": 50, "Z": 50}
    # T-scores are clamped to 0-100: 29 zeros and one 100 -> z of the 100 is sqrt(29) = 5.385,
    # T = 50 + 53.85 = 103.85 -> 100; the zeros have z = -1 / sqrt(29) = -0.185695 -> T 48.14305
    extreme = [one("A", n, 0) for n in range(29)] + [one("A", 29, 100)]
    results = aggregate(extreme, ONE, StageOptions(normalise=True))
    assert results[29].score == 100
    assert results[0].counted_scores["A"] == pytest.approx(48.14305)


def test_z_score_then_trimmed_mean():
    # five jurors, each scoring X and Y; on each juror's two reviews z is -1 and +1 (T 40 and 60)
    # or 0 for a juror who gives both the same.
    reviews = []
    for juror, (x, y) in {"a": (90, 100), "b": (50, 40), "c": (30, 35), "d": (70, 60), "e": (80, 80)}.items():
        reviews += [one(juror, "X", x), one(juror, "Y", y)]
    result = aggregate(reviews, ONE, StageOptions(normalise=True, aggregation="trimmed_mean"))
    # X: a 40, b 60, c 40, d 60, e 50 -> dropped: the first highest in juror order (b, 60) and the first
    # lowest (a, 40)
    assert result["X"].counted_scores == {"a": 40, "b": 60, "c": 40, "d": 60, "e": 50}
    assert result["X"].dropped == ("b", "a")
    assert result["X"].score == 50  # (40 + 60 + 50) / 3
    assert result["Y"].dropped == ("a", "b")  # Y: a 60, b 40, c 60, d 40, e 50
    assert result["Y"].spread == 20


# -- combine_stages -------------------------------------------------------------------------------


def test_combine_stages_weighted_average():
    stages = {
        "desk": {"A": 80, "B": 70, "C": 90},
        "presentasi": {"A": 90, "B": None},
        "lapangan": {"A": 10},
    }
    combined = combine_stages(stages, {"desk": 40, "presentasi": 60, "lapangan": 0})
    # A: (40 * 80 + 60 * 90) / 100 = (3200 + 5400) / 100 = 86; B no presentation score; C not presented
    assert combined == {"A": 86, "B": None, "C": None}
    assert list(combined) == ["A", "B", "C"]
    # the result is rounded: (1 * 80 + 2 * 85) / 3 = 83.333
    assert combine_stages({"1": {"A": 80}, "2": {"A": 85}}, {"1": 1, "2": 2}) == {"A": 83.33}
    assert combine_stages({"1": {"A": 80}, "2": {"A": 85}}, {"1": 1, "2": 2}, precision=4) == {"A": 83.3333}


def test_combine_stages_all_zero_weights_use_the_last_stage():
    stages = {"desk": {"A": 80, "B": 70}, "final": {"A": 60}}
    assert combine_stages(stages, {"desk": 0, "final": 0}) == {"A": 60, "B": None}
    assert combine_stages(stages, {}) == {"A": 60, "B": None}
    assert combine_stages({}, {}) == {}


def test_combine_stages_edge_cases():
    with pytest.raises(ValueError, match="weight"):
        combine_stages({"desk": {"A": 1}}, {"desk": -1})
    # a weighted stage nobody has a score in yet: nobody has a combined score
    assert combine_stages({"desk": {"A": 80}}, {"desk": 50, "final": 50}) == {"A": None}
    assert combine_stages({"desk": {"A": 80}}, {"desk": 1}) == {"A": 80}


# -- rank -----------------------------------------------------------------------------------------


def lines(ranking):
    return [(line.entry, line.rank, line.tied_with, line.decided_by) for line in ranking]


def test_rank_uses_standard_competition_ranking_on_rounded_scores():
    ranking = rank({"D": 70, "B": 85.004, "C": 85.0, "A": 90, "E": None})
    # B rounds to 85.00 like C: both rank 2, and D is 4th
    assert lines(ranking) == [
        ("A", 1, (), "score"),
        ("B", 2, ("C",), "tie"),
        ("C", 2, ("B",), "tie"),
        ("D", 4, (), "score"),
        ("E", None, (), "not_ranked"),
    ]
    assert [line.score for line in ranking] == [90, 85, 85, 70, None]
    # with three decimals B is ahead
    assert lines(rank({"B": 85.004, "C": 85.0}, precision=3)) == [
        ("B", 1, (), "score"),
        ("C", 2, (), "score"),
    ]


def test_rank_tie_breakers_then_panel_order():
    scores = {"A": 90, "B": 85, "C": 85, "D": 85, "E": 85}
    tie_breakers = {
        "B": [("inovasi", 9.0), ("dampak", 7)],  # best on inovasi: 2nd
        "C": [("inovasi", 8.004), ("dampak", 7)],  # 8.00 like D and E; dampak 7 like D, below E
        "D": [("inovasi", 8.0), ("dampak", 7)],
        "E": [("inovasi", 8.0), ("dampak", 7.5)],  # wins dampak among C, D, E: 3rd
    }
    # C and D are equal on both criteria: the panel's recorded order decides (lower wins)
    ranking = rank(scores, tie_breakers, panel_order={"C": 2, "D": 1})
    assert lines(ranking) == [
        ("A", 1, (), "score"),
        ("B", 2, (), "criterion:inovasi"),
        ("E", 3, (), "criterion:dampak"),
        ("D", 4, (), "panel"),
        ("C", 5, (), "panel"),
    ]
    # without the panel's decision C and D stay tied at 4
    assert lines(rank(scores, tie_breakers))[3:] == [("C", 4, ("D",), "tie"), ("D", 4, ("C",), "tie")]
    # same panel numbers: still tied; an entry without a panel number comes after those with one
    assert lines(rank(scores, tie_breakers, panel_order={"C": 1, "D": 1}))[3:] == [
        ("C", 4, ("D",), "tie"),
        ("D", 4, ("C",), "tie"),
    ]
    assert lines(rank(scores, tie_breakers, panel_order={"C": 3}))[3:] == [
        ("C", 4, (), "panel"),
        ("D", 5, (), "panel"),
    ]


def test_rank_tie_breaker_edge_cases():
    # an entry without tie-break values (or with None) loses against one with values
    assert lines(rank({"A": 5, "B": 5}, {"B": [("inovasi", 1)]})) == [
        ("B", 1, (), "criterion:inovasi"),
        ("A", 2, (), "criterion:inovasi"),
    ]
    assert lines(rank({"A": 5, "B": 5}, {"A": [("inovasi", None)], "B": [("inovasi", 0)]}))[0][0] == "B"
    with pytest.raises(ValueError, match="different criteria"):
        rank({"A": 5, "B": 5}, {"A": [("inovasi", 1)], "B": [("dampak", 2)]})
    with pytest.raises(ValueError, match="finite"):
        rank({"A": float("nan")})
    assert rank({}) == []
    assert lines(rank({"A": None, 2: None, 1: None})) == [
        (1, None, (), "not_ranked"),
        (2, None, (), "not_ranked"),
        ("A", None, (), "not_ranked"),
    ]
    # three-way tie: everyone lists the two others
    assert [line.tied_with for line in rank({"x": 1, "y": 1, "z": 1})] == [("y", "z"), ("x", "z"), ("x", "y")]


# -- shortlist ------------------------------------------------------------------------------------

FACTS = {
    "e1": EntryFacts(group="kab", organisation="O1", organisation_kind="pemda"),
    "e2": EntryFacts(group="kab", organisation="O1", organisation_kind="pemda"),
    "e3": EntryFacts(group="kota", organisation="O2", organisation_kind="pemda"),
    "e4": EntryFacts(group="kab", organisation="O3", organisation_kind="bumd"),
    "e5": EntryFacts(group="kota", organisation="O4", organisation_kind="pemda"),
    "e6": EntryFacts(group="kota", organisation="O5", organisation_kind="bumd"),
    "e7": EntryFacts(group="kab", organisation="O6", organisation_kind="pemda"),
    "e8": EntryFacts(group="kab", organisation="O7", organisation_kind="pemda"),
}
# ranks: e1 1, e2 2, e3 3, e4 4, e5 4 (tied), e6 6, e7 7, e8 unranked
RANKING = rank({"e1": 95, "e2": 90, "e3": 88, "e4": 85, "e5": 85, "e6": 80, "e7": 60, "e8": None})
ALL_QUOTAS = dict(
    max_per_organisation=1, per_group={"kab": 2}, per_organisation_kind={"bumd": 1}, passing_score=70
)


def test_shortlist_checks_every_quota_in_order():
    result = shortlist(RANKING, FACTS, Quotas(top_n=4, **ALL_QUOTAS))
    # e1 in (kab 1, O1); e2 out: O1 already has one; e3 in; e4 in (kab 2, bumd 1); e5 in (4th);
    # e6 out: bumd kind full (checked before the overall quota); e7 below 70; e8 unranked
    assert result.selected == ("e1", "e3", "e4", "e5")
    assert result.reasons == {
        "e2": "organisation_limit",
        "e6": "organisation_kind_quota",
        "e7": "below_passing_score",
        "e8": "not_ranked",
    }
    assert result.tie_at_cutoff == ()


def test_shortlist_reports_a_tie_across_the_cutoff():
    result = shortlist(RANKING, FACTS, Quotas(top_n=3, **ALL_QUOTAS))
    # e1, e3, e4 in; e5 has rank 4 like e4 but the three places are taken
    assert result.selected == ("e1", "e3", "e4")
    assert result.reasons["e5"] == "overall_quota"
    assert result.tie_at_cutoff == ("e4", "e5")


def test_shortlist_group_quota_tie_only_with_an_entry_of_the_same_group():
    ranking = rank({"a": 90, "b": 80, "c": 80, "d": 80})
    facts = {"a": EntryFacts(group="kab"), "b": EntryFacts(group="kab"), "c": EntryFacts(group="kota")}
    # a in (kab full); b (rank 2, kab) out; c (rank 2, kota) in; d (no group) in
    result = shortlist(ranking, facts, Quotas(per_group={"kab": 1}))
    assert result.selected == ("a", "c", "d")
    assert result.reasons == {"b": "group_quota"}
    assert result.tie_at_cutoff == ()  # b would be out whatever the order between b, c and d
    # with two kab entries tied at the cut-off, the secretariat must choose
    facts["c"] = EntryFacts(group="kab")
    result = shortlist(rank({"b": 80, "c": 80, "d": 70}), facts, Quotas(per_group={"kab": 1}))
    assert result.selected == ("b", "d")
    assert result.tie_at_cutoff == ("b", "c")


def test_shortlist_kind_quota_tie_and_missing_facts():
    ranking = rank({"a": 80, "b": 80, "c": 10})
    facts = {"a": EntryFacts(organisation_kind="bumd"), "b": EntryFacts(organisation_kind="bumd")}
    result = shortlist(ranking, facts, Quotas(per_organisation_kind={"bumd": 1}))
    assert result.selected == ("a", "c")  # c has no facts: no limit applies
    assert result.reasons == {"b": "organisation_kind_quota"}
    assert result.tie_at_cutoff == ("a", "b")
    # no quotas at all: every ranked entry
    assert shortlist(ranking, {}, Quotas()).selected == ("a", "b", "c")
    assert shortlist([], {}, Quotas(top_n=3)) == shortlist([], {}, Quotas())
    assert shortlist(ranking, {}, Quotas(top_n=0)).reasons == {e: "overall_quota" for e in "abc"}


# -- agreement_report -----------------------------------------------------------------------------


def test_agreement_report_leniency_and_flagged_entries():
    reviews = [
        one("A", "E1", 80),  # others on E1: (70 + 75) / 2 = 72.5 -> +7.5
        one("B", "E1", 70),  # others: (80 + 75) / 2 = 77.5 -> -7.5
        one("C", "E1", 75),  # others: (80 + 70) / 2 = 75 -> 0
        one("A", "E2", 60),  # other: 58 -> +2
        one("B", "E2", 58),  # other: 60 -> -2
        one("C", "E3", 40),  # alone on E3: not compared
        one("D", "E4", 90),  # D never shares an entry
        one("B", "E4", 10, conflicted=True),  # a conflicted review is no comparison
    ]
    # spreads: E1 80 - 70 = 10, E2 60 - 58 = 2, E3 and E4 none
    scores = aggregate(reviews, ONE, StageOptions(spread_threshold=2))
    report = agreement_report(scores)
    assert report.flagged == ("E1", "E2")  # highest spread first
    a, b, c, d = (report.jurors[j] for j in "ABCD")
    # A: mean score (80 + 60) / 2 = 70, mean difference (7.5 + 2) / 2 = 4.75 < 5: typical
    assert (a.reviews, a.mean_score, a.mean_difference, a.label, a.compared) == (2, 70, 4.75, "typical", 2)
    # B: (70 + 58) / 2 = 64, (-7.5 - 2) / 2 = -4.75
    assert (b.reviews, b.mean_score, b.mean_difference, b.label, b.compared) == (2, 64, -4.75, "typical", 2)
    # C: (75 + 40) / 2 = 57.5, only E1 compared: 0
    assert (c.reviews, c.mean_score, c.mean_difference, c.label, c.compared) == (2, 57.5, 0, "typical", 1)
    assert (d.reviews, d.mean_score, d.mean_difference, d.label, d.compared) == (1, 90, 0, "typical", 0)
    assert list(report.jurors) == ["A", "B", "C", "D"]
    stricter = agreement_report(scores, leniency_threshold=4.75)
    assert stricter.jurors["A"].label == "lenient"  # 4.75 >= 4.75
    assert stricter.jurors["B"].label == "severe"  # -4.75 <= -4.75
    assert stricter.jurors["C"].label == "typical"


def test_agreement_report_empty():
    report = agreement_report({})
    assert (report.flagged, report.jurors) == ((), {})


# -- properties -----------------------------------------------------------------------------------

CRITERIA = [
    CriterionSpec("inovasi", 2, 1, 10),
    CriterionSpec("dampak", 1.5, 0, 100),
    CriterionSpec("dokumen", 0.5, 0, 1),
]
JURORS = [1, 2, 10, "a", "b", ("panel", 1)]
ENTRIES = [1, 2, 3, "x", "y", ("e", 1), ("e", 2)]

values_strategy = st.fixed_dictionaries(
    {},
    optional={
        "inovasi": st.integers(1, 10),
        "dampak": st.one_of(st.integers(0, 100), st.floats(0, 100)),
        "dokumen": st.sampled_from([0, 1]),
    },
)
complete_values = st.fixed_dictionaries(
    {"inovasi": st.integers(1, 10), "dampak": st.floats(0, 100), "dokumen": st.sampled_from([0, 1])}
)


@st.composite
def review_lists(draw, values=values_strategy):
    pairs = draw(st.sets(st.tuples(st.sampled_from(JURORS), st.sampled_from(ENTRIES)), max_size=30))
    reviews = []
    for juror, entry in sorted(pairs, key=sort_key):
        reviews.append(
            ReviewInput(
                juror,
                entry,
                draw(st.one_of(values, complete_values)),
                submitted=draw(st.integers(0, 3)) > 0,
                conflicted=draw(st.integers(0, 5)) == 0,
            )
        )
    return reviews


options_strategy = st.builds(
    StageOptions,
    aggregation=st.sampled_from(Aggregation.ALL),
    normalise=st.booleans(),
    min_reviews=st.integers(1, 3),
    trim_from=st.integers(3, 5),
    spread_threshold=st.sampled_from([5, 15, 30]),
    precision=st.integers(0, 3),
)


@settings(max_examples=60, deadline=None)
@given(review_lists(), options_strategy, st.randoms(use_true_random=False))
def test_order_of_reviews_never_changes_the_results(reviews, options, rnd):
    shuffled = list(reviews)
    rnd.shuffle(shuffled)
    first, second = aggregate(reviews, CRITERIA, options), aggregate(shuffled, CRITERIA, options)
    assert first == second
    assert list(first) == list(second)
    for entry in first:  # the same jurors in the same order everywhere
        assert list(first[entry].counted_scores) == list(second[entry].counted_scores)
    # and neither does the order of the scores given to rank (nor of the tie-breakers)
    scores = scores_of(first)
    tie_breakers = {e: list(r.criterion_means.items()) for e, r in first.items()}
    items = list(scores.items())
    rnd.shuffle(items)
    shuffled_breakers = dict(rnd.sample(list(tie_breakers.items()), len(tie_breakers)))
    assert rank(scores, tie_breakers, precision=options.precision) == rank(
        dict(items), shuffled_breakers, precision=options.precision
    )
    report = agreement_report(first)
    assert report == agreement_report(dict(rnd.sample(list(first.items()), len(first))))


@settings(max_examples=60, deadline=None)
@given(review_lists(), options_strategy, st.data())
def test_a_conflicted_review_never_counts(reviews, options, data):
    assume(reviews)
    flipped = data.draw(st.sets(st.integers(0, len(reviews) - 1), min_size=1))
    reviews = [
        ReviewInput(r.juror, r.entry, r.values, r.submitted, conflicted=True) if i in flipped else r
        for i, r in enumerate(reviews)
    ]
    any_values = st.dictionaries(st.sampled_from(["inovasi", "dampak", "dokumen"]), st.floats(-1e6, 1e6))
    changed = [
        ReviewInput(r.juror, r.entry, data.draw(any_values), data.draw(st.booleans()), conflicted=True)
        if r.conflicted
        else r
        for r in reviews
    ]
    before, after = aggregate(reviews, CRITERIA, options), aggregate(changed, CRITERIA, options)
    assert before == after
    assert rank(scores_of(before)) == rank(scores_of(after))


@st.composite
def one_criterion_stage(draw):
    """Integer scores on one 0-100 criterion, every entry reviewed by at least one juror."""
    jurors = list(range(draw(st.integers(1, 5))))
    entries = list(range(draw(st.integers(1, 8))))
    reviews = []
    for entry in entries:
        reviewers = draw(st.sets(st.sampled_from(jurors), min_size=1))
        reviews += [one(juror, entry, draw(st.integers(0, 100))) for juror in sorted(reviewers)]
    return reviews


@settings(max_examples=60, deadline=None)
@given(one_criterion_stage(), st.sampled_from(Aggregation.ALL), st.data())
def test_z_scores_ignore_a_uniformly_lenient_juror(reviews, aggregation, data):
    juror = data.draw(st.sampled_from(sorted({r.juror for r in reviews})))
    values = [r.values["nilai"] for r in reviews if r.juror == juror]
    shift = data.draw(st.integers(-min(values), 100 - max(values)))  # stays on the 0-100 scale
    lenient = [one(r.juror, r.entry, r.values["nilai"] + shift) if r.juror == juror else r for r in reviews]
    options = StageOptions(normalise=True, aggregation=aggregation)
    before, after = aggregate(reviews, ONE, options), aggregate(lenient, ONE, options)
    # the T-scores are computed exactly, so the scores are the same, not only the ranks
    assert scores_of(before) == scores_of(after)
    assert rank(scores_of(before)) == rank(scores_of(after))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda jurors: st.lists(
            st.lists(st.integers(0, 100), min_size=jurors, max_size=jurors), min_size=1, max_size=8
        )
    ),
    st.integers(0, 100),
)
def test_z_scores_ignore_a_juror_who_gives_everyone_the_same_score(table, constant):
    # every entry reviewed by the same jurors; the new juror's T-score is 50 everywhere, so each entry's
    # mean goes from m / n to (m * n + 50) / (n + 1): strictly increasing, the order is kept. At two decimals
    # the squeeze can move a near-tie across a rounding boundary (60.9974 and 60.9977 both show 61.00,
    # but (2x + 50) / 3 gives 56.6649 and 56.6651), so the ranks are compared at nine decimals.
    reviews = [one(juror, entry, value) for entry, row in enumerate(table) for juror, value in enumerate(row)]
    extra = reviews + [one("new", entry, constant) for entry in range(len(table))]
    options = StageOptions(normalise=True, precision=9)
    before, after = aggregate(reviews, ONE, options), aggregate(extra, ONE, options)
    assert lines(rank(scores_of(before), precision=9)) == lines(rank(scores_of(after), precision=9))


@st.composite
def shortlist_cases(draw):
    entries = list(range(draw(st.integers(0, 15))))
    scores = {e: draw(st.one_of(st.none(), st.integers(50, 60))) for e in entries}  # many ties
    facts = {
        e: EntryFacts(
            group=draw(st.sampled_from([None, "kab", "kota", "prov"])),
            organisation=draw(st.sampled_from([None, "O1", "O2", "O3", "O4"])),
            organisation_kind=draw(st.sampled_from([None, "pemda", "bumd"])),
        )
        for e in entries
        if draw(st.integers(0, 9))  # a few entries without facts
    }
    limit = st.one_of(st.none(), st.integers(0, 4))
    quotas = Quotas(
        top_n=draw(limit),
        per_group=draw(
            st.one_of(st.none(), st.dictionaries(st.sampled_from(["kab", "kota"]), st.integers(0, 3)))
        ),
        per_organisation_kind=draw(st.one_of(st.none(), st.dictionaries(st.just("bumd"), st.integers(0, 2)))),
        max_per_organisation=draw(limit),
        passing_score=draw(st.one_of(st.none(), st.integers(50, 60))),
    )
    return rank(scores), facts, quotas


@settings(max_examples=60, deadline=None)
@given(shortlist_cases())
def test_shortlist_never_exceeds_a_quota_and_keeps_rank_order(case):
    ranking, facts, quotas = case
    result = shortlist(ranking, facts, quotas)
    by_entry = {line.entry: line for line in ranking}
    chosen = [by_entry[e] for e in result.selected]
    chosen_facts = [facts.get(e, EntryFacts()) for e in result.selected]
    if quotas.top_n is not None:
        assert len(chosen) <= quotas.top_n
    for group, limit in (quotas.per_group or {}).items():
        assert sum(f.group == group for f in chosen_facts) <= limit
    for kind, limit in (quotas.per_organisation_kind or {}).items():
        assert sum(f.organisation_kind == kind for f in chosen_facts) <= limit
    if quotas.max_per_organisation is not None:
        organisations = [f.organisation for f in chosen_facts if f.organisation is not None]
        assert all(organisations.count(o) <= quotas.max_per_organisation for o in organisations)
    if quotas.passing_score is not None:
        assert all(line.score >= quotas.passing_score for line in chosen)
    assert all(line.rank is not None for line in chosen)
    # rank order: the selected entries appear in the ranking in the same order
    positions = [ranking.index(line) for line in chosen]
    assert positions == sorted(positions)
    # every entry is either selected or has a reason
    assert set(result.selected).isdisjoint(result.reasons)
    assert set(result.selected) | set(result.reasons) == set(by_entry)
    assert set(result.tie_at_cutoff) <= set(by_entry)


def test_large_random_stage_is_consistent():
    # a seeded smoke test on a bigger stage: every ranked entry has a score and ranks are 1..n with gaps
    rnd = random.Random(7)
    reviews = [
        ReviewInput(
            juror, entry, {"inovasi": rnd.randint(1, 10), "dampak": rnd.uniform(0, 100), "dokumen": 1}
        )
        for entry in range(200)
        for juror in rnd.sample(range(12), 5)
    ]
    for options in (StageOptions(), StageOptions(normalise=True, aggregation="trimmed_mean")):
        ranking = rank(scores_of(aggregate(reviews, CRITERIA, options)))
        assert [line.rank for line in ranking][0] == 1
        assert all(isinstance(line, RankedEntry) and line.rank <= i + 1 for i, line in enumerate(ranking))
        assert all(0 <= line.score <= 100 and not math.isnan(line.score) for line in ranking)
