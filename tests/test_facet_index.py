"""The facet index's bitmaps: positions in, the same positions out, and pages read in any order."""

from hypothesis import given
from hypothesis import strategies as st

from wagtail_kipp.catalogue.facet_index import bitmap, positions_of

positions = st.sets(st.integers(min_value=0, max_value=5000), max_size=300)


@given(positions)
def test_bitmap_round_trips_positions(chosen):
    assert positions_of(bitmap(chosen)) == sorted(chosen)
    assert bitmap(chosen).bit_count() == len(chosen)


@given(positions, positions)
def test_and_of_bitmaps_is_the_intersection(first, second):
    assert positions_of(bitmap(first) & bitmap(second)) == sorted(first & second)


@given(st.data())
def test_a_page_of_keys_is_the_slice_of_the_matches_in_order(data):
    """Rare and common matches, stored and ad hoc orders: the page is always the brute-force slice."""
    import random

    from wagtail_kipp.catalogue.facet_index import FacetIndex

    size = data.draw(st.integers(min_value=1, max_value=3000))
    index = FacetIndex.__new__(FacetIndex)
    index.keys = [1000 + number * 3 for number in range(size)]
    index.position = {key: place for place, key in enumerate(index.keys)}
    index.all = (1 << size) - 1
    order = list(range(size))
    random.Random(data.draw(st.integers())).shuffle(order)
    index._orders, index._ranks = {}, {}
    if data.draw(st.booleans()):
        index._orders[("-started_on",)] = order  # a stored sort order (its ranks are kept)
    else:
        order = order[: data.draw(st.integers(min_value=0, max_value=size))]  # search matches only
    chosen = data.draw(st.sets(st.integers(min_value=0, max_value=size - 1), max_size=size))
    mask = bitmap(chosen)
    start = data.draw(st.integers(min_value=0, max_value=size))
    stop = start + data.draw(st.integers(min_value=1, max_value=50))
    expected = [index.keys[position] for position in order if position in chosen][start:stop]
    assert index.page_keys(mask, order, start, stop) == expected
    assert index.page_keys(mask, order, start, stop) == expected  # the kept ranks give the same


@given(st.data())
def test_counts_of_a_large_facet_are_the_same_from_values_and_from_bitmaps(data):
    """Many organisations, one per innovation: counted either way, the counts (and their order) agree."""
    from wagtail_kipp.catalogue.facet_index import FacetIndex

    size = data.draw(st.integers(min_value=1, max_value=2000))
    organisations = data.draw(st.integers(min_value=1, max_value=300))
    owner = [data.draw(st.integers(min_value=0, max_value=organisations - 1)) for _ in range(min(size, 50))]
    owner += [number % organisations for number in range(len(owner), size)]
    index = FacetIndex.__new__(FacetIndex)
    found: dict[str, list[int]] = {}
    for position, number in enumerate(owner):
        found.setdefault(f"org-{number}", []).append(position)
    index.values = {"organisation": {value: bitmap(positions) for value, positions in found.items()}}
    index.value_at = {"organisation": [f"org-{number}" for number in owner]}
    chosen = data.draw(st.sets(st.integers(min_value=0, max_value=size - 1), max_size=size))
    within = bitmap(chosen)
    expected = [
        (value, count) for value, positions in found.items() if (count := len(set(positions) & chosen))
    ]
    assert list(index._counts("organisation", within)) == expected
    index.value_at = {}  # the bitmaps alone
    assert list(index._counts("organisation", within)) == expected
