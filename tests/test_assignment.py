"""Balanced jury assignment as a pure function: known answers traced by hand, and properties. No database."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wagtail_kipp.judging.assignment import AssignmentPlan, EntryNeeds, JurorFacts, plan_assignments


def entries(*ids, themes=frozenset()):
    return [EntryNeeds(entry, themes) for entry in ids]


def jurors(*ids):
    return [JurorFacts(juror) for juror in ids]


def test_balanced_plan_traced_by_hand():
    plan = plan_assignments(entries(1, 2, 3, 4), jurors("a", "b", "c"), k=2, conflicts=())
    # every entry has 3 eligible jurors: order 1, 2, 3, 4. Loads (a, b, c):
    # 1: 0 0 0 -> a, b;  2: 1 1 0 -> c, then a (ties by juror order);  3: 2 1 1 -> b, c;  4: 2 2 2 -> a, b
    assert plan.add == (("a", 1), ("b", 1), ("a", 2), ("c", 2), ("b", 3), ("c", 3), ("a", 4), ("b", 4))
    assert plan.loads == {"a": 3, "b": 3, "c": 2}
    assert plan.shortfall == {}


def test_the_most_constrained_entry_goes_first():
    # a and b can take one entry each; b has a conflict with entry 2, so only a can review it.
    people = [JurorFacts("a", capacity=1), JurorFacts("b", capacity=1)]
    plan = plan_assignments(entries(1, 2), people, k=1, conflicts=[("b", 2)])
    # entry 2 has 1 eligible juror, entry 1 has 2: entry 2 first takes a, then entry 1 takes b.
    # (In the order given, entry 1 would take a and leave entry 2 without a juror.)
    assert plan.add == (("b", 1), ("a", 2))
    assert plan.shortfall == {}
    assert plan.loads == {"a": 1, "b": 1}


def test_a_shared_theme_counts_as_one_assignment_less():
    people = [JurorFacts("a", frozenset({"kesehatan"})), JurorFacts("b", frozenset({"pendidikan"}))]
    needs = entries(1, themes=frozenset({"pendidikan", "digital"}))
    # both loads 0; b shares a theme: 0 - 1 < 0 -> b
    assert plan_assignments(needs, people, k=1, conflicts=()).add == (("b", 1),)
    # b already has one assignment elsewhere: 1 - 1 = 0 ties with a's 0 -> a (juror order)
    assert plan_assignments(needs, people, k=1, conflicts=(), existing=[("b", 99)]).add == (("a", 1),)
    # b has two: 2 - 1 = 1 > 0 -> a
    assert plan_assignments(needs, people, k=1, conflicts=(), existing=[("b", 98), ("b", 99)]).add == (
        ("a", 1),
    )


def test_existing_assignments_count_and_are_kept():
    existing = [("a", 1), ("c", 2)]
    plan = plan_assignments(entries(1, 2), jurors("a", "b", "c"), k=2, conflicts=(), existing=existing)
    # loads a 1, b 0, c 1. 1 has a: needs 1 -> b (load 0). 2 has c: needs 1 -> loads a 1, b 1 -> a.
    assert plan.add == (("b", 1), ("a", 2))
    assert plan.loads == {"a": 2, "b": 1, "c": 1}
    # re-running after applying the plan adds nothing
    again = plan_assignments(entries(1, 2), jurors("a", "b", "c"), 2, (), existing + list(plan.add))
    assert again == AssignmentPlan(add=(), shortfall={}, loads=plan.loads)
    # more existing assignments than k: nothing added, nothing removed
    assert plan_assignments(entries(1), jurors("a", "b"), 1, (), [("a", 1), ("b", 1)]).add == ()


def test_a_conflicted_existing_assignment_does_not_count_towards_k():
    # a was assigned to 1, then declared a conflict: a replacement is planned, a's assignment stays
    plan = plan_assignments(entries(1), jurors("a", "b"), k=1, conflicts=[("a", 1)], existing=[("a", 1)])
    assert plan.add == (("b", 1),)
    assert plan.loads == {"a": 1, "b": 1}


def test_capacity_includes_existing_assignments_elsewhere():
    people = [JurorFacts("a", capacity=2), JurorFacts("b", capacity=1)]
    plan = plan_assignments(entries(1, 2, 3), people, k=1, conflicts=(), existing=[("a", 99)])
    # a has 1 of 2, b 0 of 1. 1: loads a 1, b 0 -> b (now full). 2: a (now full). 3: nobody left.
    assert plan.add == (("b", 1), ("a", 2))
    assert plan.shortfall == {3: 1}
    assert plan.loads == {"a": 2, "b": 1}


def test_shortfall_when_not_enough_conflict_free_jurors():
    plan = plan_assignments(entries("x", "y"), jurors("a", "b"), k=3, conflicts=[("a", "y")])
    assert plan.add == (("a", "x"), ("b", "x"), ("b", "y"))
    assert plan.shortfall == {"x": 1, "y": 2}  # 3 - 2, 3 - 1


def test_edge_cases():
    assert plan_assignments([], jurors("a"), 2, ()) == AssignmentPlan((), {}, {"a": 0})
    assert plan_assignments(entries(1), [], 2, ()) == AssignmentPlan((), {1: 2}, {})
    assert plan_assignments(entries(1), jurors("a"), 0, ()) == AssignmentPlan((), {}, {"a": 0})
    # every juror conflicted
    assert plan_assignments(entries(1), jurors("a", "b"), 1, [("a", 1), ("b", 1)]).shortfall == {1: 1}
    with pytest.raises(ValueError, match="k must be"):
        plan_assignments(entries(1), jurors("a"), -1, ())
    with pytest.raises(ValueError, match="listed twice"):
        plan_assignments(entries(1), jurors("a", "a"), 1, ())
    with pytest.raises(ValueError, match="listed twice"):
        plan_assignments(entries(1, 1), jurors("a"), 1, ())


# -- properties -----------------------------------------------------------------------------------


@st.composite
def assignment_cases(draw, capacities=True):
    """Entries, jurors, k, conflicts and existing pairs where each entry keeps >= k conflict-free jurors."""
    juror_ids = list(range(draw(st.integers(1, 8))))
    entry_ids = [f"E{n}" for n in range(draw(st.integers(0, 10)))]
    k = draw(st.integers(0, len(juror_ids)))
    themes = st.frozensets(st.sampled_from(["kesehatan", "pendidikan", "digital"]), max_size=2)
    conflicts, existing = [], []
    for entry in entry_ids:
        free = len(juror_ids) - k  # at most this many conflicts leave k conflict-free jurors
        conflicted = draw(st.sets(st.sampled_from(juror_ids), max_size=free)) if free else set()
        conflicts += [(juror, entry) for juror in conflicted]
        existing += [
            (juror, entry)
            for juror in draw(st.sets(st.sampled_from(juror_ids), max_size=2))
            if juror not in conflicted
        ]
    people = [
        JurorFacts(juror, draw(themes), draw(st.one_of(st.none(), st.integers(0, 6))) if capacities else None)
        for juror in juror_ids
    ]
    needs = [EntryNeeds(entry, draw(themes)) for entry in entry_ids]
    return needs, people, k, conflicts, existing


def check_plan(plan, needs, people, k, conflicts, existing):
    conflicts, existing = set(conflicts), set(existing)
    added = set(plan.add)
    assert len(added) == len(plan.add)  # no pair twice
    assert not added & conflicts  # never a conflicted pair
    assert not added & existing  # never a juror twice on an entry
    capacity = {p.juror: p.capacity for p in people}
    for juror, load in plan.loads.items():
        before = sum(1 for j, _e in existing if j == juror)
        assert load == before + sum(1 for j, _e in added if j == juror)
        if capacity[juror] is not None and load > before:
            assert load <= capacity[juror]  # additions never go beyond capacity


@settings(max_examples=60, deadline=None)
@given(assignment_cases(capacities=False), st.randoms(use_true_random=False))
def test_every_entry_gets_k_conflict_free_jurors(case, rnd):
    needs, people, k, conflicts, existing = case
    plan = plan_assignments(needs, people, k, conflicts, existing)
    check_plan(plan, needs, people, k, conflicts, existing)
    assert plan.shortfall == {}
    for entry in (n.entry for n in needs):
        counted = {j for j, e in set(existing) | set(plan.add) if e == entry and (j, e) not in set(conflicts)}
        assert len(counted) >= k
        if any(e == entry for _j, e in plan.add):
            assert len(counted) == k  # nobody is added beyond k
    # re-running with the plan applied adds nothing
    again = plan_assignments(needs, people, k, conflicts, list(existing) + list(plan.add))
    assert again.add == () and again.loads == plan.loads
    # the order of conflicts and existing pairs does not matter
    shuffled_conflicts, shuffled_existing = list(conflicts), list(existing)
    rnd.shuffle(shuffled_conflicts)
    rnd.shuffle(shuffled_existing)
    assert plan_assignments(needs, people, k, shuffled_conflicts, shuffled_existing) == plan


@settings(max_examples=60, deadline=None)
@given(assignment_cases(capacities=True))
def test_capacities_are_respected_and_rerunning_adds_nothing(case):
    needs, people, k, conflicts, existing = case
    plan = plan_assignments(needs, people, k, conflicts, existing)
    check_plan(plan, needs, people, k, conflicts, existing)
    conflicts = set(conflicts)
    for entry, missing in plan.shortfall.items():
        counted = {j for j, e in set(existing) | set(plan.add) if e == entry and (j, e) not in conflicts}
        assert 0 < missing == k - len(counted)
    assert plan_assignments(needs, people, k, conflicts, list(existing) + list(plan.add)).add == ()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(1, 10), st.data())
def test_loads_are_balanced_within_one_without_constraints(n_entries, n_jurors, data):
    k = data.draw(st.integers(0, n_jurors))
    plan = plan_assignments(entries(*range(n_entries)), jurors(*range(n_jurors)), k, conflicts=())
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
    assert sum(plan.loads.values()) == n_entries * k
    assert plan.shortfall == {}
