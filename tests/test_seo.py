"""Sharing metadata, JSON-LD and the multilingual sitemap of the public pages."""

import datetime
import json
import xml.etree.ElementTree as ET

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from wagtail_kipp.models import KippSettings
from wagtail_kipp.templatetags.kipp_seo import json_for_script, og_locale, page_description, share_image

SITE_NAME = "Portal Inovasi Kota Sukamaju"  # WAGTAIL_SITE_NAME of the example site
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head:
    """The metadata of a page, read from its parsed HTML."""

    def __init__(self, html: str):
        document = html5lib.parse(html, namespaceHTMLElements=False)
        self.meta: dict[str, list[str]] = {}
        for element in document.iter("meta"):
            key = element.get("property") or element.get("name")
            if key:
                self.meta.setdefault(key, []).append(element.get("content"))
        self.links = [element.attrib for element in document.iter("link")]
        self.json_ld = [
            json.loads(element.text)
            for element in document.iter("script")
            if element.get("type") == "application/ld+json"
        ]
        self.title = document.find(".//title").text

    def __getitem__(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]

    def link(self, rel: str) -> list[dict]:
        return [link for link in self.links if link.get("rel") == rel]

    @property
    def canonical(self) -> str:
        (link,) = self.link("canonical")
        return link["href"]

    @property
    def hreflang(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.link("alternate") if "hreflang" in link}


def get_head(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    try:
        html5lib.HTMLParser(strict=True).parse(html)
    except html5lib.html5parser.ParseError as error:
        pytest.fail(f"{url}: {error}")
    return Head(html)


@pytest.fixture(autouse=True)
def no_cached_renditions():
    # Rendition caches outlive each test's database, whose image ids repeat.
    get_image_model().get_rendition_model().cache_backend.clear()


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Petugas mengantar dokumen", file=get_test_image_file(size=(1300, 700))
    )


@pytest.fixture
def innovation(make_innovation, make_organisation, image):
    parent = make_organisation("Dinas Kependudukan dan Pencatatan Sipil", acronym="Disdukcapil")
    return make_innovation(
        "SI-CANTIK",
        organisation=make_organisation("Kecamatan Barat", kind="kecamatan", parent=parent),
        summary="Antar dokumen kependudukan ke rumah warga.",
        started_on=datetime.date(2021, 7, 27),
        image=image,
        awards=[{"year": 2023, "competition": "KIPP Kota Sukamaju", "level": "lokal", "tier": "juara_1"}],
    )


def test_innovation_with_an_image(client, innovation):
    head = get_head(client, innovation.url)
    url = "http://localhost/katalog/" + innovation.slug + "/"
    assert head["description"] == "Antar dokumen kependudukan ke rumah warga."
    assert head.canonical == url
    assert head["og:type"] == "article"
    assert head["og:title"] == "SI-CANTIK"
    assert head["og:description"] == "Antar dokumen kependudukan ke rumah warga."
    assert head["og:url"] == url
    assert head["og:site_name"] == SITE_NAME
    assert head["og:locale"] == "id_ID"
    assert "og:locale:alternate" not in head.meta
    assert head["og:image"].startswith("http://testserver/")
    assert head["og:image"].endswith(".png")
    assert (head["og:image:width"], head["og:image:height"]) == ("1200", "630")
    assert head["og:image:alt"] == "Petugas mengantar dokumen"
    assert head["twitter:card"] == "summary_large_image"
    assert head["twitter:title"] == "SI-CANTIK"
    assert head["twitter:image"] == head["og:image"]
    assert head.hreflang == {}, "no alternates without a translation"

    (data,) = head.json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "CreativeWork"
    assert data["name"] == "SI-CANTIK"
    assert data["url"] == url
    assert data["mainEntityOfPage"]["@id"] == url
    assert data["dateCreated"] == "2021-07-27"
    assert data["inLanguage"] == "id"
    assert data["image"] == [head["og:image"]]
    assert data["creator"] == {
        "@type": "GovernmentOrganization",
        "name": "Kecamatan Barat",
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": "Dinas Kependudukan dan Pencatatan Sipil",
        },
    }
    assert data["publisher"]["name"] == SITE_NAME
    (award,) = data["award"]
    assert "KIPP Kota Sukamaju 2023" in award


def test_innovation_without_an_image_uses_the_search_description(client, make_innovation):
    page = make_innovation("Rapor Daring", search_description="Rapor sekolah dikirim lewat aplikasi.")
    head = get_head(client, page.url)
    assert head["description"] == "Rapor sekolah dikirim lewat aplikasi."
    assert head["twitter:card"] == "summary"
    assert "og:image" not in head.meta and "twitter:image" not in head.meta
    (data,) = head.json_ld
    assert "image" not in data and "award" not in data


def test_a_missing_image_file_is_not_shared(make_innovation, image):
    page = make_innovation(image=image)
    image.file.storage.delete(image.file.name)
    assert share_image(page) is None


