"""The catalogue's RSS 2.0 and Atom feeds parse as valid feeds and honour the catalogue's filters."""

import datetime

import feedparser
import pytest
from django.test import override_settings


@pytest.fixture
def innovations(make_innovation, make_theme):
    health = make_theme("Kesehatan", "Health")
    return [
        make_innovation("Posyandu Digital", themes=[health], summary="Data balita daring."),
        make_innovation("Rapor Daring", started_on=datetime.date(2022, 1, 1)),
    ]


@pytest.mark.parametrize(("path", "version"), [("feed/", "rss20"), ("feed/atom/", "atom10")])
def test_feed_is_valid_and_lists_innovations(client, catalogue, innovations, path, version):
    response = client.get(f"/katalog/{path}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert {entry.title for entry in feed.entries} == {"Posyandu Digital", "Rapor Daring"}
    entry = next(e for e in feed.entries if e.title == "Posyandu Digital")
    assert entry.link == "http://localhost" + innovations[0].url
    assert "Data balita daring." in entry.summary


def test_feed_honours_filters(client, catalogue, innovations):
    feed = feedparser.parse(client.get("/katalog/feed/?theme=kesehatan").content)
    assert [entry.title for entry in feed.entries] == ["Posyandu Digital"]


def test_feed_ignores_invalid_filters(client, catalogue, innovations):
    response = client.get("/katalog/feed/atom/?year=zzz&sdg=0")
    assert response.status_code == 200
    assert len(feedparser.parse(response.content).entries) == 2


def test_feed_length_follows_the_setting(client, catalogue, innovations):
    with override_settings(WAGTAIL_KIPP_FEED_ITEMS=1):
        feed = feedparser.parse(client.get("/katalog/feed/").content)
    assert len(feed.entries) == 1


def test_catalogue_advertises_its_feeds(client, catalogue, innovations):
    html = client.get("/katalog/?theme=kesehatan").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/katalog/feed/?theme=kesehatan"' in html
