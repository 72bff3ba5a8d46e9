"""
The catalogue's search: its documents kept current by publishing, the lexicon, the rebuild command, and on
PostgreSQL the full-text search itself (stemming, accents, body text, ranking, typo correction).
"""

import datetime
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from wagtail_kipp.catalogue.search import BackendSearch, PostgresSearch
from wagtail_kipp.models import InnovationPage, SearchDocument, SearchWord

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search (CI runs the suite again with DATABASE_URL=postgres://...)",
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite fallback to Wagtail's backend"
)

BODY = [
    {
        "type": "section",
        "value": {"heading": "Cara kerja", "text": "<p>Bayar <b>retribusi</b> lewat QRIS di warung.</p>"},
    }
]


def titles(response):
    assert response.status_code == 200
    return [innovation.title for innovation in response.context["innovations"]]


def search(client, query, url="/katalog/", **params):
    return client.get(url, {"q": query, **params})


def facet(response, name):
    for item in response.context["catalogue"].facets:
        if item.name == name:
            return {option.value: option.count for option in item.options}
    raise AssertionError(f"no facet {name}")


def document(page):
    return SearchDocument.objects.filter(page_id=page.pk).first()


# Documents, on any database -----------------------------------------------------------------------------


def test_a_live_innovation_added_to_the_tree_has_a_document(catalogue, make_innovation):
    page = make_innovation("Posyandu Digital", summary="Pencatatan tumbuh kembang balita.")
    found = document(page)
    assert found is not None
    assert (found.title, found.summary) == ("Posyandu Digital", "Pencatatan tumbuh kembang balita.")


def test_a_draft_has_no_document_until_published(catalogue, make_innovation):
    draft = make_innovation("Ambulans Desa", live=False)
    assert document(draft) is None

    draft.summary = "Antar jemput pasien ke puskesmas."
    draft.save_revision().publish()
    found = document(draft)
    assert found is not None
    assert found.summary == "Antar jemput pasien ke puskesmas."


def test_a_published_edit_rewrites_the_document(catalogue, make_innovation):
    page = make_innovation("Posyandu Digital")
    page.title = "Posyandu Pintar"
    page.save_revision()  # a draft: the live document is unchanged
    assert document(page).title == "Posyandu Digital"

    InnovationPage.objects.get(pk=page.pk).get_latest_revision().publish()
    assert document(page).title == "Posyandu Pintar"


def test_unpublishing_or_deleting_removes_the_document(catalogue, make_innovation):
    unpublished = make_innovation("Posyandu Digital")
    deleted = make_innovation("Rapor Daring")
    kept = make_innovation("Jemput Bola")

    unpublished.unpublish()
    deleted.delete()
    assert document(unpublished) is None
    assert not SearchDocument.objects.filter(page_id=deleted.pk).exists()
    assert document(kept) is not None


def test_the_document_holds_organisation_themes_and_plain_body_text(
    catalogue, make_innovation, make_organisation, make_theme
):
    bapenda = make_organisation("Badan Pendapatan Daerah", acronym="Bapenda", kind="badan")
    themes = [make_theme("Ekonomi", "Economy"), make_theme("Tata Kelola", "Governance")]
    page = make_innovation(
        "Pajak Online", organisation=bapenda, themes=themes, innovator_name="Tim Pajak", body=BODY
    )

    found = document(page)
    for word in ["Badan Pendapatan Daerah", "Bapenda", "Ekonomi", "Economy", "Tata Kelola", "Tim Pajak"]:
        assert word in found.keywords
    assert "Cara kerja" in found.body
    assert "Bayar retribusi lewat QRIS di warung." in found.body
    assert "<" not in found.body
    assert found.config  # the language's text search configuration


