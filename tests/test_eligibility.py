"""Eligibility flags of the administrative check: each flag on hand-made cases, and bulk queries."""

import datetime
import zoneinfo
from types import SimpleNamespace

import pytest

from wagtail_kipp.judging import eligibility
from wagtail_kipp.judging.eligibility import FlagCode, normalise_title, titles_match
from wagtail_kipp.models import EntryAttachment, EntryStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
WIT = zoneinfo.ZoneInfo("Asia/Jayapura")


def codes(entry):
    return [flag.code for flag in eligibility.flags_for_entry(entry)]


def attach(entry, slot="sk_inovator"):
    return EntryAttachment.objects.create(
        entry=entry,
        slot=slot,
        file="kipp/entries/test.pdf",
        original_name="sk.pdf",
        file_type="pdf",
        size=100,
        sha256="0" * 64,
    )


# Titles ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "normalised"),
    [
        ("Si-PANDU: Layanan Antar Dokumen", "si pandu layanan antar dokumen"),
        ("  Pelayanan  ÉFEKTIF!! ", "pelayanan efektif"),
        ("e_KTP (Kota)", "e ktp kota"),
        ("", ""),
    ],
)
def test_titles_are_normalised(title, normalised):
    assert normalise_title(title) == normalised


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("SIPANDU Layanan Antar Dokumen", "Si-Pandu: layanan antar dokumen", True),
        ("Layanan Antar Dokumen Sipandu", "Sipandu Layanan Antar Dokumen", True),  # same words
        ("Pelayanan Éfektif Terpadu", "Pelayanan Efektif Terpadu", True),  # accents
        ("Bank Sampah Digital Kelurahan", "Bank Sampah Digital Kelurahn", True),  # a typo
        ("Bank Sampah Digital", "Posyandu Keliling", False),
        ("Layanan Kesehatan Keliling", "Layanan Kependudukan Online", False),
        ("", "", False),
    ],
)
def test_near_duplicate_titles(first, second, expected):
    assert titles_match(normalise_title(first), normalise_title(second)) is expected


def test_the_title_index_finds_the_same_as_pairwise_matching():
    titles = [
        "Sipandu Layanan Antar Dokumen",
        "Bank Sampah Digital",
        "SI PANDU layanan antar dokumen",
        "Kios",
    ]
    index = eligibility.TitleIndex(
        [
            eligibility.TitleCandidate(kind="entry", pk=i, title=t, normalised=normalise_title(t), label=t)
            for i, t in enumerate(titles)
        ]
    )
    found = {c.pk for c in index.similar("Sipandu: Layanan Antar-Dokumen")}
    assert found == {0, 2}


# Awards (pure) -----------------------------------------------------------------------------------


def award(year, level, tier):
    return SimpleNamespace(year=year, level=level, tier=tier)


def test_a_national_winner_is_flagged_but_not_a_provincial_one():
    assert [f.code for f in eligibility.award_flags([award(2022, "nasional", "juara_1")])] == [
        FlagCode.TOP_WINNER
    ]
    assert [f.code for f in eligibility.award_flags([award(2022, "nasional", "top_45")])] == [
        FlagCode.TOP_WINNER
    ]
    assert eligibility.award_flags([award(2022, "provinsi", "juara_1")]) == []
    assert eligibility.award_flags([award(2022, "nasional", "favorit")]) == []


def test_twice_a_national_top_99_is_flagged_once_is_not():
    once = [award(2021, "nasional", "top_99"), award(2022, "provinsi", "top_99")]
    assert eligibility.award_flags(once) == []
    twice = [award(2021, "nasional", "top_99"), award(2022, "nasional", "top_99")]
    flags = eligibility.award_flags(twice)
    assert [f.code for f in flags] == [FlagCode.TWICE_FINALIST]
    assert "2021, 2022" in flags[0].message
    # The same year recorded twice is still one year.
    assert (
        eligibility.award_flags([award(2021, "nasional", "top_99"), award(2021, "nasional", "finalis")]) == []
    )


# Innovation age ----------------------------------------------------------------------------------


def test_age_at_the_deadline_in_the_rounds_zone():
    # 00:30 WIT on 2 May is still 1 May in UTC: counted in WIT, the innovation has its full 12 months.
    deadline = datetime.datetime(2030, 5, 2, 0, 30, tzinfo=WIT)
    assert eligibility.age_flag(datetime.date(2029, 5, 2), deadline, 12, WIT) is None
    assert (
        eligibility.age_flag(datetime.date(2029, 5, 2), deadline, 12, datetime.UTC).code == FlagCode.TOO_YOUNG
    )
    assert eligibility.age_flag(datetime.date(2029, 5, 3), deadline, 12, WIT).code == FlagCode.TOO_YOUNG
    assert eligibility.age_flag(None, deadline, 12, WIT) is None
    assert eligibility.age_flag(datetime.date(2030, 5, 1), deadline, 0, WIT) is None


def test_a_young_innovation_is_flagged_in_a_round(make_competition, make_entry):
    closes = datetime.datetime(2030, 5, 2, 23, 59, tzinfo=WIB)
    page = make_competition(closes=closes, minimum_age_months=24)
    young = make_entry(competition_page=page, started_on=datetime.date(2029, 1, 1))
    old = make_entry(competition_page=page, started_on=datetime.date(2028, 5, 2))
    assert FlagCode.TOO_YOUNG in codes(young)
    assert "24" in eligibility.flags_for_entry(young)[0].message
    assert FlagCode.TOO_YOUNG not in codes(old)


# Titles in rounds and the catalogue ----------------------------------------------------------------


