"""Message catalogues: complete Indonesian, intact placeholders, compiled .mo files, pages in both languages.

Re-extract and compile the catalogues with ``scripts/messages.sh``.
"""

import datetime
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from wagtail_kipp.models import AwardLevel, AwardTier, OrganisationKind

REPO = Path(__file__).resolve().parent.parent
CATALOGUE_DIRS = [REPO / "wagtail_kipp" / "locale", REPO / "locale"]
PO_FILES = sorted(path for directory in CATALOGUE_DIRS for path in directory.glob("*/LC_MESSAGES/*.po"))
ID_PO_FILES = [path for path in PO_FILES if path.parts[-3] == "id"]

# %(name)s, %s, %d and %%; {{ x }} (template variables); {name} (str.format); HTML tags.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
TEMPLATE_VARIABLE = re.compile(r"\{\{\s*[^}]*?\s*\}\}")
FORMAT_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*\}(?!\})")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def relative(path: Path) -> str:
    return str(path.relative_to(REPO))


def placeholders(text: str) -> list[str]:
    """The placeholders and HTML tags of ``text``, sorted, with repeats (so a dropped duplicate counts)."""
    found = []
    for pattern in (PLACEHOLDER, TEMPLATE_VARIABLE, FORMAT_FIELD, HTML_TAG):
        found.extend(match.group(0) for match in pattern.finditer(text))
    return sorted(found)


