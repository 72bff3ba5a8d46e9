"""
Catalogue cards kept in the database: rendered once (when published, by kipp_index_catalogue, or on first
listing), read by key afterwards, and rendered again whenever what they show changes.
"""

import datetime
import logging

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.template import engines
from django.test.utils import override_settings
from wagtail.models import PageViewRestriction

from wagtail_kipp.catalogue import cards, listing
from wagtail_kipp.models import Award, AwardLevel, AwardTier, CatalogueCard, InnovationPage

from .test_catalogue_cache import show


@pytest.fixture
def rendered(monkeypatch):
    """The innovations whose cards were rendered (not read from the store), in order."""
    titles = []
    real = cards.render_each

    def spy(template_name, name, objects, request):
        titles.extend(obj.title for obj in objects)
        return real(template_name, name, objects, request)

    monkeypatch.setattr(cards, "render_each", spy)
    return titles


@pytest.fixture
def three(make_innovation, make_organisation):
    org = make_organisation("Dinas Kesehatan", slug="dinkes")
    return {
        title: make_innovation(title, organisation=org, started_on=datetime.date(2020 + number, 1, 1))
        for number, title in enumerate(["Posyandu Digital", "Sehat Keliling", "Rapor Daring"])
    }


def test_cards_are_rendered_once_and_then_read_from_the_database(client, catalogue, three, rendered):
    first = show(client)
    assert sorted(rendered) == sorted(three)
    assert CatalogueCard.objects.count() == 3
    rendered.clear()
    again = show(client, "/katalog/?sort=name")  # another view of the same innovations
    assert rendered == []
    assert again.titles == ["Posyandu Digital", "Rapor Daring", "Sehat Keliling"]
    assert again.card("Sehat Keliling").split("</li>")[0] == first.card("Sehat Keliling").split("</li>")[0]
    assert "&lt;li" not in again.html  # stored HTML is output as HTML, not escaped


def test_publishing_renders_the_card_ahead_of_visitors(
    client, catalogue, three, rendered, django_capture_on_commit_callbacks
):
    show(client)
    rendered.clear()
    page = InnovationPage.objects.get(pk=three["Sehat Keliling"].pk)
    page.title = "Sehat Keliling Kota"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert rendered == ["Sehat Keliling Kota"]  # by the task queued on commit
    card = CatalogueCard.objects.get(page=page)
    assert "Sehat Keliling Kota" in card.html
    rendered.clear()
    shown = show(client)
    assert rendered == []
    assert "Sehat Keliling Kota" in shown.titles


def test_a_direct_save_without_publishing_renders_the_card_again(client, catalogue, three, rendered):
    show(client)
    rendered.clear()
    page = InnovationPage.objects.get(pk=three["Rapor Daring"].pk)
    page.summary = "Nilai rapor dikirim ke orang tua."
    page.save()  # keeps last_published_at: the card is dropped with the save
    shown = show(client)
    assert rendered == ["Rapor Daring"]
    assert "Nilai rapor dikirim ke orang tua." in shown.card("Rapor Daring")


def test_an_award_changed_in_place_renders_the_card_again(client, catalogue, three, rendered):
    award = Award.objects.create(
        page=three["Posyandu Digital"],
        year=2024,
        competition="KIPP",
        level=AwardLevel.LOCAL,
        tier=AwardTier.HONOURABLE_MENTION,
    )
    assert "kipp-badge--lokal" in show(client).card("Posyandu Digital")
    rendered.clear()
    award.level, award.tier = AwardLevel.PROVINCIAL, AwardTier.WINNER_1
    award.save()  # as a correction in the admin, without publishing the innovation
    shown = show(client)
    assert rendered == ["Posyandu Digital"]
    assert "kipp-badge--provinsi" in shown.card("Posyandu Digital")


def test_a_moved_innovation_gets_a_card_with_its_new_address(client, catalogue, three, home_page):
    from wagtail_kipp.models import InnovationIndexPage

    assert "/katalog/" in show(client).card("Rapor Daring")
    other = home_page.add_child(instance=InnovationIndexPage(title="Arsip", slug="arsip"))
    page = InnovationPage.objects.get(pk=three["Rapor Daring"].pk)
    page.move(other, pos="last-child")
    moved = show(client, "/arsip/")
    assert f'href="/arsip/{page.slug}/"' in moved.card("Rapor Daring")
    assert "Rapor Daring" not in show(client).titles


def test_a_renamed_or_deleted_theme_renders_the_cards_of_its_innovations_again(
    client, catalogue, three, rendered, make_theme, django_capture_on_commit_callbacks
):
    theme = make_theme("Kesehatan")
    page = InnovationPage.objects.get(pk=three["Sehat Keliling"].pk)
    page.themes.add(theme)
    page.save_revision().publish()
    show(client)
    rendered.clear()
    theme.name = "Kesehatan Masyarakat"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save()  # a card template may show themes
    assert rendered == ["Sehat Keliling"]  # rendered ahead, after the commit
    rendered.clear()
    show(client)
    assert rendered == []  # the others kept their cards
    with django_capture_on_commit_callbacks(execute=True):
        theme.delete()
    assert rendered == ["Sehat Keliling"]


