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