def entry_key(entry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def entry_value(entry):
    if entry.msgid_plural:
        return tuple(sorted((int(index), text) for index, text in entry.msgstr_plural.items()))
    return entry.msgstr


def test_the_catalogues_are_where_django_looks():
    expected = {
        "wagtail_kipp/locale/id/LC_MESSAGES/django.po",
        "wagtail_kipp/locale/en/LC_MESSAGES/django.po",
        "locale/id/LC_MESSAGES/django.po",
        "locale/en/LC_MESSAGES/django.po",
    }
    assert expected <= {relative(path) for path in PO_FILES}


def test_placeholder_pattern_finds_every_kind():
    text = '%(count)s of %s, {{ year }} and {name} in <span class="x">a</span>, 100%%'
    assert placeholders(text) == sorted(
        ["%(count)s", "%s", "{{ year }}", "{name}", '<span class="x">', "</span>", "%%"]
    )


@pytest.mark.parametrize("po_path", ID_PO_FILES, ids=relative)
def test_indonesian_catalogue_is_complete(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{relative(po_path)}: untranslated messages: {untranslated}"
    assert not fuzzy, f"{relative(po_path)}: fuzzy messages: {fuzzy}"
    assert len(po.translated_entries()) > 0


@pytest.mark.parametrize("po_path", ID_PO_FILES, ids=relative)
def test_indonesian_catalogue_header(po_path):
    po = polib.pofile(str(po_path))
    assert not po.metadata_is_fuzzy, f"{relative(po_path)}: the header is marked fuzzy"
    assert po.metadata["Language"] == "id"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.metadata["Project-Id-Version"].startswith("wagtail-kipp")
    header = str(po).split("\n\n", 1)[0]
    for leftover in ("FULL NAME", "EMAIL@ADDRESS", "PACKAGE VERSION", "SOME DESCRIPTIVE TITLE", "YEAR-MO-DA"):
        assert leftover not in header, f"{relative(po_path)}: header still has the placeholder {leftover!r}"
    plural_entries = [entry for entry in po if entry.msgid_plural]
    wrong_forms = [entry.msgid for entry in plural_entries if sorted(entry.msgstr_plural) != [0]]
    assert not wrong_forms, f"{relative(po_path)}: Indonesian has one plural form (msgstr[0]): {wrong_forms}"


@pytest.mark.parametrize("lang_dir", CATALOGUE_DIRS, ids=relative)
def test_english_catalogue_exists_as_the_source_language(lang_dir):
    po_path = lang_dir / "en" / "LC_MESSAGES" / "django.po"
    assert po_path.exists(), f"missing {relative(po_path)}"
    po = polib.pofile(str(po_path))
    assert not po.metadata_is_fuzzy, f"{relative(po_path)}: the header is marked fuzzy"
    assert po.metadata["Language"] == "en"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert len(po) > 0
    # Same messages as the Indonesian catalogue beside it: both come from one extraction.
    indonesian = polib.pofile(str(lang_dir / "id" / "LC_MESSAGES" / "django.po"))
    assert {entry_key(entry) for entry in po} == {entry_key(entry) for entry in indonesian}


@pytest.mark.parametrize("po_path", PO_FILES, ids=relative)
def test_translations_keep_the_placeholders(po_path):
    po = polib.pofile(str(po_path))
    problems = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            # Every placeholder the singular and plural share must be in every plural form.
            singular, plural = placeholders(entry.msgid), placeholders(entry.msgid_plural)
            required = [item for item in plural if item in singular]
            allowed = set(singular) | set(plural)
            for index, text in entry.msgstr_plural.items():
                found = placeholders(text)
                if any(found.count(item) < required.count(item) for item in required) or not (
                    set(found) <= allowed
                ):
                    problems.append(f"{entry.msgid!r} msgstr[{index}]={text!r}")
        elif placeholders(entry.msgid) != placeholders(entry.msgstr):
            problems.append(f"{entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, f"{relative(po_path)}: placeholders or tags differ: " + "; ".join(problems)


@pytest.mark.parametrize("po_path", PO_FILES, ids=relative)
def test_compiled_catalogue_matches_its_source(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{relative(mo_path)} is missing: run scripts/messages.sh"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    expected = {entry_key(entry): entry_value(entry) for entry in po.translated_entries()}
    compiled = {entry_key(entry): entry_value(entry) for entry in mo}
    stale = sorted(
        key[1] for key in expected.keys() | compiled.keys() if expected.get(key) != compiled.get(key)
    )
    assert not stale, f"{relative(mo_path)} is stale (run scripts/messages.sh); differs in: {stale}"
    po_header = {key: value for key, value in po.metadata.items() if key != "POT-Creation-Date"}
    mo_header = {key: value for key, value in mo.metadata.items() if key != "POT-Creation-Date"}
    assert mo_header == po_header, f"{relative(mo_path)} has a stale header (run scripts/messages.sh)"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("id", ["Cari inovasi", "Kembali ke katalog", "Langsung ke konten", "Inovasi terbaru"]),
        ("en", ["Search innovations", "Back to the catalogue", "Skip to content", "Latest innovations"]),
    ],
)
def test_gettext_uses_the_catalogues(language, expected):
    sources = ["Search innovations", "Back to the catalogue", "Skip to content", "Latest innovations"]
    with translation.override(language):
        assert [translation.gettext(message) for message in sources] == expected


# --- Rendering -------------------------------------------------------------------------------------------

NATIONAL_WIN = {
    "year": 2023,
    "competition": "KIPP Nasional",
    "level": AwardLevel.NATIONAL,
    "tier": AwardTier.WINNER_1,
}


@pytest.fixture
def innovations(make_innovation, make_organisation, make_theme):
    health = make_theme("Kesehatan", "Health")
    dinkes = make_organisation("Dinas Kesehatan", acronym="Dinkes", slug="dinkes")
    kecamatan = make_organisation("Kecamatan Tengah", kind=OrganisationKind.KECAMATAN, slug="kec-tengah")
    return [
        make_innovation(
            "Posyandu Digital",
            organisation=dinkes,
            themes=[health],
            sdgs=[3],
            started_on=datetime.date(2019, 3, 1),
            is_digital=True,
            awards=[NATIONAL_WIN],
        ),
        make_innovation(
            "Jemput Bola KTP Lansia",
            organisation=kecamatan,
            themes=[health],
            started_on=datetime.date(2021, 1, 10),
            stage="uji_coba",
            still_running=False,
        ),
    ]


def get_page(client, url, language):
    with translation.override(language):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def test_catalogue_renders_in_indonesian(client, catalogue, innovations):
    html = get_page(client, "/katalog/", "id")
    assert '<html lang="id">' in html
    for text in [
        "Cari inovasi",
        "Nama, perangkat daerah, atau topik",
        "Urutkan menurut",
        "Terapkan filter",
        "2 inovasi",
        "Umpan RSS",
        "Langsung ke konten",  # the example site's own catalogue
        "Menu utama",
    ]:
        assert text in html, f"missing {text!r}"
    # Facet labels and options: model choices and filter labels, capitalised by the template.
    for text in [
        "Tahun mulai",
        "Perangkat daerah",
        "Jenis perangkat daerah",
        "Tujuan pembangunan berkelanjutan (TPB/SDGs)",
        "Tahapan",
        "Tingkat penghargaan",
        "Peringkat penghargaan",
        "Masih berjalan",
        "Kecamatan",
        "Uji coba",
        "Penerapan",
        "Juara 1",
        "Nasional",
    ]:
        assert f"{text}<" in html or f"{text} <" in html, f"missing facet text {text!r}"
    for english in ["Search innovations", "Apply filters", "Kind of organisation", "Award level", "Trial"]:
        assert english not in html, f"English {english!r} on the Indonesian page"


def test_innovation_page_renders_in_indonesian(client, innovations):
    html = get_page(client, innovations[0].url, "id")
    for text in ["Sekilas", "Mulai diterapkan", "Tahapan", "Penghargaan", "Kembali ke katalog", "Juara 1"]:
        assert text in html, f"missing {text!r}"
    assert "At a glance" not in html


def test_catalogue_renders_in_english(client, home_page, catalogue, innovations, en_locale):
    home_page.copy_for_translation(en_locale, copy_parents=True).save_revision().publish()
    catalogue.copy_for_translation(en_locale).save_revision().publish()
    for innovation in innovations:
        innovation.copy_for_translation(en_locale).save_revision().publish()

    html = get_page(client, "/en/katalog/", "en")
    assert '<html lang="en">' in html
    for text in [
        "Search innovations",
        "Name, organisation or topic",
        "Sort by",
        "Apply filters",
        "2 innovations",
        "Skip to content",
        "Main menu",
    ]:
        assert text in html, f"missing {text!r}"
    for text in [
        "Year started",
        "Organisation",
        "Kind of organisation",
        "Sustainable development goal",
        "Stage",
        "Award level",
        "Award tier",
        "Still running",
        "District (kecamatan)",
        "Trial",
        "Implemented",
        "First place",
        "National",
    ]:
        assert f"{text}<" in html or f"{text} <" in html, f"missing facet text {text!r}"
    for indonesian in ["Cari inovasi", "Terapkan filter", "Jenis perangkat daerah", "Uji coba"]:
        assert indonesian not in html, f"Indonesian {indonesian!r} on the English page"

    # The Indonesian page is still Indonesian after an English request.
    assert "Cari inovasi" in get_page(client, "/katalog/", "id")
