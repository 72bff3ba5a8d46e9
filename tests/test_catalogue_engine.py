"""
The catalogue on a real OpenSearch node: the same counts, pages and orders as the database and the facet
index, Indonesian and accent-folded search, the catalogue's scope, and an index that follows publishing.

Skipped without a node (see ``tests/engine_support.py``); ``.ci/run`` starts one and requires it.
"""

# ruff: noqa: F811 (the fixtures imported below are arguments of the tests)

import datetime

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from wagtail.models import PageViewRestriction

from tests.engine_support import search_engine  # noqa: F401 (the fixture)
from tests.test_facet_properties import dataset, filters, matches  # noqa: F401 (dataset is a fixture)
from wagtail_kipp.catalogue.listing import Catalogue
from wagtail_kipp.models import Award, AwardLevel, AwardTier

pytestmark = [pytest.mark.django_db, pytest.mark.opensearch]


def catalogue_request(catalogue, url="/katalog/"):
    """The catalogue of ``url`` through the engine, and the same request counted in the database."""
    request = RequestFactory().get(url)
    engine = catalogue.get_catalogue(request)
    database = Catalogue(request, catalogue.get_innovations())
    return engine, database


def keys(result):
    return [innovation.pk for innovation in result.page.object_list]


def counts(result):
    return {
        facet.name: [(o.value, o.label, o.count, o.selected) for o in facet.options]
        for facet in result.facets
    }


@override_settings(WAGTAIL_KIPP_CATALOGUE_CACHE="")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters)
def test_engine_counts_equal_brute_force_and_the_database(catalogue, dataset, search_engine, chosen):
    if not getattr(search_engine, "synced", False):
        search_engine.rebuild()
        search_engine.synced = True
    query = "&".join(f"{name}={value}" for name, values in chosen.items() for value in values)
    for sort in ("", "&sort=name", "&sort=awards"):
        result, database = catalogue_request(catalogue, f"/katalog/?{query}{sort}&per_page=7")
        assert result.engine_result is not None and database.engine_result is None
        assert result.result_count == sum(matches(record, chosen) for record in dataset)
        assert keys(result) == keys(database), sort
        assert counts(result) == counts(database)
    for facet in result.facets:
        for option in facet.options:
            expected = sum(
                option.value in record[facet.name] and matches(record, chosen, skip=facet.name)
                for record in dataset
            )
            assert option.count == expected, (facet.name, option.value, chosen)


@override_settings(WAGTAIL_KIPP_CATALOGUE_CACHE="")
def test_every_page_of_results_is_the_databases(catalogue, make_innovation, search_engine):
    for number in range(30):
        make_innovation(
            f"Inovasi {number:02}", started_on=datetime.date(2015 + number % 7, 1 + number % 12, 1)
        )
    search_engine.rebuild()
    for page in (1, 2, 3, 4, 99):
        result, database = catalogue_request(catalogue, f"/katalog/?page={page}&per_page=8&sort=name")
        assert keys(result) == keys(database)
        assert result.page.number == database.page.number == min(page, 4)
    result, _database = catalogue_request(catalogue, "/katalog/?page=99&per_page=8")
    assert result.page.number == 4
    assert result.notices  # "That page does not exist; showing the last page."


def test_search_stems_indonesian_and_folds_accents(client, catalogue, make_innovation, search_engine):
    make_innovation("Pelayanan Kesehatan Keliling", summary="Dokter datang ke desa.")
    make_innovation("Café Literasi", summary="Membaca bersama di taman kota.")
    make_innovation("Bank Sampah Digital", summary="Menabung sampah lewat aplikasi.")
    search_engine.rebuild()
    for query, expected in [
        ("layanan", ["Pelayanan Kesehatan Keliling"]),  # pe-an stripped: the same stem
        ("kesehatan desa", ["Pelayanan Kesehatan Keliling"]),
        ("cafe", ["Café Literasi"]),
        ("menabung", ["Bank Sampah Digital"]),
        ("nothing-like-this", []),
    ]:
        result, _database = catalogue_request(catalogue, f"/katalog/?q={query}")
        assert result.engine_result is not None
        assert [innovation.title for innovation in result.page.object_list] == expected, query
    response = client.get("/katalog/?q=layanan")
    assert response.status_code == 200 and "Pelayanan Kesehatan Keliling" in response.content.decode()


def test_title_matches_rank_above_body_matches(catalogue, make_innovation, search_engine):
    make_innovation("Sistem Antrean Puskesmas", summary="Warga mendaftar dari rumah.")
    make_innovation("Warga Mendaftar", summary="Antrean di puskesmas lebih pendek.")
    search_engine.rebuild()
    result, _database = catalogue_request(catalogue, "/katalog/?q=antrean")
    assert [innovation.title for innovation in result.page.object_list][0] == "Sistem Antrean Puskesmas"


