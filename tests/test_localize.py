"""Every public page type translates with wagtail-localize: Indonesian to English, and back.

The tests drive wagtail-localize the way its admin does:

- *Translate* (``translate_object``): a ``TranslationSource`` of the page, a ``Translation`` into the locale
  and its target saved at once, published when the source is live, untranslated segments showing the source
  text;
- the translation editor: one ``StringTranslation`` per translated segment (``edit_string_translation``);
- *Publish in English*: ``Translation.save_target``;
- *Sync translated pages* on the source page (``UpdateTranslationsView``):
  ``TranslationSource.update_from_db``, then ``save_target`` of each translation.

wagtail-localize publishes a target only once the transaction commits, so every save here runs its
``on_commit`` callbacks at once, as each admin request commits on its own.
"""

from __future__ import annotations

import copy
import datetime
import uuid

import pytest
from django.apps import apps
from django.test import TestCase
from django.utils.translation import get_language, override
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import (
    MissingTranslationError,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from tests.judged import TITLES, publish_final
from tests.judged import publish as publish_results
from wagtail_kipp.models import (
    Award,
    AwardLevel,
    CompetitionPage,
    Entry,
    InnovationIndexPage,
    InnovationPage,
    NewsIndexPage,
    NewsPage,
    Organisation,
    StageKind,
    StageResult,
    SustainableDevelopmentGoal,
    Theme,
)

NATIONAL_WIN = {"year": 2023, "competition": "KIPP Nasional", "level": AwardLevel.NATIONAL, "tier": "juara_1"}


# The admin's steps ------------------------------------------------------------------------------------------


def save_target(translation: Translation, publish: bool = True):
    """*Publish in English* (or save a draft): the target saved from the current translations, committed."""
    translation = Translation.objects.select_related("source").get(pk=translation.pk)  # a new request
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=publish)
    return translation.get_target_instance()


