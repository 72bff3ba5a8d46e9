"""
An in-memory index of one catalogue's facets: for each facet value, a bitmap of the innovations that have it.

Counting a facet option under any filters is then an AND of bitmaps and a bit count, microseconds instead of
a GROUP BY over every innovation, and a page of results in a sort order is read from a stored permutation. The
index is built in a few queries and kept per process for the current catalogue version (``catalogue.cache``),
so any publish, unpublish or edit makes every process build a new one on its next request.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.db.models import Count, QuerySet

from .facets import Facet, FacetSpec, _as_value, build_facet, make_option

#: Indexes kept per process (catalogues x locales x recent versions).
MAX_INDEXES = 8
#: Up to this many matches, a page of results is found by sorting the matches rather than walking the order.
SPARSE_MATCHES = 5000
#: Facets with more values than this, one per innovation, keep each innovation's value (see ``_counts``).
LARGE_FACET = 64
_indexes: OrderedDict[tuple, FacetIndex] = OrderedDict()
_lock = threading.Lock()


def bitmap(positions: Iterable[int]) -> int:
    """A bitmap (a Python int) with the bits at ``positions`` set, built in linear time."""
    positions = list(positions)
    if not positions:
        return 0
    data = bytearray(max(positions) // 8 + 1)
    for position in positions:
        data[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


def positions_of(mask: int) -> list[int]:
    """The positions of the set bits of ``mask``, in increasing order."""
    return set_positions(bin(mask)[:1:-1])


def set_positions(bits: str) -> list[int]:
    """The positions of the ``"1"`` characters of ``bits`` (a mask's bits, lowest first), by ``str.find``."""
    positions = []
    position = bits.find("1")
    while position != -1:
        positions.append(position)
        position = bits.find("1", position + 1)
    return positions


class FacetIndex:
    """Bitmaps of one set of innovations (a catalogue's base queryset) by facet value."""

    def __init__(self, queryset: QuerySet, specs: Mapping[str, FacetSpec]):
        self.queryset = queryset.order_by()
        self.specs = specs
        self.keys: list[int] = list(self.queryset.values_list("pk", flat=True))
        self.position = {pk: index for index, pk in enumerate(self.keys)}
        self.all = (1 << len(self.keys)) - 1
        self.values: dict[str, dict[str, int]] = {}
        self.rows: dict[str, dict[str, dict[str, Any]]] = {}
        #: The value of each innovation, by position, for facets with many values and one per innovation.
        self.value_at: dict[str, list[str | None]] = {}
        for name, spec in specs.items():
            self._index_facet(name, spec)
        self._orders: dict[tuple, list[int]] = {}
        self._ranks: dict[tuple, dict[int, int]] = {}

    def _index_facet(self, name: str, spec: FacetSpec) -> None:
        fields = ("pk", spec.value_field, *spec.label_fields)
        positions: dict[str, list[int]] = {}
        rows: dict[str, dict[str, Any]] = {}
        queryset = self.queryset.filter(**{f"{spec.value_field}__isnull": False}).values_list(*fields)
        for record in queryset.iterator(chunk_size=5000):
            value = _as_value(record[1])
            positions.setdefault(value, []).append(self.position[record[0]])
            if value not in rows:
                rows[value] = dict(zip(fields[1:], record[1:], strict=True))
        self.values[name] = {value: bitmap(found) for value, found in positions.items()}
        self.rows[name] = rows
        if len(positions) > LARGE_FACET and sum(map(len, positions.values())) == len(
            set().union(*positions.values())
        ):
            # Many values, one per innovation (the organisations): counted from the matches' values when
            # there are few matches, rather than by an AND with each value's bitmap.
            value_at: list[str | None] = [None] * len(self.keys)
            for value, found in positions.items():
                for position in found:
                    value_at[position] = value
            self.value_at[name] = value_at

    # -- masks --------------------------------------------------------------------------------------

    def mask_of_keys(self, keys: Iterable[int]) -> int:
        """The innovations among ``keys`` (keys outside the index are ignored)."""
        position = self.position
        return bitmap(position[pk] for pk in keys if pk in position)

    def filter_mask(self, name: str, values: list[str]) -> int:
        """Innovations having any of ``values`` for the facet ``name`` (values within a filter are ORed)."""
        mask = 0
        for value in values:
            mask |= self.values[name].get(value, 0)
        return mask

    # -- counts and pages ---------------------------------------------------------------------------

    def facets(
        self,
        selected: Mapping[str, list[str]],
        scope: int,
        labels: Mapping[str, str],
        fallback_label,
    ) -> list[Facet]:
        """
        Every facet counted under all selected filters but its own, within ``scope`` (disjunctive faceting),
        as ``facets.compute_facets`` counts them in the database.
        """
        masks = {name: self.filter_mask(name, values) for name, values in selected.items() if values}
        facets = []
        for name, spec in self.specs.items():
            within = scope
            for other, mask in masks.items():
                if other != name:
                    within &= mask
            chosen = set(selected.get(name, ()))
            counted = []
            if within:
                for value, count in self._counts(name, within):
                    counted.append(make_option(spec, value, self.rows[name][value], count, chosen))
            facets.append(build_facet(name, spec, counted, chosen, str(labels[name]), fallback_label))
        return facets

    def _counts(self, name: str, within: int) -> Iterator[tuple[str, int]]:
        """``(value, count)`` of the facet ``name`` among the innovations of ``within``, in index order."""
        values = self.values[name]
        value_at = self.value_at.get(name)
        if value_at is not None and within.bit_count() <= 4 * len(values):
            counts = Counter(value_at[position] for position in set_positions(bin(within)[:1:-1]))
            for value in values:
                count = counts.get(value)
                if count:
                    yield value, count
            return
        for value, bits in values.items():
            count = (within & bits).bit_count()
            if count:
                yield value, count

    def order(self, ordering: tuple[str, ...]) -> list[int]:
        """Positions of every innovation in ``ordering`` (kept once read)."""
        key = tuple(ordering)
        if key not in self._orders:
            queryset = self.queryset
            if any(field.lstrip("-") == "award_count" for field in ordering):
                queryset = queryset.annotate(award_count=Count("awards", distinct=True))
            position = self.position
            self._orders[key] = [
                position[pk]
                for pk in queryset.order_by(*ordering).values_list("pk", flat=True)
                if pk in position
            ]
        return self._orders[key]

    def page_keys(self, mask: int, order: list[int], start: int, stop: int) -> list[int]:
        """Keys of the innovations in ``mask`` at ``start:stop`` of ``order`` (a list of positions)."""
        if mask == self.all and len(order) == len(self.keys):
            return [self.keys[position] for position in order[start:stop]]
        bits = bin(mask)[:1:-1]  # bit i of the mask is character i: no big-int arithmetic per innovation
        count = bits.count("1")
        if count <= SPARSE_MATCHES and count * 8 < len(order):
            # Few matches among many innovations: sort the matches by their place in the order, instead of
            # walking the order until enough are found (most of it, for a rare combination of filters).
            rank = self._rank(order)
            matches = [position for position in set_positions(bits) if position in rank]
            matches.sort(key=rank.__getitem__)
            return [self.keys[position] for position in matches[start:stop]]
        found = []
        seen = 0
        for position in order:
            if position < len(bits) and bits[position] == "1":
                if seen >= start:
                    found.append(self.keys[position])
                    if len(found) >= stop - start:
                        break
                seen += 1
        return found

    def _rank(self, order: list[int]) -> dict[int, int]:
        """``{position: place in order}``, kept for the stored sort orders."""
        for key, stored in self._orders.items():
            if stored is order:
                rank = self._ranks.get(key)
                if rank is None:
                    rank = self._ranks[key] = {position: place for place, position in enumerate(order)}
                return rank
        return {position: place for place, position in enumerate(order)}


def get_index(
    queryset: QuerySet, specs: Mapping[str, FacetSpec], version: int, sql: str | None = None
) -> FacetIndex:
    """
    The facet index of ``queryset`` at catalogue ``version``, built on first use in this process.

    ``sql`` is the SQL of ``queryset.values("pk")`` when the caller has it already (it names the index).
    """
    key = (version, queryset.model._meta.label, sql or str(queryset.values("pk").query), tuple(specs))
    with _lock:
        index = _indexes.get(key)
        if index is not None:
            _indexes.move_to_end(key)
            return index
    index = FacetIndex(queryset, specs)
    with _lock:
        _indexes[key] = index
        while len(_indexes) > MAX_INDEXES:
            _indexes.popitem(last=False)
    return index


def clear() -> None:
    """Forget every index of this process (tests; after restoring a database)."""
    with _lock:
        _indexes.clear()
