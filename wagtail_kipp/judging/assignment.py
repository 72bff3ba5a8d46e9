"""Balanced jury assignment as a pure function: which jurors to add so every entry has k of them.

The plan is greedy and explainable: the most constrained entries (fewest eligible jurors) are served
first, and each takes the eligible jurors with the lowest load, where sharing a theme with the entry counts
as one assignment less. Existing assignments are never touched, so running the plan again after applying
it adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["AssignmentPlan", "EntryNeeds", "JurorFacts", "plan_assignments"]


@dataclass(frozen=True)
class JurorFacts:
    """A juror's themes and capacity (total assignments, existing included; ``None`` = unlimited)."""

    juror: Hashable
    themes: frozenset = frozenset()
    capacity: int | None = None


@dataclass(frozen=True)
class EntryNeeds:
    """An entry to be reviewed and its themes."""

    entry: Hashable
    themes: frozenset = frozenset()


@dataclass(frozen=True)
class AssignmentPlan:
    """The (juror, entry) pairs to add, the entries still short of jurors, and every juror's final load."""

    add: tuple
    shortfall: Mapping[Hashable, int]
    loads: Mapping[Hashable, int]


def _unique(ids: Sequence[Hashable], what: str) -> dict[Hashable, int]:
    positions: dict[Hashable, int] = {}
    for position, value in enumerate(ids):
        if value in positions:
            raise ValueError(f"{what} {value!r} is listed twice")
        positions[value] = position
    return positions


def plan_assignments(
    entries: Sequence[EntryNeeds],
    jurors: Sequence[JurorFacts],
    k: int,
    conflicts: Collection[tuple],
    existing: Collection[tuple] = (),
) -> AssignmentPlan:
    """Plan the assignments that give every entry ``k`` jurors.

    ``conflicts`` and ``existing`` are (juror, entry) pairs. An existing assignment counts towards the
    entry's ``k`` unless the pair is conflicted (that review would never count, so a replacement is
    planned); every existing pair counts towards its juror's load and capacity. A conflicted pair is never
    added, nor a juror twice to one entry, nor beyond a juror's capacity.

    Order: entries with the fewest eligible jurors at the start first, then in the order given; for each,
    jurors by load minus one for a shared theme, then in the order given. The result does not depend on
    the order of ``conflicts`` or ``existing``.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    entry_position = _unique([needs.entry for needs in entries], "entry")
    juror_position = _unique([facts.juror for facts in jurors], "juror")
    conflicts = set(conflicts)
    existing = set(existing)

    loads = Counter(juror for juror, _entry in existing)
    on_entry: dict[Hashable, set[Hashable]] = {needs.entry: set() for needs in entries}
    counted = Counter()
    for juror, entry in existing:
        if entry in on_entry:
            on_entry[entry].add(juror)
            if (juror, entry) not in conflicts:
                counted[entry] += 1

    def has_room(facts: JurorFacts) -> bool:
        return facts.capacity is None or loads[facts.juror] < facts.capacity

    def eligible(needs: EntryNeeds) -> list[JurorFacts]:
        taken = on_entry[needs.entry]
        return [
            facts
            for facts in jurors
            if facts.juror not in taken and (facts.juror, needs.entry) not in conflicts and has_room(facts)
        ]

    order = sorted(entries, key=lambda needs: (len(eligible(needs)), entry_position[needs.entry]))
    added: list[tuple[Hashable, Hashable]] = []
    shortfall: dict[Hashable, int] = {}
    for needs in order:
        need = k - counted[needs.entry]
        if need <= 0:
            continue
        candidates = sorted(
            eligible(needs),
            key=lambda facts: (
                loads[facts.juror] - (1 if facts.themes & needs.themes else 0),
                juror_position[facts.juror],
            ),
        )
        for facts in candidates[:need]:
            added.append((facts.juror, needs.entry))
            on_entry[needs.entry].add(facts.juror)
            loads[facts.juror] += 1
        if len(candidates) < need:
            shortfall[needs.entry] = need - len(candidates)

    added.sort(key=lambda pair: (entry_position[pair[1]], juror_position[pair[0]]))
    return AssignmentPlan(
        add=tuple(added),
        shortfall={needs.entry: shortfall[needs.entry] for needs in entries if needs.entry in shortfall},
        loads={facts.juror: loads[facts.juror] for facts in jurors},
    )