def test_each_language_has_its_own_cards(client, catalogue, three, rendered):
    indonesian = show(client)
    rendered.clear()
    english = show(client, "/en/katalog/")
    assert sorted(rendered) == sorted(three)
    assert "Since 2021" in english.card("Sehat Keliling")
    assert "Sejak 2021" in indonesian.card("Sehat Keliling")
    assert CatalogueCard.objects.values("variant").distinct().count() == 2
    rendered.clear()
    assert show(client, "/en/katalog/").html == english.html
    assert rendered == []


def test_the_variant_names_the_template_language_and_site():
    template = listing.Catalogue.card_template
    variant = cards.variant_of(template, "id", 1)
    assert variant == cards.variant_of(template, "id", 1)
    assert variant != cards.variant_of(template, "en", 1)
    assert variant != cards.variant_of(template, "id", 2)
    assert variant != cards.variant_of("wagtail_kipp/includes/award_badges.html", "id", 1)


def test_the_fingerprint_covers_the_templates_a_card_includes():
    def fingerprint(badge):
        loader = (
            "django.template.loaders.locmem.Loader",
            {"card.html": "<li>{{ innovation }}{% include 'badge.html' %}</li>", "badge.html": badge},
        )
        templates = [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {"loaders": [loader]},
            }
        ]
        with override_settings(TEMPLATES=templates):
            engines._engines = {}
            engines.__dict__.pop("templates", None)
            try:
                return cards.template_fingerprint("card.html")
            finally:
                engines._engines = {}
                engines.__dict__.pop("templates", None)

    assert fingerprint("<b>menang</b>") == fingerprint("<b>menang</b>")
    assert fingerprint("<b>menang</b>") != fingerprint("<b>juara</b>")


def test_kipp_index_catalogue_renders_every_card(client, catalogue, three, rendered):
    CatalogueCard.objects.create(
        page=three["Rapor Daring"],
        variant="old",
        stamp="x",
        html="<li>old</li>",
        rendered_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
    )
    call_command("kipp_index_catalogue", verbosity=0)
    assert sorted(rendered) == sorted(three)
    assert not CatalogueCard.objects.filter(variant="old").exists()
    rendered.clear()
    assert len(show(client).titles) == 3
    assert rendered == []


def test_cards_are_rendered_only_for_innovations_a_catalogue_lists(
    client, catalogue, three, make_innovation, home_page
):
    restricted = make_innovation("Khusus Pegawai")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    draft = make_innovation("Belum Terbit", live=False)
    elsewhere = make_innovation("Di Beranda", parent=home_page)
    assert cards.render_pages([restricted.pk, draft.pk, elsewhere.pk, three["Rapor Daring"].pk]) == 1
    assert list(CatalogueCard.objects.values_list("page_id", flat=True)) == [three["Rapor Daring"].pk]
    assert "Khusus Pegawai" not in show(client).titles


def test_a_card_that_cannot_be_stored_is_still_shown(client, catalogue, three, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(CatalogueCard.objects, "bulk_create", refuse)
    with caplog.at_level(logging.WARNING, logger="wagtail_kipp.catalogue.cards"):
        shown = show(client)
    assert len(shown.titles) == 3
    assert "could not be stored" in caplog.text
    assert not CatalogueCard.objects.exists()


def test_unpublishing_drops_the_stored_card(client, catalogue, three):
    show(client)
    page = InnovationPage.objects.get(pk=three["Sehat Keliling"].pk)
    page.unpublish()
    assert not CatalogueCard.objects.filter(page=page).exists()
    assert CatalogueCard.objects.count() == 2


def test_stored_cards_are_read_in_constant_queries(client, catalogue, make_innovation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        show(client, "/katalog/?sort=name")  # cards stored, counts cached
        with CaptureQueriesContext(connection) as captured:
            show(client, "/katalog/?sort=name")
        return len(captured)

    for _ in range(3):
        make_innovation()
    few = queries()
    for _ in range(27):
        make_innovation()
    assert queries() == few


def test_an_edited_or_deleted_image_renders_its_cards_again(client, catalogue, make_innovation, rendered):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Foto", file=get_test_image_file(size=(800, 450)))
    make_innovation("Bergambar", image=image)
    make_innovation("Tanpa Gambar")
    before = show(client).card("Bergambar")
    assert "<img" in before
    rendered.clear()
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        700,
        400,
        50,
        50,
    )
    image.save()
    after = show(client).card("Bergambar")
    assert rendered == ["Bergambar"]
    assert after != before and "<img" in after
    rendered.clear()
    image.delete()
    gone = show(client).card("Bergambar")
    assert rendered == ["Bergambar"]
    assert "<img" not in gone