def start_translation(page, locale) -> Translation:
    """*Translate*: the page's source and a translation into ``locale``, its target saved and published."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locale)
    save_target(translation, publish=page.live)
    return translation


def translate(translation: Translation, strings: dict[str, str]) -> None:
    """The translation editor: each source text of ``strings`` translated in every segment that has it."""
    segments = list(StringSegment.objects.filter(source=translation.source).select_related("string"))
    for segment in segments:
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of_id=segment.string_id,
                locale_id=translation.target_locale_id,
                context_id=segment.context_id,
                defaults={
                    "data": strings[segment.string.data],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "has_error": False,
                    "field_error": "",
                },
            )
    missing = set(strings) - {segment.string.data for segment in segments}
    assert not missing, f"not segments of {translation.source.object_repr!r}: {sorted(missing)}"


def sync_source(page) -> TranslationSource:
    """The first half of *Sync translated pages*: the source read again from the (published) page."""
    source = TranslationSource.objects.get_for_instance(page)
    source.update_from_db()
    return source


def translate_page(page, locale, strings: dict[str, str]) -> Translation:
    translation = start_translation(page, locale)
    translate(translation, strings)
    save_target(translation)
    return translation


def url_in(page, language: str) -> str:
    with override(language):
        return page.get_url()


def get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    return response.content.decode()


def refreshed(page):
    return type(page).objects.get(pk=page.pk)


def assert_in(html: str, *texts: str) -> None:
    missing = [text for text in texts if text not in html]
    assert not missing, f"missing from the page: {missing}"


def assert_not_in(html: str, *texts: str) -> None:
    found = [text for text in texts if text in html]
    assert not found, f"should not be on the page: {found}"


def section(heading: str, text: str) -> dict:
    return {"type": "section", "value": {"heading": heading, "text": text}}


# Fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def keep_the_language():
    """Requests under /en/ leave English active in the thread: give the next test the language it had."""
    with override(get_language()):
        yield


@pytest.fixture
def english_home(home_page, en_locale):
    translation = translate_page(home_page, en_locale, {"Beranda": "Home"})
    return translation.get_target_instance()


@pytest.fixture
def english_catalogue(catalogue, english_home, en_locale):
    translation = translate_page(
        catalogue,
        en_locale,
        {
            "Katalog Inovasi": "Innovation Catalogue",
            "Semua inovasi.": "All innovations.",
            "katalog": "catalogue",
        },
    )
    return translation.get_target_instance()


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Foto", file=get_test_image_file(size=(800, 450)))


# 1. An innovation -------------------------------------------------------------------------------------------


def test_an_innovation_translates_to_english_and_follows_its_source(
    client, english_catalogue, make_innovation, make_theme, image, en_locale
):
    health = make_theme("Kesehatan", "Health")
    page = make_innovation(
        "Posyandu Keliling",
        summary="Kader mendatangi warga lansia di rumah.",
        themes=[health],
        sdgs=[3],
        awards=[NATIONAL_WIN],
        image=image,
        body=[
            section("Cara kerja", "<p>Kader mencatat pemeriksaan di aplikasi.</p>"),
            section("Manfaat", "<p>Warga tidak perlu antre.</p>"),
            {"type": "result", "value": {"label": "Waktu tunggu", "before": "3 hari", "after": "2 jam"}},
        ],
    )

    # *Translate*: the English page is live at once, with the Indonesian text where nothing is translated.
    translation = start_translation(page, en_locale)
    english = translation.get_target_instance()
    assert english.live and english.locale == en_locale and english.summary == page.summary
    translate(
        translation,
        {
            "Posyandu Keliling": "Mobile Health Post",
            page.slug: "mobile-health-post",
            "Kader mendatangi warga lansia di rumah.": "Volunteers visit elderly residents at home.",
            "Cara kerja": "How it works",
            "Kader mencatat pemeriksaan di aplikasi.": "Volunteers record check-ups in an app.",
            "Waktu tunggu": "Waiting time",
            "3 hari": "3 days",
            "2 jam": "2 hours",
        },
    )
    english = save_target(translation)

    url = url_in(english, "en")
    assert url == "/en/catalogue/mobile-health-post/"
    html = get(client, url)
    assert_in(
        html,
        '<html lang="en">',
        "Mobile Health Post",
        "Volunteers visit elderly residents at home.",
        "How it works",
        "Volunteers record check-ups in an app.",
        "Waiting time",
        "3 days",
        "2 hours",
        "At a glance",
    )
    assert_not_in(html, "Posyandu Keliling", "Kader mendatangi", "Cara kerja", "Kader mencatat", "Sekilas")
    # Not translated: the source text, because save_target always falls back to it.
    assert_in(html, "Manfaat", "Warga tidak perlu antre.")
    # Copied from the Indonesian page: the organisation (a proper noun), themes and SDGs (with their English
    # names), the awards (texts as they are, labels in English) and the image.
    assert english.organisation_id == page.organisation_id
    assert list(english.themes.all()) == [health]
    assert list(english.sdgs.values_list("number", flat=True)) == [3]
    assert [(a.year, a.competition, a.tier) for a in english.awards.all()] == [
        (2023, "KIPP Nasional", "juara_1")
    ]
    assert english.image_id == image.pk
    assert_in(html, page.organisation.name, ">Health<", "First place", "KIPP Nasional", "National")

    # Without the fallback, wagtail-localize refuses to save or preview a translation that is not complete,
    # and leaves the English page as it was.
    revisions = english.revisions.count()
    with pytest.raises(MissingTranslationError):
        translation.source.create_or_update_translation(en_locale, fallback=False)
    with pytest.raises(MissingTranslationError):
        translation.source.get_ephemeral_translated_instance(en_locale, fallback=False)
    translate(translation, {"Manfaat": "Benefits", "Warga tidak perlu antre.": "Residents no longer queue."})
    translation.source.get_ephemeral_translated_instance(en_locale, fallback=False)  # complete now
    assert english.revisions.count() == revisions
    assert "Manfaat" in get(client, url)  # not published yet
    english = save_target(translation)

    # The Indonesian page changes: its summary, one section's text, one more award and one more theme.
    body = copy.deepcopy(list(page.body.raw_data))  # the blocks keep their ids, as in the page editor
    body[0]["value"]["text"] = "<p>Kader mencatat pemeriksaan dan imunisasi di aplikasi.</p>"
    page.body = body
    page.summary = "Kader mendatangi warga lansia dan balita di rumah."
    page.awards.add(
        Award(year=2024, competition="KIPP Provinsi", level=AwardLevel.PROVINCIAL, tier="juara_2")
    )
    page.themes.add(make_theme("Pendidikan", "Education"))
    page.save_revision().publish()

    source = sync_source(page)
    assert source.pk == translation.source_id
    # The changed texts are new segments without a translation; the unchanged ones keep theirs.
    with pytest.raises(MissingTranslationError):
        source.create_or_update_translation(en_locale, fallback=False)
    translate(
        translation,
        {
            "Kader mendatangi warga lansia dan balita di rumah.": "Volunteers visit elderly residents and "
            "toddlers at home.",
            "Kader mencatat pemeriksaan dan imunisasi di aplikasi.": "Volunteers record check-ups and "
            "vaccinations in an app.",
        },
    )
    english = save_target(translation)

    html = get(client, url)
    assert_in(
        html,
        "Volunteers visit elderly residents and toddlers at home.",
        "Volunteers record check-ups and vaccinations in an app.",
        "Mobile Health Post",
        "How it works",
        "Benefits",
        "Residents no longer queue.",
        "Waiting time",
        "KIPP Provinsi",
        "Second place",
    )
    assert_not_in(
        html, "Volunteers visit elderly residents at home.", "Volunteers record check-ups in an app."
    )
    assert_not_in(html, "Kader", "balita", "imunisasi")
    assert english.organisation_id == page.organisation_id
    assert sorted(english.awards.values_list("competition", flat=True)) == ["KIPP Nasional", "KIPP Provinsi"]
    # Themes and SDGs are copied once, when the translation is made: wagtail-localize does not synchronise
    # many-to-many fields (as docs/tutorial.md, "Translate it", says); the sync keeps the English ones.
    assert list(english.themes.all()) == [health]
    assert list(english.sdgs.values_list("number", flat=True)) == [3]
    # The Indonesian page is untouched by all this.
    html = get(client, url_in(page, "id"))
    assert_in(html, "Posyandu Keliling", "Kader mencatat pemeriksaan dan imunisasi di aplikasi.", "Manfaat")
    assert_not_in(html, "Mobile Health Post", "How it works")


# 2. A competition round -------------------------------------------------------------------------------------


def section_html(html: str, heading_id: str) -> str:
    """The ``<section>`` of the page labelled by the heading ``heading_id``, or ``""``."""
    start = html.find(f'aria-labelledby="{heading_id}"')
    return html[start : html.find("</section>", start)] if start >= 0 else ""


def test_a_round_translates_to_english_and_shows_the_results_of_the_indonesian_round(
    client, judged, english_catalogue, make_innovation, en_locale
):
    page = judged.page
    page.intro = "Lomba inovasi pelayanan publik tingkat kota."
    page.rules = "<p>Setiap perangkat daerah boleh mengirim tiga proposal.</p>"
    page.save_revision().publish()
    # The first entry's innovation is in the catalogue in both languages.
    innovation = make_innovation(TITLES[0], organisation=judged.entries[0].organisation)
    english_innovation = translate_page(
        innovation, en_locale, {TITLES[0]: "Document Delivery"}
    ).get_target_instance()
    Entry.objects.filter(pk=judged.entries[0].pk).update(innovation=innovation)

    translation = translate_page(
        page,
        en_locale,
        {
            page.title: "City Innovation Competition",
            page.slug: "competition",
            "Lomba inovasi pelayanan publik tingkat kota.": "The city's public service innovation "
            "competition.",
            "Setiap perangkat daerah boleh mengirim tiga proposal.": "Each department may submit three "
            "proposals.",
        },
    )
    english = translation.get_target_instance()
    assert english.live and english.locale == en_locale
    assert english.results_round().pk == page.pk
    # Stages, entry groups and criteria are the English round's own copies of the Indonesian ones.
    kinds = sorted(page.stages.values_list("kind", flat=True))
    assert sorted(english.stages.values_list("kind", flat=True)) == kinds
    assert list(english.entry_groups.values_list("slug", "template")) == list(
        page.entry_groups.values_list("slug", "template")
    )
    criteria = sorted(page.criteria.values_list("stage_kind", "key", "weight"))
    assert criteria and sorted(english.criteria.values_list("stage_kind", "key", "weight")) == criteria
    assert not english.stages.filter(pk__in=page.stages.values("pk")).exists()

    url = url_in(english, "en")
    assert url == "/en/competition/"
    html = get(client, url)
    with override("en"):
        stage_labels = [str(StageKind(kind).label) for kind in kinds]
    assert_in(
        html,
        '<html lang="en">',
        "City Innovation Competition",
        "The city&#x27;s public service innovation competition.",
        "Each department may submit three proposals.",
        'id="kipp-round-timeline">Timeline<',
        *stage_labels,
    )
    assert_not_in(html, page.title, "Lomba inovasi", "Setiap perangkat daerah", "kipp-round-finalists")

    # The results belong to the Indonesian round; the English round shows them as they are published.
    publish_results(judged)
    html = get(client, url)
    finalists = section_html(html, "kipp-round-finalists")
    assert_in(finalists, ">Finalists<", TITLES[0], TITLES[1], f'href="{url_in(english_innovation, "en")}"')
    assert_not_in(finalists, TITLES[2], f'href="{url_in(innovation, "id")}"')
    assert not section_html(html, "kipp-round-winners")

    publish_final(judged)  # also drops the interview stage from the Indonesian round
    winners = section_html(get(client, url), "kipp-round-winners")
    with override("en"):
        first = StageResult.objects.get(entry=judged.entries[0], stage_kind="final").get_award_tier_display()
    assert_in(
        winners, ">Winners<", TITLES[0], str(first).capitalize(), f'href="{url_in(english_innovation, "en")}"'
    )
    assert_not_in(winners, TITLES[2])

    # Sync: the new introduction is translated, the stages follow the Indonesian round, the results stay.
    page = refreshed(page)
    page.intro = "Lomba inovasi pelayanan publik tingkat kota, tahun kedua."
    page.save_revision().publish()
    sync_source(page)
    translate(
        translation,
        {"Lomba inovasi pelayanan publik tingkat kota, tahun kedua.": "The city's competition, second year."},
    )
    english = save_target(translation)
    assert sorted(english.stages.values_list("kind", flat=True)) == sorted(
        page.stages.values_list("kind", flat=True)
    )
    assert "interview" not in english.stages.values_list("kind", flat=True)
    assert list(english.entry_groups.values_list("slug", flat=True)) == ["umum"]
    html = get(client, url)
    assert_in(
        html, "The city&#x27;s competition, second year.", "City Innovation Competition", "Each department"
    )
    with override("en"):
        assert_not_in(html, str(StageKind.INTERVIEW.label))
    assert_in(section_html(html, "kipp-round-winners"), TITLES[0])
    assert_in(section_html(html, "kipp-round-finalists"), TITLES[0], TITLES[1])
    # The entries still belong to the Indonesian round and its groups.
    assert set(Entry.objects.values_list("competition", flat=True)) == {page.pk}
    assert set(Entry.objects.values_list("group__competition", flat=True)) == {page.pk}


# 3. News, and the two indexes -------------------------------------------------------------------------------


@pytest.fixture
def english_news_index(news_index, english_home, en_locale):
    translation = translate_page(
        news_index,
        en_locale,
        {"Berita": "News", "berita": "news", "Kabar inovasi kota.": "Innovation news from the city."},
    )
    return translation.get_target_instance()


def test_a_news_story_translates_to_english_and_links_the_english_innovations(
    client, english_catalogue, english_news_index, make_news, make_innovation, en_locale
):
    translated = make_innovation("Posyandu Keliling")
    english_innovation = translate_page(
        translated,
        en_locale,
        {"Posyandu Keliling": "Mobile Health Post", translated.slug: "mobile-health-post"},
    ).get_target_instance()
    untranslated = make_innovation("Pasar Daring")
    story = make_news(
        "Posyandu Keliling juara KIPP",
        lead="Inovasi Dinas Kesehatan meraih juara pertama.",
        body=[
            ("heading", "Latar belakang"),
            ("paragraph", "<p>Kader mendatangi warga lansia di rumah.</p>"),
            ("heading", "Langkah berikutnya"),
        ],
        tags=["kesehatan"],
        related_innovations=[translated, untranslated],
    )

    translation = translate_page(
        story,
        en_locale,
        {
            "Posyandu Keliling juara KIPP": "Mobile Health Post wins KIPP",
            story.slug: "mobile-health-post-wins",
            "Inovasi Dinas Kesehatan meraih juara pertama.": "The health office's innovation takes first "
            "place.",
            "Latar belakang": "Background",
            "Kader mendatangi warga lansia di rumah.": "Volunteers visit elderly residents at home.",
        },
    )
    english = translation.get_target_instance()
    url = url_in(english, "en")
    assert url == "/en/news/mobile-health-post-wins/"
    html = get(client, url)
    assert_in(
        html,
        '<html lang="en">',
        "Mobile Health Post wins KIPP",
        "The health office&#x27;s innovation takes first place.",
        ">Background<",
        "Volunteers visit elderly residents at home.",
        "Innovations in this story",
        ">kesehatan</a>",  # the tags are copied as they are
        "Langkah berikutnya",  # not translated: the source text
    )
    assert_not_in(html, "Posyandu Keliling juara", "Latar belakang", "Kader mendatangi")
    # Each related innovation in English where it is translated, else the Indonesian page.
    assert list(english.related_innovations.all()) == [translated, untranslated]  # copied as they are
    related = section_html(html, "kipp-related-innovations")
    assert_in(related, f'href="{url_in(english_innovation, "en")}">Mobile Health Post<')
    assert_in(related, f'href="{url_in(untranslated, "id")}">Pasar Daring<')
    assert_not_in(related, "Posyandu Keliling", f'href="{url_in(translated, "id")}"')

    # The story changes: a new lead, a changed paragraph, one more tag.
    story = refreshed(story)
    body = copy.deepcopy(list(story.body.raw_data))
    body[1]["value"] = "<p>Kader mendatangi warga lansia dan balita di rumah.</p>"
    story.body = body
    story.lead = "Inovasi Dinas Kesehatan meraih juara pertama tingkat kota."
    story.tags.add("lansia")
    story.save_revision().publish()
    # A script's way to the same sync: the source updated from the page, when it changed.
    source, created = TranslationSource.update_or_create_from_instance(refreshed(story))
    assert not created and source.pk == translation.source_id
    with pytest.raises(MissingTranslationError):
        source.create_or_update_translation(en_locale, fallback=False)
    translate(
        translation,
        {
            "Inovasi Dinas Kesehatan meraih juara pertama tingkat kota.": "The health office's innovation "
            "takes first place in the city.",
            "Kader mendatangi warga lansia dan balita di rumah.": "Volunteers visit elderly residents and "
            "toddlers at home.",
        },
    )
    english = save_target(translation)
    html = get(client, url)
    assert_in(
        html,
        "first place in the city.",
        "Volunteers visit elderly residents and toddlers at home.",
        "Mobile Health Post wins KIPP",
        ">Background<",
        ">kesehatan</a>",
        ">lansia</a>",
    )
    assert_not_in(html, "Volunteers visit elderly residents at home.", "Kader", "balita")
    assert sorted(english.tags.names()) == ["kesehatan", "lansia"]
    assert list(english.related_innovations.all()) == [translated, untranslated]


def test_the_english_indexes_list_only_english_live_pages(
    client,
    catalogue,
    english_catalogue,
    news_index,
    english_news_index,
    make_innovation,
    make_news,
    en_locale,
):
    innovations = [
        make_innovation(title) for title in ("Posyandu Keliling", "Antrean Daring", "Pasar Daring")
    ]
    translate_page(innovations[0], en_locale, {"Posyandu Keliling": "Mobile Health Post"})
    stories = [make_news(title) for title in ("Juara KIPP", "Pendaftaran dibuka", "Kunjungan lapangan")]
    translate_page(stories[0], en_locale, {"Juara KIPP": "KIPP winners"})
    # The second innovation and story have an English draft; the third are only in Indonesian.
    for page in (innovations[1], stories[1]):
        source, _created = TranslationSource.get_or_create_from_instance(page)
        draft = save_target(Translation.objects.create(source=source, target_locale=en_locale), publish=False)
        assert not draft.live

    response = client.get(url_in(english_catalogue, "en"))
    assert response.status_code == 200
    assert [page.title for page in response.context["innovations"]] == ["Mobile Health Post"]
    assert_in(response.content.decode(), '<html lang="en">', "Innovation Catalogue", "All innovations.")
    response = client.get(url_in(english_news_index, "en"))
    assert response.status_code == 200
    assert [page.title for page in response.context["stories"]] == ["KIPP winners"]
    assert_in(response.content.decode(), '<html lang="en">', ">News<", "Innovation news from the city.")
    assert_not_in(response.content.decode(), "Juara KIPP", "Pendaftaran dibuka", "Kunjungan lapangan")

    # The Indonesian indexes list all the Indonesian pages.
    response = client.get(url_in(catalogue, "id"))
    assert sorted(page.title for page in response.context["innovations"]) == sorted(
        p.title for p in innovations
    )
    response = client.get(url_in(news_index, "id"))
    assert sorted(page.title for page in response.context["stories"]) == sorted(p.title for p in stories)


# 4. And back: written in English, translated into Indonesian -----------------------------------------------


def test_an_innovation_written_in_english_translates_to_indonesian(
    client, catalogue, english_catalogue, make_organisation, make_theme, en_locale
):
    health = make_theme("Kesehatan", "Health")
    english = english_catalogue.add_child(
        instance=InnovationPage(
            title="Smart Parking",
            slug="smart-parking",
            organisation=make_organisation("Dinas Perhubungan"),
            summary="Drivers pay for parking with a QR code.",
            started_on=datetime.date(2022, 5, 1),
            themes=[health],
            body=[section("How it works", "<p>Officers scan the code.</p>")],
        )
    )
    assert english.locale == en_locale and english.live

    indonesian_locale = Locale.get_default()
    translation = translate_page(
        english,
        indonesian_locale,
        {
            "Smart Parking": "Parkir Pintar",
            "smart-parking": "parkir-pintar",
            "Drivers pay for parking with a QR code.": "Pengemudi membayar parkir dengan kode QR.",
            "How it works": "Cara kerja",
            "Officers scan the code.": "Petugas memindai kode.",
        },
    )
    page = translation.get_target_instance()
    assert page.locale == indonesian_locale and page.live and page.translation_key == english.translation_key
    assert page.get_parent().pk == catalogue.pk
    assert page.organisation_id == english.organisation_id and list(page.themes.all()) == [health]

    url = url_in(page, "id")
    assert url == "/katalog/parkir-pintar/"
    html = get(client, url)
    assert_in(
        html,
        '<html lang="id">',
        "Parkir Pintar",
        "Pengemudi membayar parkir dengan kode QR.",
        "Cara kerja",
        "Petugas memindai kode.",
        "Sekilas",
        ">Kesehatan<",
        "Dinas Perhubungan",
    )
    assert_not_in(
        html, "Smart Parking", "Drivers pay", "How it works", "Officers scan", "At a glance", "Health"
    )
    response = client.get(url_in(catalogue, "id"))
    assert [innovation.title for innovation in response.context["innovations"]] == ["Parkir Pintar"]
    # The English original is as it was.
    assert_in(get(client, url_in(english, "en")), "Smart Parking", "Officers scan the code.", ">Health<")


# 5. What wagtail-localize can translate --------------------------------------------------------------------

PUBLIC_PAGE_MODELS = (InnovationPage, InnovationIndexPage, CompetitionPage, NewsPage, NewsIndexPage)


def test_every_public_page_model_is_translatable():
    page_models = {
        model for model in apps.get_app_config("wagtail_kipp").get_models() if issubclass(model, Page)
    }
    assert page_models == set(PUBLIC_PAGE_MODELS), "a new page model: test its translation in this module"
    assert [model for model in PUBLIC_PAGE_MODELS if not issubclass(model, TranslatableMixin)] == []


def blocks(*values: dict) -> list[dict]:
    """Stream blocks with the ids a saved page gives them (wagtail-localize names segments by block id)."""
    return [{**value, "id": str(uuid.uuid4())} for value in values]


@pytest.mark.parametrize(
    ("model", "content", "translated"),
    [
        (
            InnovationPage,
            {
                "organisation": Organisation(name="Dinas Uji"),
                "summary": "Ringkasan.",
                "innovator_name": "Tim Inovasi",
                "replicated_elsewhere": "Kabupaten Lain",
                "body": blocks(
                    section("Cara kerja", "<p>Teks.</p>"),
                    {"type": "result", "value": {"label": "Waktu", "before": "3 hari", "after": "2 jam"}},
                    {"type": "quote", "value": "Kutipan."},
                ),
            },
            {
                "summary": {"Ringkasan."},
                "innovator_name": {"Tim Inovasi"},
                "replicated_elsewhere": {"Kabupaten Lain"},
                "body": {"Cara kerja", "Teks.", "Waktu", "3 hari", "2 jam", "Kutipan."},
            },
        ),
        (InnovationIndexPage, {"intro": "<p>Pengantar.</p>"}, {"intro": {"Pengantar."}}),
        (
            CompetitionPage,
            {"year": 2026, "intro": "Pengantar.", "rules": "<p>Aturan.</p>"},
            {"intro": {"Pengantar."}, "rules": {"Aturan."}},
        ),
        (
            NewsPage,
            {
                "lead": "Ringkasan.",
                "body": blocks(
                    {"type": "heading", "value": "Subjudul"}, {"type": "paragraph", "value": "<p>Teks.</p>"}
                ),
            },
            {"lead": {"Ringkasan."}, "body": {"Subjudul", "Teks."}},
        ),
        (NewsIndexPage, {"intro": "<p>Pengantar.</p>"}, {"intro": {"Pengantar."}}),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_wagtail_localize_extracts_the_text_of_every_page_model(db, model, content, translated):
    """Each public text of each page model is a segment for the translators, nothing is left out."""
    page = model(
        title="Judul", slug="judul", seo_title="Judul SEO", search_description="Deskripsi.", **content
    )
    extracted: dict[str, set[str]] = {}
    for segment in extract_segments(page):
        if isinstance(segment, StringSegmentValue):
            extracted.setdefault(segment.path.split(".")[0], set()).add(segment.string.data)
    assert extracted == {
        "title": {"Judul"},
        "slug": {"judul"},
        "seo_title": {"Judul SEO"},
        "search_description": {"Deskripsi."},
        **translated,
    }


def test_reference_data_carries_both_languages_in_its_own_row(make_theme, make_organisation):
    """
    Themes, SDGs and organisations are snippets without a locale: a theme or SDG has its Indonesian and
    English name in one row (shown by the active language), an organisation's name is a proper noun. The
    English catalogue shows the English names: see
    tests/test_catalogue.py::test_english_catalogue_filters_its_own_pages_with_english_labels (and the
    English innovation page above).
    """
    for model in (Theme, SustainableDevelopmentGoal, Organisation):
        assert not issubclass(model, TranslatableMixin), model
    health, other = make_theme("Kesehatan", "Health"), make_theme("Lainnya")
    sdg = SustainableDevelopmentGoal.objects.get(number=3)
    organisation = make_organisation("Dinas Kesehatan", acronym="Dinkes")
    assert sdg.name_en and sdg.name_en != sdg.name
    with override("en"):
        assert [str(health), str(other), str(sdg), str(organisation)] == [
            "Health",
            "Lainnya",  # no English name: the Indonesian one
            f"3. {sdg.name_en}",
            "Dinas Kesehatan (Dinkes)",
        ]
    with override("id"):
        assert [str(health), str(other), str(sdg), str(organisation)] == [
            "Kesehatan",
            "Lainnya",
            f"3. {sdg.name}",
            "Dinas Kesehatan (Dinkes)",
        ]
