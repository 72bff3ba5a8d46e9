"""Submission rules as pure functions: word counting and deadline arithmetic, with properties (hypothesis)."""

import datetime
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from wagtail_kipp.judging.rules import accepts_at, count_words, full_months_between, submission_cutoff

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
UTC = datetime.UTC

words = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12)
spaces = st.text(alphabet=" \t\n\r\u00a0\u3000", min_size=1, max_size=4)


def test_count_words_on_indonesian_text():
    assert count_words("") == 0
    assert count_words(None) == 0
    assert count_words("Layanan antar jemput dokumen kependudukan") == 5
    assert count_words("Biaya Rp 5.000.000 per tahun") == 5
    assert count_words("Sebelum – sesudah") == 2  # a lone dash is not a word
    assert count_words("  baris\n\nbaru\tdan  spasi  ") == 4
    assert count_words("e-KTP, KIA & IKD.") == 3


@given(st.lists(words, max_size=40), spaces)
def test_count_words_counts_the_words_joined_by_any_whitespace(tokens, separator):
    assert count_words(separator.join(tokens)) == len(tokens)


@given(st.text(max_size=200), st.text(max_size=200))
def test_word_counts_add_up_across_a_space(left, right):
    assert count_words(left + " " + right) == count_words(left) + count_words(right)


@given(st.text(max_size=300))
def test_word_count_ignores_how_words_are_spaced(text):
    assert count_words(text) == count_words(" ".join(text.split()))
    assert count_words(text) <= len(text.split())


def test_full_months_between():
    assert full_months_between(datetime.date(2025, 5, 2), datetime.date(2026, 5, 2)) == 12
    assert full_months_between(datetime.date(2025, 5, 3), datetime.date(2026, 5, 2)) == 11
    assert full_months_between(datetime.date(2026, 1, 31), datetime.date(2026, 2, 28)) == 0
    assert full_months_between(datetime.date(2026, 5, 2), datetime.date(2026, 5, 2)) == 0
    assert full_months_between(datetime.date(2026, 6, 1), datetime.date(2026, 5, 2)) == 0


@given(st.dates(), st.dates())
def test_full_months_is_antisymmetric_and_never_overcounts(start, end):
    months = full_months_between(start, end)
    assert months == -full_months_between(end, start) or start.day != end.day
    if months > 0:
        # Adding that many months to the start never passes the end.
        year, month = divmod(start.month - 1 + months, 12)
        assert (start.year + year, month + 1) <= (end.year, end.month)


def test_a_submission_one_second_after_a_wib_deadline_is_refused_on_a_utc_clock():
    deadline = datetime.datetime(2026, 5, 2, 23, 59, 59, tzinfo=WIB)
    opens = datetime.datetime(2026, 3, 14, 8, 0, tzinfo=WIB)
    cutoff = submission_cutoff(deadline, grace_minutes=0)
    on_time = datetime.datetime(2026, 5, 2, 16, 59, 59, tzinfo=UTC)  # 23:59:59 WIB
    late = on_time + datetime.timedelta(seconds=1)
    assert accepts_at(opens, cutoff, on_time)
    assert not accepts_at(opens, cutoff, late)
    assert accepts_at(opens, submission_cutoff(deadline, grace_minutes=15), late)


@given(
    st.datetimes(
        min_value=datetime.datetime(2020, 1, 1),
        max_value=datetime.datetime(2030, 1, 1),
        timezones=st.just(WIB),
    ),
    st.integers(min_value=0, max_value=7 * 24 * 60),
    st.integers(min_value=-(10**6), max_value=10**6),
)
def test_the_cutoff_is_the_deadline_plus_grace_in_any_timezone(deadline, grace, offset_seconds):
    opens = deadline - datetime.timedelta(days=30)
    cutoff = submission_cutoff(deadline, grace)
    moment = (deadline + datetime.timedelta(seconds=offset_seconds)).astimezone(UTC)
    expected = opens <= moment <= deadline + datetime.timedelta(minutes=grace)
    assert accepts_at(opens, cutoff, moment) == expected
    # The same moment expressed in WITA or WIT gives the same answer.
    for zone in ("Asia/Makassar", "Asia/Jayapura"):
        assert accepts_at(opens, cutoff, moment.astimezone(zoneinfo.ZoneInfo(zone))) == expected


@given(st.integers(min_value=0, max_value=10**4))
def test_a_late_exception_only_ever_extends_the_cutoff(minutes):
    deadline = datetime.datetime(2026, 5, 2, 23, 59, tzinfo=WIB)
    late_until = deadline + datetime.timedelta(minutes=minutes - 5000)
    assert submission_cutoff(deadline, 0, late_until) >= submission_cutoff(deadline, 0)
