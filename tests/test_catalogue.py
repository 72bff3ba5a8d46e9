"""The public catalogue: filters, facet counts, search, sorting, pagination and bad input."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from wagtail_kipp.models import AwardLevel, AwardTier, OrganisationKind

LOCAL_WIN = {"year": 2022, "competition": "KIPP Kota", "level": AwardLevel.LOCAL, "tier": AwardTier.WINNER_1}
NATIONAL_TOP = {
    "year": 2023,
    "competition": "KIPP Nasional",
    "level": AwardLevel.NATIONAL,
    "tier": AwardTier.TOP_99,
}


def titles(response):
    return [innovation.title for innovation in response.context["innovations"]]


def facet(response, name):
    for item in response.context["catalogue"].facets:
        if item.name == name:
            return {option.value: option.count for option in item.options}
    raise AssertionError(f"no facet {name}")


@pytest.fixture
def sample(make_innovation, make_organisation, make_theme):
    health = make_theme("Kesehatan", "Health")
    education = make_theme("Pendidikan", "Education")
    dinkes = make_organisation("Dinas Kesehatan", acronym="Dinkes", slug="dinkes")
    disdik = make_organisation("Dinas Pendidikan", acronym="Disdik", slug="disdik")
    kecamatan = make_organisation("Kecamatan Tengah", kind=OrganisationKind.KECAMATAN, slug="kec-tengah")
    return {
        "posyandu": make_innovation(
            "Posyandu Digital",
            organisation=dinkes,
            themes=[health],
            sdgs=[3],
            started_on=datetime.date(2019, 3, 1),
            is_digital=True,
            awards=[LOCAL_WIN, NATIONAL_TOP],
            summary="Pencatatan tumbuh kembang balita secara daring.",
        ),
        "rapor": make_innovation(
            "Rapor Daring Sekolah",
            organisation=disdik,
            themes=[education],
            sdgs=[4],
            started_on=datetime.date(2021, 7, 1),
            is_digital=True,
            awards=[LOCAL_WIN],
        ),
        "jemput": make_innovation(
            "Jemput Bola KTP Lansia",
            organisation=kecamatan,
            themes=[health, education],
            sdgs=[3, 10],
            started_on=datetime.date(2021, 1, 10),
            stage="uji_coba",
            still_running=False,
        ),
    }


def test_catalogue_lists_live_innovations_newest_first(client, catalogue, sample):
    sample["rapor"].unpublish()
    response = client.get("/katalog/")
    assert response.status_code == 200
    assert titles(response) == ["Jemput Bola KTP Lansia", "Posyandu Digital"]
    assert "Rapor Daring Sekolah" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation=dinkes", {"Posyandu Digital"}),
        ("kind=kecamatan", {"Jemput Bola KTP Lansia"}),
        ("theme=kesehatan", {"Posyandu Digital", "Jemput Bola KTP Lansia"}),
        (
            "theme=kesehatan&theme=pendidikan",
            {"Posyandu Digital", "Jemput Bola KTP Lansia", "Rapor Daring Sekolah"},
        ),
        ("sdg=10", {"Jemput Bola KTP Lansia"}),
        ("year=2021", {"Rapor Daring Sekolah", "Jemput Bola KTP Lansia"}),
        ("stage=uji_coba", {"Jemput Bola KTP Lansia"}),
        ("digital=1", {"Posyandu Digital", "Rapor Daring Sekolah"}),
        ("digital=0", {"Jemput Bola KTP Lansia"}),
        ("digital=0&digital=1", {"Posyandu Digital", "Rapor Daring Sekolah", "Jemput Bola KTP Lansia"}),
        ("award_level=nasional", {"Posyandu Digital"}),
        ("award_tier=juara_1", {"Posyandu Digital", "Rapor Daring Sekolah"}),
        ("running=0", {"Jemput Bola KTP Lansia"}),
        ("theme=kesehatan&year=2021", {"Jemput Bola KTP Lansia"}),
    ],
)
def test_each_filter_narrows_results(client, catalogue, sample, query, expected):
    response = client.get(f"/katalog/?{query}")
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert response.context["catalogue"].notices == []


def test_facet_counts_reflect_the_other_filters(client, catalogue, sample):
    response = client.get("/katalog/?theme=kesehatan")
    # The theme facet ignores its own filter, so other themes stay selectable with counts.
    assert facet(response, "theme") == {"kesehatan": 2, "pendidikan": 2}
    # Other facets count within the theme filter.
    assert facet(response, "organisation") == {"dinkes": 1, "kec-tengah": 1}
    assert facet(response, "year") == {"2019": 1, "2021": 1}
    assert facet(response, "award_level") == {"lokal": 1, "nasional": 1}
    assert facet(response, "digital") == {"1": 1, "0": 1}

    response = client.get("/katalog/?theme=kesehatan&year=2021")
    assert facet(response, "theme") == {"kesehatan": 1, "pendidikan": 2}
    assert facet(response, "year") == {"2019": 1, "2021": 1}


def test_selected_option_stays_visible_with_zero_count(client, catalogue, sample):
    response = client.get("/katalog/?organisation=disdik&year=2019")
    assert titles(response) == []
    organisations = {o.value: o for o in response.context["catalogue"].facets[1].options}
    assert organisations["disdik"].selected
    assert organisations["disdik"].count == 0
    assert organisations["disdik"].label == "Dinas Pendidikan (Disdik)"


def test_facet_options_are_labelled_checkboxes_with_counts(client, catalogue, sample):
    html = client.get("/katalog/?theme=kesehatan").content.decode()
    match = re.search(
        r'<input type="checkbox" id="(kipp-theme-\d+)" name="theme" value="kesehatan" checked>', html
    )
    assert match
    assert f'<label for="{match.group(1)}">Kesehatan <span class="kipp-count">2</span></label>' in html


def test_search_matches_title_summary_and_organisation(client, catalogue, sample):
    assert titles(client.get("/katalog/?q=posyandu")) == ["Posyandu Digital"]
    assert titles(client.get("/katalog/?q=balita")) == ["Posyandu Digital"]
    assert set(titles(client.get("/katalog/?q=Pendidikan"))) >= {"Rapor Daring Sekolah"}


def test_search_combines_with_filters_and_facets(client, catalogue, sample):
    response = client.get("/katalog/?q=digital&digital=1")
    assert set(titles(response)) == {"Posyandu Digital"}
    assert facet(response, "digital") == {"1": 1}
    assert response.context["catalogue"].sort == "relevance"


def test_sorts(client, catalogue, sample):
    assert titles(client.get("/katalog/?sort=name")) == [
        "Jemput Bola KTP Lansia",
        "Posyandu Digital",
        "Rapor Daring Sekolah",
    ]
    assert titles(client.get("/katalog/?sort=awards"))[0] == "Posyandu Digital"


def test_pagination_keeps_filters_in_links(client, catalogue, make_innovation):
    for number in range(5):
        make_innovation(f"Inovasi Kesehatan {number}", started_on=datetime.date(2020, 1, number + 1))
    with override_settings(WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE=2):
        response = client.get("/katalog/?year=2020&page=2")
    assert titles(response) == ["Inovasi Kesehatan 2", "Inovasi Kesehatan 1"]
    html = response.content.decode()
    assert 'href="?year=2020&amp;page=3" rel="next"' in html
    assert 'href="?year=2020" rel="prev"' in html


@pytest.mark.parametrize(
    "query",
    [
        "year=abc",
        "year=1700",
        "organisation=does-not-exist",
        "sdg=99",
        "theme=%3Cscript%3E",
        "stage=unknown",
        "digital=maybe",
        "sort=random",
        "page=abc",
        "page=999",
        "page=-1",
        "per_page=100000",
        "q=" + "x" * 5000,
        "q=%00%01",
        "q=%22%27%28%29%2A%3A",
    ],
)
def test_invalid_input_is_ignored_with_a_notice_never_an_error(client, catalogue, sample, query):
    response = client.get(f"/katalog/?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html
    if not query.startswith("q="):
        assert response.context["catalogue"].notices
        assert 'class="kipp-notice"' in html


def test_invalid_filter_is_dropped_but_valid_ones_apply(client, catalogue, sample):
    response = client.get("/katalog/?year=abc&organisation=dinkes")
    assert titles(response) == ["Posyandu Digital"]
    assert len(response.context["catalogue"].notices) == 1


def test_empty_result_says_so_and_offers_to_clear(client, catalogue, sample):
    response = client.get("/katalog/?q=tidakadasamasekali")
    html = response.content.decode()
    assert titles(response) == []
    assert 'class="kipp-empty"' in html
    assert '<a href="/katalog/">' in html


def test_active_filters_link_to_their_removal(client, catalogue, sample):
    response = client.get("/katalog/?theme=kesehatan&year=2021")
    chips = {chip.value_label: chip.remove_url for chip in response.context["catalogue"].active_filters}
    assert chips["Kesehatan"] == "?year=2021"
    assert chips["2021"] == "?theme=kesehatan"


def test_catalogue_works_without_javascript(client, catalogue, sample):
    html = client.get("/katalog/").content.decode()
    assert '<form method="get" action="/katalog/"' in html
    assert '<button type="submit" class="kipp-facets__apply">' in html
    assert "<script" not in html


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


CATALOGUE_URLS = [
    "/katalog/",
    "/katalog/?theme=tema&year=2020&digital=1",
    "/katalog/?q=inovasi",
    "/katalog/?sort=awards&page=2&award_level=lokal",
]


def test_query_count_is_constant_in_the_number_of_innovations(
    client, catalogue, make_innovation, make_organisation, make_theme
):
    theme = make_theme("Tema", slug="tema")
    organisations = [make_organisation() for _ in range(5)]

    def add(count):
        for number in range(count):
            make_innovation(
                organisation=organisations[number % 5],
                themes=[theme],
                sdgs=[1 + number % 17],
                is_digital=bool(number % 2),
                awards=[LOCAL_WIN] if number % 3 == 0 else [],
                started_on=datetime.date(2018 + number % 8, 1, 1),
            )

    add(10)
    small = {url: count_queries(client, url) for url in CATALOGUE_URLS}
    add(190)
    large = {url: count_queries(client, url) for url in CATALOGUE_URLS}
    assert small == large
    assert max(large.values()) <= 35


def test_search_covers_body_text_and_organisation_acronym(
    client, catalogue, make_innovation, make_organisation
):
    bapenda = make_organisation("Badan Pendapatan Daerah", acronym="Bapenda", slug="bapenda", kind="badan")
    make_innovation(
        "Pajak Online",
        organisation=bapenda,
        body=[
            {
                "type": "section",
                "value": {"heading": "Cara kerja", "text": "<p>Bayar lewat QRIS di warung.</p>"},
            }
        ],
    )
    make_innovation("Lainnya")
    assert titles(client.get("/katalog/?q=QRIS")) == ["Pajak Online"]
    assert titles(client.get("/katalog/?q=bapenda")) == ["Pajak Online"]


def test_english_catalogue_filters_its_own_pages_with_english_labels(
    client, home_page, catalogue, sample, en_locale
):
    home_page.copy_for_translation(en_locale, copy_parents=True).save_revision().publish()
    english = catalogue.copy_for_translation(en_locale)
    english.save_revision().publish()
    for page in sample.values():
        translated = page.copy_for_translation(en_locale)
        translated.title = f"{page.title} (EN)"
        translated.save_revision().publish()

    response = client.get("/en/katalog/?theme=kesehatan")
    assert response.status_code == 200
    assert set(titles(response)) == {"Posyandu Digital (EN)", "Jemput Bola KTP Lansia (EN)"}
    themes = next(f for f in response.context["catalogue"].facets if f.name == "theme")
    assert {option.label for option in themes.options} == {"Health", "Education"}
    # The Indonesian catalogue is unchanged.
    assert "(EN)" not in client.get("/katalog/").content.decode()


def test_page_size_is_kept_in_page_links(client, catalogue, make_innovation):
    for number in range(5):
        make_innovation(f"Inovasi {number}")
    response = client.get("/katalog/?per_page=2")
    assert len(titles(response)) == 2
    assert response.context["catalogue"].next_url == "?per_page=2&page=2"


@pytest.mark.parametrize(("page", "expected"), [("0", 1), ("-3", 1), ("99", 3)])
def test_out_of_range_pages_show_the_nearest_page(client, catalogue, make_innovation, page, expected):
    for number in range(5):
        make_innovation(f"Inovasi {number}")
    response = client.get(f"/katalog/?per_page=2&page={page}")
    assert response.context["innovations"].number == expected
    assert response.context["catalogue"].notices