def test_the_lexicon_holds_plain_words_of_titles_keywords_and_summaries(
    catalogue, make_innovation, make_organisation
):
    make_innovation(
        "Café Baca Keliling",
        organisation=make_organisation("Perpustakaan Daerah", acronym="Perpusda"),
        summary="Buku di atas sepeda untuk anak-anak.",
        body=[{"type": "section", "value": {"heading": "Isi", "text": "<p>Dongengan</p>"}}],
    )
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {
        "cafe",
        "baca",
        "keliling",
        "perpustakaan",
        "daerah",
        "perpusda",
        "buku",
        "atas",
        "sepeda",
    } <= words
    assert {"anak"} <= words  # "anak-anak" is two words
    assert "café" not in words  # accents removed
    assert not {"di", "ke", "isi"} & words  # shorter than four letters
    assert "dongengan" not in words  # body text is searched, but does not feed typo corrections
    assert all(word == word.lower() for word in words)


def documents_text():
    """Each document's text; the body as its words (PostgreSQL's jsonb may store block fields reordered)."""
    return {
        doc.page_id: (doc.title, doc.keywords, doc.summary, sorted(doc.body.split()))
        for doc in SearchDocument.objects.all()
    }


def test_the_rebuild_command_writes_every_live_document_again(catalogue, make_innovation):
    pages = [make_innovation("Posyandu Digital", body=BODY), make_innovation("Rapor Daring")]
    draft = make_innovation("Belum Terbit", live=False)
    before = documents_text()
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()

    output = StringIO()
    call_command("kipp_index_catalogue", stdout=output)
    assert "Indexed 2 innovations." in output.getvalue()

    after = documents_text()
    assert after == before
    assert set(after) == {page.pk for page in pages}
    assert draft.pk not in after
    assert SearchWord.objects.filter(word="posyandu").exists()


def test_the_rebuild_command_drops_documents_of_pages_no_longer_live(catalogue, make_innovation):
    live = make_innovation("Posyandu Digital")
    gone = make_innovation("Rapor Daring")
    # A bulk change that bypassed publishing (no signals): the document is stale.
    InnovationPage.objects.filter(pk=gone.pk).update(live=False)
    assert document(gone) is not None

    output = StringIO()
    call_command("kipp_index_catalogue", stdout=output)
    assert document(gone) is None
    assert document(live) is not None
    assert "Indexed 1 innovations." in output.getvalue()


@pytest.mark.parametrize("mode", ["auto", "backend"])
def test_the_catalogue_searches_with_either_engine(client, catalogue, make_innovation, mode):
    make_innovation("Posyandu Digital", summary="Pencatatan tumbuh kembang balita.")
    make_innovation("Rapor Daring Sekolah")
    with override_settings(WAGTAIL_KIPP_CATALOGUE_SEARCH=mode):
        response = search(client, "balita")
        assert titles(response) == ["Posyandu Digital"]
        assert titles(search(client, "rapor")) == ["Rapor Daring Sekolah"]
        assert titles(search(client, "tidakadasamasekali")) == []
    if mode == "backend":
        assert isinstance(response.context["catalogue"].search, BackendSearch)


@sqlite_only
def test_on_sqlite_the_catalogue_searches_through_wagtails_backend(client, catalogue, make_innovation):
    make_innovation("Posyandu Digital", body=BODY)
    make_innovation("Rapor Daring Sekolah")
    response = search(client, "QRIS")
    assert titles(response) == ["Posyandu Digital"]
    assert isinstance(response.context["catalogue"].search, BackendSearch)
    assert response.context["catalogue"].notices == []


# Full-text search on PostgreSQL -------------------------------------------------------------------------


@pytest.fixture
def health_pages(make_innovation, make_organisation, make_theme):
    health = make_theme("Kesehatan", "Health")
    dinkes = make_organisation("Dinas Kesehatan", acronym="Dinkes", slug="dinkes")
    disdik = make_organisation("Dinas Pendidikan", acronym="Disdik", slug="disdik")
    return {
        "posyandu": make_innovation(
            "Posyandu Digital",
            organisation=dinkes,
            themes=[health],
            is_digital=True,
            started_on=datetime.date(2021, 1, 1),
            summary="Pelayanan kesehatan balita secara daring.",
        ),
        "ambulans": make_innovation(
            "Ambulans Desa",
            organisation=dinkes,
            themes=[health],
            is_digital=False,
            started_on=datetime.date(2022, 1, 1),
            summary="Antar jemput pasien ke puskesmas untuk hidup sehat.",
        ),
        "rapor": make_innovation(
            "Rapor Daring Sekolah",
            organisation=disdik,
            is_digital=True,
            started_on=datetime.date(2022, 1, 1),
            summary="Orang tua membaca rapor anak di ponsel.",
        ),
    }


