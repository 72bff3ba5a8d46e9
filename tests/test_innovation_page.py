"""The public innovation page: the whole record, awards, replications, related innovations, metadata."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from wagtail_kipp.models import AwardLevel, AwardTier

pytestmark = pytest.mark.django_db


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Foto", file=get_test_image_file(size=(800, 450)))


@pytest.fixture
def innovation(make_innovation, make_organisation, make_theme, image):
    parent = make_organisation(
        "Dinas Kependudukan dan Pencatatan Sipil", acronym="Disdukcapil", slug="dukcapil"
    )
    unit = make_organisation("Kecamatan Barat", kind="kecamatan", slug="kec-barat", parent=parent)
    theme = make_theme("Tata Kelola", "Governance", slug="tata-kelola")
    return make_innovation(
        "SI-CANTIK",
        organisation=unit,
        themes=[theme],
        sdgs=[16, 10],
        summary="Antar dokumen kependudukan ke rumah warga.",
        started_on=datetime.date(2021, 7, 27),
        is_digital=True,
        innovator_name="Tim Pelayanan Kecamatan Barat",
        image=image,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        replicated_elsewhere="Kabupaten Kudus\nKota Pekalongan\n",
        body=[
            {
                "type": "section",
                "value": {"heading": "Rancang bangun", "text": "<p>Warga memesan lewat WhatsApp.</p>"},
            },
            {"type": "result", "value": {"label": "Waktu layanan", "before": "3 hari", "after": "2 jam"}},
        ],
        awards=[
            {
                "year": 2022,
                "competition": "KIPP Kota Sukamaju",
                "level": AwardLevel.LOCAL,
                "tier": AwardTier.WINNER_1,
            },
            {
                "year": 2023,
                "competition": "KIPP Nasional",
                "level": AwardLevel.NATIONAL,
                "tier": AwardTier.TOP_99,
            },
        ],
    )


def test_page_shows_the_whole_record(client, innovation):
    response = client.get(innovation.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "SI-CANTIK",
        "Antar dokumen kependudukan ke rumah warga.",
        "Kecamatan Barat",
        "(Dinas Kependudukan dan Pencatatan Sipil)",
        "27 Juli 2021",
        "Tim Pelayanan Kecamatan Barat",
        "Tata Kelola",
        "16. Perdamaian, Keadilan dan Kelembagaan yang Tangguh",
        "Rancang bangun",
        "Warga memesan lewat WhatsApp.",
        "3 hari",
        "2 jam",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "Kabupaten Kudus",
        "Kota Pekalongan",
        "KIPP Kota Sukamaju",
    ]:
        assert text in html, text
    assert 'loading="lazy"' in html


def test_awards_are_badges_and_a_table(client, innovation):
    html = client.get(innovation.url).content.decode()
    assert "kipp-badge kipp-badge--lokal kipp-badge--win" in html
    assert 'kipp-badge kipp-badge--nasional"' in html
    assert html.count("<tr><td>20") == 2


def test_open_graph_metadata(client, innovation):
    html = client.get(innovation.url).content.decode()
    assert '<meta property="og:title" content="SI-CANTIK">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:image" content="http://testserver/' in html
    assert '<link rel="canonical" href="http://localhost/katalog/' in html


def test_replications_are_linked_both_ways(client, make_innovation, innovation):
    copy = make_innovation("SI-CANTIK Kecamatan Timur")
    copy.replicates.add(innovation)
    copy.save()
    original_html = client.get(innovation.url).content.decode()
    copy_html = client.get(copy.url).content.decode()
    assert f'<a href="{copy.url}">SI-CANTIK Kecamatan Timur</a>' in original_html
    assert f'<a href="{innovation.url}">SI-CANTIK</a>' in copy_html


def test_related_innovations_share_themes(client, make_innovation, make_theme, innovation):
    governance = innovation.themes.first()
    related = make_innovation("Tanda Tangan Elektronik", themes=[governance])
    unrelated = make_innovation("Kebun Sekolah", themes=[make_theme("Lingkungan")])
    assert list(innovation.get_related_innovations()) == [related]
    html = client.get(innovation.url).content.decode()
    assert related.title in html
    assert unrelated.title not in html


def test_unpublished_innovation_is_not_served(client, innovation):
    innovation.unpublish()
    assert client.get(innovation.url).status_code == 404


def test_text_is_escaped(client, make_innovation):
    page = make_innovation("<script>alert(1)</script>", summary="<img src=x onerror=alert(1)>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_print_styles_are_included(client, innovation):
    html = client.get(innovation.url).content.decode()
    assert "wagtail_kipp/css/kipp.css" in html


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/video.mp4",
        "https://youtube.com.evil.example/watch?v=abc",
        "javascript:alert(1)",
    ],
)
def test_video_links_must_be_youtube_or_vimeo(innovation, url):
    innovation.video_url = url
    with pytest.raises(ValidationError) as error:
        innovation.full_clean()
    assert "video_url" in error.value.message_dict


def test_documents_are_listed(client, innovation):
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="SK Inovasi", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="sk.pdf")
    )
    innovation.documents.create(document=document, title="SK Tim Inovasi")
    innovation.save()
    html = client.get(innovation.url).content.decode()
    assert "SK Tim Inovasi" in html
    assert "(PDF)" in html


def test_query_count_does_not_grow_with_gallery_and_related_innovations(
    client, django_assert_max_num_queries, make_innovation, innovation, image
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get(innovation.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(innovation.url).status_code == 200
        return len(queries)

    theme = innovation.themes.first()
    innovation.gallery_images.create(image=image, caption="Satu")
    innovation.save()
    first = make_innovation("Terkait 1", themes=[theme], image=image)
    first.replicates.add(innovation)
    first.save()
    small = count()
    for number in range(4):
        innovation.gallery_images.create(image=image, caption=f"Foto {number}")
        copy = make_innovation(f"Terkait {number + 2}", themes=[theme], image=image)
        copy.replicates.add(innovation)
        copy.save()
    innovation.save()
    assert count() == small
    with django_assert_max_num_queries(40):
        client.get(innovation.url)


def test_translated_page_links_replications_in_its_own_language(
    client, home_page, make_innovation, innovation, en_locale
):
    copy = make_innovation("SI-CANTIK Kecamatan Timur")
    copy.replicates.add(innovation)
    copy.save()
    home_page.copy_for_translation(en_locale, copy_parents=True).save_revision().publish()
    innovation.get_parent().copy_for_translation(en_locale).save_revision().publish()
    english = {}
    for page in (innovation, copy):
        translated = page.copy_for_translation(en_locale)
        translated.title = page.title + " (EN)"
        translated.save_revision().publish()
        english[page.pk] = translated
    html = client.get(english[innovation.pk].url).content.decode()
    assert f'<a href="{english[copy.pk].url}">SI-CANTIK Kecamatan Timur (EN)</a>' in html
    assert html.count("SI-CANTIK Kecamatan Timur") == 1


def test_choice_labels_follow_the_active_language(make_innovation):
    page = make_innovation(
        stage="uji_coba",
        awards=[{"year": 2024, "competition": "KIPP", "level": "provinsi", "tier": "top_99"}],
    )
    award = page.awards.get()
    with translation.override("en"):
        assert (page.get_stage_display(), award.get_level_display()) == ("trial", "provincial")
    with translation.override("id"):
        assert page.get_stage_display() == "uji coba"
        assert award.get_level_display() == "provinsi"
    page.stage = "unknown"  # a value outside the choices is shown as it is, as Django does
    assert page.get_stage_display() == "unknown"