def test_site_name_comes_from_the_kipp_settings(client, home_page, innovation):
    KippSettings.objects.update_or_create(
        site=home_page.get_site(), defaults={"government_name": "Kota Sukamaju"}
    )
    head = get_head(client, innovation.url)
    assert head["og:site_name"] == "Kota Sukamaju"
    assert head.json_ld[0]["publisher"]["name"] == "Kota Sukamaju"


def test_news_story(client, make_news, innovation, image):
    story = make_news(
        "Pemenang KIPP 2024",
        lead="Tiga inovasi terbaik kota diumumkan.",
        date=datetime.date(2024, 5, 2),
        related_innovations=[innovation],
        image=image,
    )
    story.refresh_from_db()
    head = get_head(client, story.url)
    url = "http://localhost/berita/" + story.slug + "/"
    assert head["description"] == "Tiga inovasi terbaik kota diumumkan."
    assert head.canonical == url
    assert head["og:type"] == "article"
    assert head["article:published_time"] == "2024-05-02"
    published = timezone.localtime(story.last_published_at).isoformat(timespec="seconds")
    assert head["article:modified_time"] == published
    assert head["twitter:card"] == "summary_large_image"

    (data,) = head.json_ld
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Pemenang KIPP 2024"
    assert data["description"] == "Tiga inovasi terbaik kota diumumkan."
    assert data["datePublished"] == "2024-05-02"
    assert data["dateModified"] == published
    assert data["inLanguage"] == "id"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": SITE_NAME,
        "url": "http://localhost/",
    }
    assert data["image"] == [head["og:image"]]
    assert data["about"] == [
        {
            "@type": "CreativeWork",
            "name": "SI-CANTIK",
            "url": "http://localhost/katalog/" + innovation.slug + "/",
        }
    ]


def test_news_story_does_not_show_a_newer_draft(client, make_news):
    story = make_news("Judul terbit", date=datetime.date(2024, 5, 2))
    story.refresh_from_db()
    published = timezone.localtime(story.last_published_at).isoformat(timespec="seconds")
    draft = story.get_latest_revision_as_object()
    draft.title = "Judul draf"
    draft.date = datetime.date(2025, 1, 1)
    draft.save_revision()
    head = get_head(client, story.url)
    (data,) = head.json_ld
    assert (data["headline"], data["datePublished"], data["dateModified"]) == (
        "Judul terbit",
        "2024-05-02",
        published,
    )
    assert "about" not in data
    assert "Judul draf" not in client.get(story.url).content.decode()


def test_a_title_cannot_break_out_of_the_json_ld(client, make_news):
    title = 'Awas </script><script>alert("x")</script> & <!-- lagi'
    story = make_news(title)
    html = client.get(story.url).content.decode()
    start = html.index('<script type="application/ld+json">')
    script = html[start : html.index("</script>", start)]
    assert "<" not in script.split(">", 1)[1] and "&" not in script.split(">", 1)[1]
    head = get_head(client, story.url)
    assert head.json_ld[0]["headline"] == title
    assert head.title.startswith(title)
    assert head["og:title"] == title
    assert json_for_script({"a": "</script>"}) == '{"a": "\\u003C/script\\u003E"}'


def test_news_index(client, news_index, make_news):
    make_news()
    head = get_head(client, news_index.url)
    assert head["description"] == "Kabar inovasi kota."
    assert head.canonical == "http://localhost/berita/"
    assert head["og:type"] == "website"
    assert head["twitter:card"] == "summary"
    assert head.json_ld == []
    assert {link["type"] for link in head.link("alternate")} == {
        "application/rss+xml",
        "application/atom+xml",
    }


def test_catalogue(client, catalogue, make_innovation):
    make_innovation()
    head = get_head(client, catalogue.url + "?q=inovasi")
    assert head["description"] == "Semua inovasi."
    assert head.canonical == "http://localhost/katalog/"
    assert head["og:type"] == "website"
    assert head["og:url"] == "http://localhost/katalog/"
    assert head.json_ld == []
    assert len(head.link("stylesheet")) >= 1
    assert {link["type"] for link in head.link("alternate")} == {
        "application/rss+xml",
        "application/atom+xml",
    }


def test_round(client, make_competition):
    page = make_competition(title="KIPP Kota Sukamaju 2026", intro="Kompetisi inovasi pelayanan publik.")
    head = get_head(client, page.url)
    assert head["description"] == "Kompetisi inovasi pelayanan publik."
    assert head["og:type"] == "website"
    assert head.canonical == "http://localhost/" + page.slug + "/"
    (data,) = head.json_ld
    assert data["@type"] == "Event"
    assert data["name"] == "KIPP Kota Sukamaju 2026"
    stage = page.stages.get()
    assert data["startDate"] == stage.opens_at.astimezone(page.tzinfo).isoformat(timespec="seconds")
    assert data["endDate"] == stage.closes_at.astimezone(page.tzinfo).isoformat(timespec="seconds")
    assert data["location"] == {"@type": "VirtualLocation", "url": head.canonical}