@postgres_only
def test_postgres_search_is_used_on_postgresql(client, catalogue, health_pages):
    response = search(client, "posyandu")
    assert isinstance(response.context["catalogue"].search, PostgresSearch)
    assert titles(response) == ["Posyandu Digital"]


@postgres_only
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("layanan", {"Posyandu Digital"}),  # "pelayanan" and "layanan" share the stem "layan"
        ("sehat", {"Posyandu Digital", "Ambulans Desa"}),  # "kesehatan" stems to "sehat"
        ("kesehatan", {"Posyandu Digital", "Ambulans Desa"}),
        ("PELAYANAN BALITA", {"Posyandu Digital"}),
    ],
)
def test_search_finds_indonesian_words_by_their_stem(client, catalogue, health_pages, query, expected):
    response = search(client, query)
    assert set(titles(response)) == expected
    assert response.context["catalogue"].notices == []


@postgres_only
def test_indonesian_documents_use_the_indonesian_configuration(catalogue, health_pages):
    assert set(SearchDocument.objects.values_list("config", flat=True)) == {"kipp_indonesian"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('kipp_indonesian', 'pelayanan kesehatan')::text")
        assert cursor.fetchone()[0] == "'layan':1 'sehat':2"


@postgres_only
def test_search_ignores_accents(client, catalogue, make_innovation):
    make_innovation("Café Baca Keliling")
    make_innovation("Kafe Lain", summary="Tanpa aksen.")
    assert titles(search(client, "cafe")) == ["Café Baca Keliling"]
    assert titles(search(client, "CAFÉ")) == ["Café Baca Keliling"]


@postgres_only
def test_search_matches_body_text_and_ranks_title_matches_first(client, catalogue, make_innovation):
    in_title = make_innovation("Retribusi Pasar Daring")
    in_body = make_innovation("Pajak Warung", body=BODY)
    make_innovation("Lainnya")
    assert in_title.pk < in_body.pk  # equal ranks would list the newer key first

    response = search(client, "retribusi")
    assert titles(response) == ["Retribusi Pasar Daring", "Pajak Warung"]
    assert response.context["catalogue"].sort == "relevance"
    assert titles(search(client, "qris")) == ["Pajak Warung"]
    # Another sort still lists the same matches.
    assert set(titles(search(client, "retribusi", sort="name"))) == {"Retribusi Pasar Daring", "Pajak Warung"}


@postgres_only
def test_a_typo_is_corrected_from_the_catalogues_words_and_said_so(client, catalogue, health_pages):
    response = search(client, "kesehtan")
    assert set(titles(response)) == {"Posyandu Digital", "Ambulans Desa"}
    catalogue_state = response.context["catalogue"]
    assert catalogue_state.search.corrected_query == "kesehatan"
    assert len(catalogue_state.notices) == 1
    assert "kesehtan" in catalogue_state.notices[0]
    assert "kesehatan" in catalogue_state.notices[0]
    html = response.content.decode()
    notice = html.split('class="kipp-notice"')[1].split("</div>")[0]
    assert "kesehtan" in notice and "kesehatan" in notice


@postgres_only
def test_no_correction_when_the_query_matches_or_nothing_is_close(client, catalogue, health_pages):
    exact = search(client, "kesehatan")
    assert exact.context["catalogue"].search.corrected_query == ""
    nothing = search(client, "zxqvbnm")
    assert titles(nothing) == []
    assert nothing.context["catalogue"].notices == []
    assert 'class="kipp-empty"' in nothing.content.decode()


@postgres_only
@pytest.mark.parametrize(
    "query",
    [
        '"unclosed',
        "-",
        "a:b",
        "OR",
        "&|!",
        "sehat & !(",
        "posyandu:*",
        "'",
        "\\",
        "%_",
        "🚀💉 sehat",
        "🚀",
        "ｓｅｈａｔ",
        "<script>alert(1)</script>",
        "".join(
            random.Random(20).choice("abc xyz!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~éü漢字🙂") for _ in range(200)
        ),
        "x" * 500,
    ],
)
def test_query_syntax_never_fails(client, catalogue, health_pages, query):
    response = search(client, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    response = search(client, query, digital="1", sort="relevance")
    assert response.status_code == 200


@postgres_only
def test_search_combines_with_filters_and_facet_counts_agree(client, catalogue, health_pages):
    everything = search(client, "sehat")
    assert set(titles(everything)) == {"Posyandu Digital", "Ambulans Desa"}
    assert facet(everything, "digital") == {"1": 1, "0": 1}
    assert facet(everything, "organisation") == {"dinkes": 2}
    assert sum(facet(everything, "year").values()) == 2

    digital = search(client, "sehat", digital="1")
    assert titles(digital) == ["Posyandu Digital"]
    assert digital.context["catalogue"].result_count == 1
    # A facet counts within the search and the other filters, never its own.
    assert facet(digital, "digital") == {"1": 1, "0": 1}
    assert facet(digital, "year") == {"2021": 1}
    assert facet(digital, "organisation") == {"dinkes": 1}

    none = search(client, "sehat", organisation="disdik")
    assert titles(none) == []
    assert facet(none, "organisation") == {"dinkes": 2, "disdik": 0}


@postgres_only
def test_renamed_organisations_and_themes_are_found_by_their_new_names(
    client, catalogue, health_pages, make_theme
):
    dinkes = health_pages["posyandu"].organisation
    dinkes.acronym = "DKKB"
    dinkes.save()
    theme = health_pages["posyandu"].themes.get()
    theme.name = "Kesejahteraan Keluarga"
    theme.save()
    assert set(titles(search(client, "DKKB"))) == {"Posyandu Digital", "Ambulans Desa"}
    assert set(titles(search(client, "kesejahteraan"))) == {"Posyandu Digital", "Ambulans Desa"}


@postgres_only
def test_english_pages_are_searched_with_english_stemming(
    client, home_page, catalogue, health_pages, en_locale
):
    home_page.copy_for_translation(en_locale, copy_parents=True).save_revision().publish()
    catalogue.copy_for_translation(en_locale).save_revision().publish()
    translated = health_pages["posyandu"].copy_for_translation(en_locale)
    translated.title = "Digital Health Services"
    translated.summary = "Growth records of toddlers, online."
    translated.save_revision().publish()

    assert document(translated).config == "kipp_english"
    assert document(health_pages["posyandu"]).config == "kipp_indonesian"
    response = search(client, "service", url="/en/katalog/")
    assert titles(response) == ["Digital Health Services"]  # "services" and "service" share "servic"
    assert response.context["catalogue"].notices == []
    assert titles(search(client, "toddler", url="/en/katalog/")) == ["Digital Health Services"]
    # Each catalogue lists its own language's pages only.
    assert "Digital Health Services" not in titles(search(client, "digital"))


@postgres_only
def test_the_backend_setting_searches_through_wagtail_on_postgresql(client, catalogue, health_pages):
    with override_settings(WAGTAIL_KIPP_CATALOGUE_SEARCH="backend"):
        response = search(client, "balita")
        assert isinstance(response.context["catalogue"].search, BackendSearch)
        assert titles(response) == ["Posyandu Digital"]
        assert set(titles(search(client, "Dinkes"))) == {"Posyandu Digital", "Ambulans Desa"}


@postgres_only
def test_a_typo_is_corrected_only_to_what_this_catalogue_lists(client, home_page, catalogue, make_innovation):
    from wagtail_kipp.models import InnovationIndexPage

    other = home_page.add_child(instance=InnovationIndexPage(title="Katalog Lain", slug="lain"))
    make_innovation("Posyandu Digital", parent=catalogue)
    make_innovation("Layanan Kesehatan", parent=other)

    response = search(client, "kesehtan")
    assert titles(response) == []
    # Nothing here matches "kesehatan" either: promising its results and showing none misleads.
    assert response.context["catalogue"].notices == []
