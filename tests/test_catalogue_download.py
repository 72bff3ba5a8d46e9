"""The catalogue's CSV and JSON downloads: every result of the current search and filters, public data."""

import csv
import datetime
import io
import json

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from wagtail_kipp.catalogue.download import FIELDS

AWARD = {"year": 2025, "competition": "KIPP Kota Sukamaju", "level": "lokal", "tier": "juara_1"}


@pytest.fixture
def innovations(make_innovation, make_theme, make_organisation):
    health = make_theme("Kesehatan", "Health")
    dinkes = make_organisation("Dinas Kesehatan", acronym="Dinkes")
    pages = [
        make_innovation(
            "Posyandu Digital",
            organisation=dinkes,
            themes=[health],
            sdgs=[3],
            awards=[AWARD],
            summary="Data balita “daring” dan café sehat.",
            innovator_name="Budi Santoso",
            started_on=datetime.date(2023, 5, 1),
        ),
        make_innovation("Rapor Daring", started_on=datetime.date(2022, 1, 1)),
        make_innovation(
            "Antrean Puskesmas", organisation=dinkes, themes=[health], started_on=datetime.date(2021, 1, 1)
        ),
        make_innovation("Bank Sampah", started_on=datetime.date(2020, 1, 1)),
    ]
    return pages


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff"), "spreadsheets need the byte order mark to read the accents"
    return list(csv.DictReader(io.StringIO(text[1:])))


def read_json(response):
    return json.loads(b"".join(response.streaming_content))


def test_csv_lists_every_result_beyond_the_page_size(client, catalogue, innovations):
    with override_settings(WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE=2):
        response = client.get("/katalog/download/csv/?sort=name")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="katalog-')
    rows = read_csv(response)
    assert [row["title"] for row in rows] == [
        "Antrean Puskesmas",
        "Bank Sampah",
        "Posyandu Digital",
        "Rapor Daring",
    ]
    assert list(rows[0]) == FIELDS


def test_csv_row_holds_the_public_record(client, catalogue, innovations):
    rows = read_csv(client.get("/katalog/download/csv/?theme=kesehatan"))
    assert [row["title"] for row in rows] == ["Posyandu Digital", "Antrean Puskesmas"]
    row = rows[0]
    page = innovations[0]
    assert row["id"] == str(page.translation_key)
    assert row["url"] == "http://localhost" + page.url
    assert row["organisation"] == "Dinas Kesehatan"
    assert row["organisation_acronym"] == "Dinkes"
    assert row["themes"] == "Kesehatan"
    assert row["sdgs"] == "3"
    assert row["started_on"] == "2023-05-01"
    assert row["is_digital"] == "0"
    assert row["summary"] == "Data balita “daring” dan café sehat."
    assert row["awards"] == "2025 KIPP Kota Sukamaju: Juara 1 (kabupaten/kota)"


def test_json_holds_the_same_records_with_lists(client, catalogue, innovations):
    response = client.get("/katalog/download/json/?q=posyandu")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = read_json(response)
    assert data["count"] == 1
    assert data["query"] == "q=posyandu"
    [record] = data["results"]
    assert list(record) == FIELDS
    assert record["title"] == "Posyandu Digital"
    assert record["sdgs"] == [3]
    assert record["awards"] == [AWARD]
    assert record["is_digital"] is False


@pytest.mark.parametrize("facet_index", [True, False])
def test_downloads_follow_the_catalogue_order_and_filters_on_every_path(
    client, catalogue, innovations, facet_index
):
    with override_settings(
        WAGTAIL_KIPP_CATALOGUE_FACET_INDEX=facet_index, WAGTAIL_KIPP_CATALOGUE_PAGE_SIZE=1
    ):
        newest = read_json(client.get("/katalog/download/json/"))
        filtered = read_json(
            client.get("/katalog/download/json/?organisation=" + innovations[0].organisation.slug)
        )
    assert [record["title"] for record in newest["results"]] == [
        "Posyandu Digital",
        "Rapor Daring",
        "Antrean Puskesmas",
        "Bank Sampah",
    ]
    assert {record["title"] for record in filtered["results"]} == {"Posyandu Digital", "Antrean Puskesmas"}


def test_downloads_hold_no_personal_data_and_no_hidden_pages(client, catalogue, innovations, make_innovation):
    draft = make_innovation("Inovasi Rahasia")
    draft.unpublish()
    private = make_innovation("Inovasi Internal")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for path in ("/katalog/download/csv/", "/katalog/download/json/"):
        body = b"".join(client.get(path).streaming_content).decode()
        assert "Budi Santoso" not in body
        assert "Inovasi Rahasia" not in body
        assert "Inovasi Internal" not in body
        assert "Posyandu Digital" in body


def test_invalid_filters_are_ignored_not_an_error(client, catalogue, innovations):
    response = client.get("/katalog/download/csv/?year=zzz&sdg=99&sort=nonsense&page=-4&per_page=x")
    assert response.status_code == 200
    assert len(read_csv(response)) == 4


def test_queries_do_not_grow_with_the_results(
    client, catalogue, make_innovation, django_assert_max_num_queries
):
    def download():
        return b"".join(client.get("/katalog/download/json/").streaming_content)

    for _number in range(3):
        make_innovation(awards=[AWARD])
    download()  # warm the site root cache
    with django_assert_max_num_queries(13):
        download()
    for _number in range(30):
        make_innovation(awards=[AWARD])
    download()  # the catalogue's facet index is built again for the new version
    with django_assert_max_num_queries(13):
        assert json.loads(download())["count"] == 33


def test_catalogue_links_its_downloads_with_the_current_filters(client, catalogue, innovations):
    html = client.get("/katalog/?theme=kesehatan").content.decode()
    assert 'href="/katalog/download/csv/?theme=kesehatan"' in html
    assert 'href="/katalog/download/json/?theme=kesehatan"' in html