def test_description_helpers():
    class Stub:
        title = "Judul"
        search_description = ""
        intro = "<p>Satu &amp; dua</p>"

    assert page_description(Stub()) == "Satu & dua"
    Stub.intro = " ".join(["kata"] * 50)
    assert page_description(Stub()).split() == ["kata"] * 39 + ["kata…"]
    Stub.intro = ""
    assert page_description(Stub()) == "Judul"
    assert [og_locale(code) for code in ("id", "en", "pt-br", "xx")] == ["id_ID", "en_US", "pt_BR", "xx"]


# Translations --------------------------------------------------------------------------------------


def publish_translation(page, locale):
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def bilingual(home_page, catalogue, news_index, innovation, make_news, competition, en_locale):
    """Everything in Indonesian and English, and an English draft of one story."""
    home_page.copy_for_translation(en_locale, copy_parents=True).save_revision().publish()
    story = make_news("Berita dwibahasa", date=datetime.date(2024, 5, 2), related_innovations=[innovation])
    only_indonesian = make_news("Hanya bahasa Indonesia", date=datetime.date(2024, 5, 3))
    pages = {
        "catalogue": catalogue,
        "news_index": news_index,
        "innovation": innovation,
        "story": story,
        "competition": competition,
    }
    english = {name: publish_translation(page, en_locale) for name, page in pages.items()}
    only_indonesian.copy_for_translation(en_locale)  # a draft translation
    return pages, english, only_indonesian


def test_hreflang_alternates_of_translated_pages(client, bilingual):
    pages, english, only_indonesian = bilingual
    for name, page in pages.items():
        head = get_head(client, page.url)
        id_url = page.get_full_url()
        en_url = english[name].get_full_url()
        assert en_url.startswith("http://localhost/en/"), en_url
        assert head.hreflang == {"id": id_url, "en": en_url, "x-default": id_url}, name
        assert head["og:locale"] == "id_ID"
        assert head["og:locale:alternate"] == "en_US"

        english_head = get_head(client, english[name].url)
        assert english_head.canonical == en_url, name
        assert english_head.hreflang == {"id": id_url, "en": en_url, "x-default": id_url}, name
        assert english_head["og:locale"] == "en_US"
        assert english_head["og:locale:alternate"] == "id_ID"

    assert get_head(client, only_indonesian.url).hreflang == {}, "a draft translation is not an alternate"

    # The English story is about the English innovation.
    (data,) = get_head(client, english["story"].url).json_ld
    assert data["inLanguage"] == "en"
    assert data["about"][0]["url"] == english["innovation"].get_full_url()


# Sitemap -------------------------------------------------------------------------------------------


def read_sitemap(client) -> dict[str, dict]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 (the sitemap this test just rendered)
    assert root.tag == SITEMAP + "urlset"
    urls = {}
    for element in root.findall(SITEMAP + "url"):
        location = element.findtext(SITEMAP + "loc")
        assert location not in urls, f"{location} is listed twice"
        urls[location] = {
            "lastmod": element.findtext(SITEMAP + "lastmod"),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in element.findall(XHTML + "link")
                if link.get("rel") == "alternate"
            },
        }
    return urls


def test_sitemap_lists_every_language_with_alternates(client, bilingual, home_page, make_news, news_index):
    pages, english, only_indonesian = bilingual
    draft = make_news("Draf", live=False)
    restricted = make_news("Rahasia")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="rahasia")
    from wagtail_kipp.models import NewsIndexPage

    unpublished_area = home_page.add_child(instance=NewsIndexPage(title="Arsip", slug="arsip", live=False))
    under_draft = make_news("Di bawah draf", parent=unpublished_area)
    assert under_draft.live

    urls = read_sitemap(client)

    for name, page in pages.items():
        id_url, en_url = page.get_full_url(), english[name].get_full_url()
        assert id_url in urls and en_url in urls, name
        expected = {"id": id_url, "en": en_url, "x-default": id_url}
        assert urls[id_url]["alternates"] == expected, name
        assert urls[en_url]["alternates"] == expected, name
        published = english[name].last_published_at
        assert urls[en_url]["lastmod"] == timezone.localtime(published).date().isoformat(), name
    assert "http://localhost/" in urls and "http://localhost/en/" in urls
    assert urls[only_indonesian.get_full_url()]["alternates"] == {}
    for page in (draft, restricted, unpublished_area, under_draft):
        assert page.get_full_url() not in urls, page.title
    assert not [url for url in urls if "arsip" in url]


def test_sitemap_queries_do_not_grow_with_the_pages(client, home_page, make_innovation):
    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            urls = read_sitemap(client)
        return len(urls), len(queries)

    make_innovation()
    count()  # fills Wagtail's cache of the sites' root paths
    pages, queries = count()
    assert queries <= 12
    for _ in range(5):
        make_innovation()
    assert count() == (pages + 5, queries)