def test_duplicate_titles_in_the_same_round(make_entry):
    first = make_entry(title="SIPANDU: Layanan Antar Dokumen")
    second = make_entry(title="Si Pandu Layanan Antar Dokumen")
    other = make_entry(title="Bank Sampah Digital")
    assert FlagCode.DUPLICATE_TITLE in codes(first)
    assert FlagCode.DUPLICATE_TITLE in codes(second)
    assert FlagCode.DUPLICATE_TITLE not in codes(other)
    message = next(
        f.message for f in eligibility.flags_for_entry(first) if f.code == FlagCode.DUPLICATE_TITLE
    )
    assert "Si Pandu Layanan Antar Dokumen" in message and second.organisation.name in message


def test_withdrawn_entries_do_not_count_as_duplicates(make_entry):
    entry = make_entry(title="Posyandu Keliling")
    make_entry(title="Posyandu Keliling", status=EntryStatus.WITHDRAWN)
    assert FlagCode.DUPLICATE_TITLE not in codes(entry)


def test_titles_of_earlier_rounds_count_but_not_their_drafts_or_later_rounds(make_competition, make_entry):
    current = make_competition(year=2026)
    entry = make_entry(competition_page=current, title="Klinik Sehat Keliling")
    earlier = make_competition(year=2025)
    make_entry(competition_page=earlier, title="Klinik Sehat Keliling!", status=EntryStatus.DRAFT)
    assert FlagCode.EARLIER_TITLE not in codes(entry)
    later = make_competition(year=2027)
    make_entry(
        competition_page=later, title="Klinik Sehat Keliling", status=EntryStatus.SUBMITTED, reference="L-1"
    )
    assert FlagCode.EARLIER_TITLE not in codes(entry)
    make_entry(
        competition_page=earlier, title="klinik sehat keliling", status=EntryStatus.ELIGIBLE, reference="E-1"
    )
    flags = eligibility.flags_for_entry(entry)
    assert [f.code for f in flags if f.code == FlagCode.EARLIER_TITLE] == [FlagCode.EARLIER_TITLE]
    assert "E-1" in next(f.message for f in flags if f.code == FlagCode.EARLIER_TITLE)
    assert FlagCode.DUPLICATE_TITLE not in codes(entry)


def test_titles_in_the_catalogue_count_unless_it_is_the_linked_innovation(make_entry, make_innovation):
    page = make_innovation(title="Mal Pelayanan Publik Terpadu")
    entry = make_entry(title="Mal Pelayanan Publik Terpadu")
    assert FlagCode.CATALOGUE_TITLE in codes(entry)
    entry.innovation = page
    entry.save()
    assert FlagCode.CATALOGUE_TITLE not in codes(entry)


# Award history of the linked innovation ----------------------------------------------------------


def test_the_linked_innovation_already_a_national_winner(make_entry, make_innovation):
    winner = make_innovation(
        title="Inovasi Juara",
        awards=[{"year": 2022, "competition": "KIPP Nasional", "level": "nasional", "tier": "juara_1"}],
    )
    entry = make_entry(title="Sesuatu yang lain sama sekali", innovation=winner)
    flags = eligibility.flags_for_entry(entry)
    assert FlagCode.TOP_WINNER in [f.code for f in flags]
    assert "KIPP Nasional 2022" in next(f.message for f in flags if f.code == FlagCode.TOP_WINNER)


def test_the_linked_innovation_twice_a_national_finalist(make_entry, make_innovation):
    finalist = make_innovation(
        title="Inovasi Finalis",
        awards=[
            {"year": 2021, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99"},
            {"year": 2023, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99"},
        ],
    )
    entry = make_entry(title="Judul baru yang berbeda", innovation=finalist)
    assert FlagCode.TWICE_FINALIST in codes(entry)
    assert FlagCode.TOP_WINNER not in codes(entry)


# Attachments -------------------------------------------------------------------------------------


def test_missing_required_attachments(make_entry):
    entry = make_entry(title="Layanan Tanpa Berkas")
    flags = eligibility.flags_for_entry(entry)
    assert FlagCode.MISSING_ATTACHMENT in [f.code for f in flags]
    assert "SK Inovator" in next(f.message for f in flags if f.code == FlagCode.MISSING_ATTACHMENT)
    attach(entry)
    assert codes(entry) == []


def test_a_submitted_entry_is_checked_against_its_snapshot(make_entry):
    entry = make_entry(title="Layanan Dengan Snapshot")
    attach(entry)
    entry.template_snapshot = {
        "sections": [],
        "attachment_slots": [
            {"key": "sk_inovator", "label": "SK Inovator", "required": True},
            {"key": "pernyataan", "label": "Surat Pernyataan", "required": True},
            {"key": "pendukung", "label": "Dokumen Pendukung", "required": False},
        ],
    }
    entry.save()
    flags = eligibility.flags_for_entry(entry)
    assert [f.code for f in flags] == [FlagCode.MISSING_ATTACHMENT]
    assert "Surat Pernyataan" in flags[0].message and "Dokumen Pendukung" not in flags[0].message


# Many entries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 25])
def test_flags_for_many_entries_take_a_constant_number_of_queries(
    count, make_entry, make_innovation, django_assert_max_num_queries
):
    winner = make_innovation(
        awards=[{"year": 2022, "competition": "KIPP Nasional", "level": "nasional", "tier": "juara_1"}]
    )
    entries = [make_entry(title=f"Inovasi Nomor {i} Pelayanan", innovation=winner) for i in range(count)]
    for entry in entries[::2]:
        attach(entry)
    with django_assert_max_num_queries(8):
        flags = eligibility.flags_for_entries(entries)
    assert len(flags) == count
    assert all(FlagCode.TOP_WINNER in [f.code for f in flags[e.pk]] for e in entries)