def test_only_this_catalogues_live_public_innovations(
    catalogue,
    home_page,
    make_innovation,
    search_engine,
):
    from wagtail_kipp.models import InnovationIndexPage

    shown = make_innovation("Terbuka")
    make_innovation("Belum Terbit", live=False)
    hidden = make_innovation("Rahasia")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    other = home_page.add_child(instance=InnovationIndexPage(title="Arsip", slug="arsip"))
    make_innovation("Di Arsip", parent=other)
    search_engine.rebuild()
    result, database = catalogue_request(catalogue)
    assert keys(result) == keys(database) == [shown.pk]
    assert result.result_count == 1


def test_the_index_follows_publishing(
    catalogue,
    make_innovation,
    search_engine,
    django_capture_on_commit_callbacks,
):
    def listed(url="/katalog/"):
        search_engine.refresh()
        result, _database = catalogue_request(catalogue, url)
        return [innovation.title for innovation in result.page.object_list]

    with django_capture_on_commit_callbacks(execute=True):
        page = make_innovation("SI-CANTIK")
    assert listed() == ["SI-CANTIK"]
    with django_capture_on_commit_callbacks(execute=True):
        Award.objects.create(
            page=page, year=2025, competition="KIPP Kota", level=AwardLevel.LOCAL, tier=AwardTier.WINNER_1
        )
    assert listed("/katalog/?award_level=lokal") == ["SI-CANTIK"]
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "SI-CANTIK Plus"
        page.save_revision().publish()
    assert listed("/katalog/?q=plus") == ["SI-CANTIK Plus"]
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    assert listed() == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert listed() == ["SI-CANTIK Plus"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert listed() == []
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
        page.delete()
    assert listed() == []


def test_rebuild_replaces_the_index_behind_its_alias(catalogue, make_innovation, search_engine):
    make_innovation("Satu")
    assert search_engine.rebuild() == 1
    first = search_engine._aliased_indices()
    make_innovation("Dua")
    assert search_engine.rebuild() == 2
    second = search_engine._aliased_indices()
    assert len(first) == len(second) == 1 and first != second
    assert not search_engine.client.indices.exists(index=first[0])


def test_wagtail_search_of_kipp_models_analyses_indonesian(
    catalogue, make_innovation, make_organisation, search_engine
):
    """Wagtail's own OpenSearch backend (``search_settings.opensearch_backend``) on indexed kipp models."""
    from io import StringIO

    from django.core.management import call_command
    from wagtail.search.backends import get_search_backend

    from wagtail_kipp.models import InnovationPage, Organisation

    health = make_organisation("Dinas Kesehatan", acronym="Dinkes")
    make_innovation("Pelayanan Kesehatan Keliling", organisation=health)
    make_innovation("Bank Sampah Digital")
    call_command("update_index", stdout=StringIO())
    backend = get_search_backend()
    search_engine.client.indices.refresh(index=f"{backend.index_prefix}*")
    found = InnovationPage.objects.live().search("layanan")
    assert [page.title for page in found] == ["Pelayanan Kesehatan Keliling"]
    assert [page.title for page in InnovationPage.objects.live().search("dinkes")] == [
        "Pelayanan Kesehatan Keliling"
    ]
    assert list(backend.search("kesehatan", Organisation)) == [health]
    assert health in list(backend.autocomplete("kese", Organisation))
    index = backend.get_index_for_model(InnovationPage).name
    tokens = search_engine.client.indices.analyze(index=index, body={"text": "pelayanan kesehatan café"})
    assert [token["token"] for token in tokens["tokens"]] == ["layan", "sehat", "cafe"]


def test_query_count_with_the_engine_is_constant_in_the_number_of_innovations(
    client, catalogue, make_innovation, make_organisation, make_theme, search_engine
):
    from tests.test_catalogue import CATALOGUE_URLS, count_queries

    theme = make_theme("Tema", slug="tema")
    organisations = [make_organisation() for _ in range(5)]

    def add(count):
        for number in range(count):
            make_innovation(
                organisation=organisations[number % 5],
                themes=[theme],
                is_digital=bool(number % 2),
                started_on=datetime.date(2018 + number % 8, 1, 1),
            )
        search_engine.rebuild()

    add(10)
    small = {url: count_queries(client, url) for url in CATALOGUE_URLS}
    add(60)
    large = {url: count_queries(client, url) for url in CATALOGUE_URLS}
    assert small == large
    assert max(large.values()) <= 35
