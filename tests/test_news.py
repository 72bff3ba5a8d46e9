"""The news area: newest stories first, tag and year filters, pages, valid feeds, no drafts anywhere."""

from __future__ import annotations

import datetime

import feedparser
import html5lib
import pytest
from django.test.utils import override_settings


@pytest.fixture
def stories(make_news):
    return [
        make_news(
            "Pemenang KIPP 2025 diumumkan", tags=["pemenang", "kipp-2025"], date=datetime.date(2025, 9, 19)
        ),
        make_news("Verifikasi lapangan finalis", tags=["kipp-2025"], date=datetime.date(2025, 10, 8)),
        make_news("Pendaftaran KIPP 2026 dibuka", tags=["pendaftaran"], date=datetime.date(2026, 6, 1)),
    ]


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def titles_in_order(html: str, titles) -> list[str]:
    return sorted((title for title in titles if title in html), key=html.index)


def test_the_news_area_lists_live_stories_newest_first(client, news_index, stories, make_news):
    make_news("Draf berita rahasia", live=False)
    html = get(client, news_index.url)
    titles = [story.title for story in stories]
    assert titles_in_order(html, titles) == list(reversed(titles))
    assert "Draf berita rahasia" not in html
    assert "1 Juni 2026" in html  # dates in the page's language
    html5lib.HTMLParser(strict=True).parse(html)


def test_tag_and_year_filters(client, news_index, stories):
    html = get(client, news_index.url + "?tag=kipp-2025")
    assert "Verifikasi lapangan finalis" in html and "Pemenang KIPP 2025 diumumkan" in html
    assert "Pendaftaran KIPP 2026 dibuka" not in html
    html = get(client, news_index.url + "?year=2026")
    assert "Pendaftaran KIPP 2026 dibuka" in html and "Verifikasi lapangan" not in html
    html = get(client, news_index.url + "?tag=kipp-2025&year=2025")
    assert titles_in_order(html, [s.title for s in stories]) == [stories[1].title, stories[0].title]


@pytest.mark.parametrize(
    "query", ["?tag=tidak-ada", "?year=abc", "?year=99999", "?page=abc", "?page=999", "?tag="]
)
def test_bad_filters_still_show_the_news(client, news_index, stories, query):
    html = get(client, news_index.url + query)
    assert "Pendaftaran KIPP 2026 dibuka" in html or "?page=" in query


@override_settings(WAGTAIL_KIPP_NEWS_PAGE_SIZE=2)
def test_pages_of_news(client, news_index, stories):
    first = get(client, news_index.url)
    assert "Pendaftaran KIPP 2026 dibuka" in first and "Pemenang KIPP 2025 diumumkan" not in first
    assert 'rel="next"' in first
    second = get(client, news_index.url + "?page=2")
    assert "Pemenang KIPP 2025 diumumkan" in second and "Pendaftaran KIPP 2026 dibuka" not in second


def test_the_news_area_answers_in_a_constant_number_of_queries(
    client, news_index, make_news, django_assert_max_num_queries
):
    for number in range(3):
        make_news(f"Berita {number}", tags=["umum"])
    with django_assert_max_num_queries(30) as few:
        get(client, news_index.url)
    for number in range(3, 9):
        make_news(f"Berita {number}", tags=["umum", f"tag-{number}"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        get(client, news_index.url)


@pytest.mark.parametrize(("path", "version"), [("feed/", "rss20"), ("feed/atom/", "atom10")])
def test_feeds_validate_and_carry_only_live_stories(client, news_index, stories, make_news, path, version):
    make_news("Draf berita rahasia", live=False)
    response = client.get(news_index.url + path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == [story.title for story in reversed(stories)]
    assert all(entry.link.startswith("http://") for entry in feed.entries)
    filtered = feedparser.parse(client.get(news_index.url + path + "?tag=pendaftaran").content)
    assert [entry.title for entry in filtered.entries] == ["Pendaftaran KIPP 2026 dibuka"]


def test_a_story_shows_its_body_tags_and_live_related_innovations(client, make_news, make_innovation):
    live = make_innovation("Posyandu Digital")
    draft = make_innovation("Inovasi Draf")
    draft.unpublish()
    story = make_news("Cerita inovasi", tags=["kesehatan"], related_innovations=[live, draft])
    html = get(client, story.url)
    assert "Isi berita" in html and "27 Juli 2026" in html
    assert "Posyandu Digital" in html and "Inovasi Draf" not in html
    assert "?tag=kesehatan" in html
    html5lib.HTMLParser(strict=True).parse(html)
