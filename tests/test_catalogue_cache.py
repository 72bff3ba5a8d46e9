"""
The catalogue's cache (facet counts, totals, the filter panel and the cards): cached safely, so a publish,
unpublish or edit shows on the very next request; and the shortened organisation facet.
"""

import datetime
import html as html_lib
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings

from wagtail_kipp.catalogue.cache import current_version
from wagtail_kipp.models import Award, AwardLevel, AwardTier, CatalogueVersion, InnovationPage, Organisation

FACET_OPTION = re.compile(
    r'<input type="checkbox" id="kipp-(?P<facet>[\w-]+)-\d+" name="(?P=facet)" value="(?P<value>[^"]*)"'
    r"(?: checked)?>\s*<label [^>]*>(?P<label>[^<]*) <span class=\"kipp-count\">(?P<count>\d+)</span>"
)
CARD_TITLE = re.compile(r'<h3 class="kipp-card__title"><a href="[^"]*">([^<]*)</a></h3>')
CARD_ORG = re.compile(r'<p class="kipp-card__org">([^<]*)</p>')
RESULT_COUNT = re.compile(r'<h2 id="kipp-results-heading"[^>]*>\s*(\d+)\b')


class Shown:
    """What a visitor sees on one catalogue response: the count, the filter panel and the cards."""

    def __init__(self, response):
        assert response.status_code == 200
        self.html = response.content.decode()
        match = RESULT_COUNT.search(self.html)
        assert match, "no result count on the page"
        self.count = int(match.group(1))
        self.titles = [html_lib.unescape(title) for title in CARD_TITLE.findall(self.html)]
        self.organisations = [html_lib.unescape(name) for name in CARD_ORG.findall(self.html)]

    def card(self, title):
        """The rendered card of the innovation titled ``title``."""
        cards = self.html.split('<li class="kipp-card">')[1:]
        return cards[self.titles.index(title)]

    def facet(self, name):
        """``{value: (label, count)}`` of one facet as rendered in the filter panel."""
        return {
            match["value"]: (html_lib.unescape(match["label"]), int(match["count"]))
            for match in FACET_OPTION.finditer(self.html)
            if match["facet"] == name
        }


def show(client, url="/katalog/"):
    return Shown(client.get(url))


@pytest.fixture
def health(make_theme):
    return make_theme("Kesehatan", "Health")


@pytest.fixture
def dinkes(make_organisation):
    return make_organisation("Dinas Kesehatan", acronym="Dinkes", slug="dinkes")


@pytest.fixture
def listed(make_innovation, make_organisation, health, dinkes):
    """Two live innovations of Dinkes in the theme Kesehatan and one of another organisation."""
    other = make_organisation("Dinas Pendidikan", slug="disdik")
    return {
        "posyandu": make_innovation(
            "Posyandu Digital", organisation=dinkes, themes=[health], started_on=datetime.date(2021, 1, 1)
        ),
        "sehat": make_innovation(
            "Sehat Keliling", organisation=dinkes, themes=[health], started_on=datetime.date(2022, 1, 1)
        ),
        "rapor": make_innovation("Rapor Daring", organisation=other, started_on=datetime.date(2023, 1, 1)),
    }


def test_a_cached_catalogue_shows_what_is_live(client, catalogue, listed):
    first = show(client)
    again = show(client)
    for shown in (first, again):
        assert shown.count == 3
        assert shown.titles == ["Rapor Daring", "Sehat Keliling", "Posyandu Digital"]
        assert shown.facet("organisation") == {
            "dinkes": ("Dinas Kesehatan (Dinkes)", 2),
            "disdik": ("Dinas Pendidikan", 1),
        }
        assert shown.facet("theme") == {"kesehatan": ("Kesehatan", 2)}
    assert again.html == first.html


def test_a_published_innovation_shows_at_once(client, catalogue, listed, make_innovation, dinkes, health):
    before = show(client)
    draft = make_innovation(
        "Ambulans Desa",
        organisation=dinkes,
        themes=[health],
        live=False,
        started_on=datetime.date(2024, 1, 1),
    )
    assert show(client).html == before.html  # a draft changes nothing

    draft.save_revision().publish()
    after = show(client)
    assert after.count == 4
    assert after.titles[0] == "Ambulans Desa"
    assert after.facet("organisation")["dinkes"] == ("Dinas Kesehatan (Dinkes)", 3)
    assert after.facet("theme") == {"kesehatan": ("Kesehatan", 3)}
    assert after.facet("year")["2024"] == ("2024", 1)


def test_an_unpublished_innovation_disappears_at_once(client, catalogue, listed):
    show(client)
    listed["posyandu"].unpublish()
    after = show(client)
    assert after.count == 2
    assert "Posyandu Digital" not in after.titles
    assert "Posyandu Digital" not in after.html
    assert after.facet("organisation")["dinkes"] == ("Dinas Kesehatan (Dinkes)", 1)
    assert "2021" not in after.facet("year")


def test_an_edited_title_shows_at_once_in_cards_and_search(client, catalogue, listed):
    show(client)
    show(client, "/katalog/?q=posyandu")
    page = listed["posyandu"]
    page.title = "Posyandu Pintar"
    page.summary = "Timbang balita dengan aplikasi."
    page.save_revision().publish()
    after = show(client)
    assert "Posyandu Pintar" in after.titles
    assert "Posyandu Digital" not in after.html
    assert "Timbang balita dengan aplikasi." in after.html
    searched = show(client, "/katalog/?q=pintar")
    assert searched.titles == ["Posyandu Pintar"]
    assert show(client, "/katalog/?q=aplikasi").titles == ["Posyandu Pintar"]


def test_an_award_recorded_on_a_live_innovation_shows_at_once(client, catalogue, listed):
    before = show(client)
    assert before.facet("award_level") == {}
    show(client, "/katalog/?award_level=nasional")

    # As ``publishing.records`` records a round's winners: the award row first.
    Award.objects.create(
        page=listed["sehat"],
        year=2025,
        competition="KIPP Nasional",
        level=AwardLevel.NATIONAL,
        tier=AwardTier.TOP_99,
    )
    after = show(client)
    assert after.count == 3
    assert set(after.facet("award_level")) == {AwardLevel.NATIONAL}
    assert after.facet("award_level")[AwardLevel.NATIONAL][1] == 1
    assert after.facet("award_tier")[AwardTier.TOP_99][1] == 1
    assert 'class="kipp-badges"' in after.card("Sehat Keliling")
    assert "2025" in after.card("Sehat Keliling")
    assert 'class="kipp-badges"' not in after.card("Posyandu Digital")
    assert show(client, "/katalog/?award_level=nasional").titles == ["Sehat Keliling"]


def test_a_renamed_organisation_shows_at_once(client, catalogue, listed, dinkes):
    show(client)
    show(client, "/katalog/?organisation=dinkes")
    dinkes.name = "Dinas Kesehatan dan KB"
    dinkes.acronym = "DKKB"
    dinkes.save()
    after = show(client)
    assert after.facet("organisation")["dinkes"] == ("Dinas Kesehatan dan KB (DKKB)", 2)
    assert after.organisations.count("Dinas Kesehatan dan KB") == 2
    filtered = show(client, "/katalog/?organisation=dinkes")
    assert filtered.facet("organisation")["dinkes"] == ("Dinas Kesehatan dan KB (DKKB)", 2)
    assert "Dinas Kesehatan (Dinkes)" not in filtered.html


def test_a_renamed_theme_shows_at_once(client, catalogue, listed, health):
    show(client)
    health.name = "Kesehatan Masyarakat"
    health.save()
    after = show(client)
    assert after.facet("theme") == {"kesehatan": ("Kesehatan Masyarakat", 2)}
    assert show(client, "/katalog/?theme=kesehatan").facet("theme") == {
        "kesehatan": ("Kesehatan Masyarakat", 2)
    }


def test_every_change_gives_a_new_version_in_its_own_transaction(client, catalogue, listed, dinkes):
    show(client)
    start = current_version()

    def fresh(name):
        return InnovationPage.objects.get(pk=listed[name].pk)

    class Undo(Exception):
        pass

    changes = [
        lambda: fresh("rapor").unpublish(),
        lambda: fresh("posyandu").save_revision().publish(),
        lambda: Award.objects.create(
            page=fresh("sehat"),
            year=2025,
            competition="KIPP",
            level=AwardLevel.LOCAL,
            tier=AwardTier.WINNER_1,
        ),
        lambda: Organisation.objects.get(pk=dinkes.pk).save(),
    ]
    for change in changes:
        with pytest.raises(Undo), transaction.atomic():
            change()
            assert current_version() != start
            raise Undo
        # Rolled back with the change: no process sees a new version without its change, or the reverse.
        assert current_version() == start
    shown = show(client)
    assert shown.count == 3
    assert shown.facet("award_level") == {}

    fresh("rapor").unpublish()
    assert CatalogueVersion.objects.get().version != start
    assert show(client).count == 2


def test_a_second_request_reads_facets_from_the_cache(client, catalogue, listed):
    url = "/katalog/?theme=kesehatan"
    with CaptureQueriesContext(connection) as first:
        show(client, url)
    with CaptureQueriesContext(connection) as second:
        again = show(client, url)
    assert again.facet("organisation")["dinkes"][1] == 2
    assert len(second) < len(first)
    grouped = [query["sql"] for query in second if "GROUP BY" in query["sql"] or "COUNT(" in query["sql"]]
    assert grouped == []


def test_a_cached_catalogue_makes_the_same_queries_for_many_innovations(
    client, catalogue, make_innovation, make_organisation, health, django_assert_max_num_queries
):
    organisations = [make_organisation() for _ in range(4)]

    def add(count):
        for number in range(count):
            make_innovation(
                organisation=organisations[number % 4],
                themes=[health],
                is_digital=bool(number % 2),
                started_on=datetime.date(2018 + number % 6, 1, 1),
                awards=[
                    {
                        "year": 2022,
                        "competition": "KIPP",
                        "level": AwardLevel.LOCAL,
                        "tier": AwardTier.FINALIST,
                    }
                ]
                if number % 3 == 0
                else [],
            )

    def cached_queries(url):
        show(client, url)
        with CaptureQueriesContext(connection) as queries:
            show(client, url)
        return len(queries)

    urls = [
        "/katalog/",
        "/katalog/?theme=kesehatan&digital=1",
        "/katalog/?q=inovasi",
        "/katalog/?sort=awards",
    ]
    add(4)
    small = {url: cached_queries(url) for url in urls}
    add(40)
    for url in urls:
        show(client, url)
        with django_assert_max_num_queries(small[url]):
            shown = show(client, url)
        assert shown.count > 4


@pytest.mark.parametrize("alias", ["", "no-such-cache"])
def test_without_a_cache_the_catalogue_works_and_shows_changes(
    client, catalogue, listed, make_innovation, alias
):
    with override_settings(WAGTAIL_KIPP_CATALOGUE_CACHE=alias):
        assert show(client).count == 3
        make_innovation("Ambulans Desa", started_on=datetime.date(2024, 1, 1))
        listed["rapor"].unpublish()
        after = show(client)
        assert after.count == 3
        assert after.titles == ["Ambulans Desa", "Sehat Keliling", "Posyandu Digital"]
        assert show(client, "/katalog/?q=ambulans").titles == ["Ambulans Desa"]


# The shortened organisation facet --------------------------------------------------------------------


@pytest.fixture
def many_organisations(make_innovation, make_organisation):
    """Five organisations with 5, 4, 3, 2 and 1 innovations."""
    organisations = [
        make_organisation(f"Organisasi {letter}", slug=f"org-{letter.lower()}") for letter in "ABCDE"
    ]
    for size, organisation in zip([5, 4, 3, 2, 1], organisations, strict=True):
        for _ in range(size):
            make_innovation(organisation=organisation)
    return organisations


@override_settings(WAGTAIL_KIPP_CATALOGUE_FACET_OPTIONS=3)
def test_long_organisation_facet_shows_the_largest_with_a_link_to_all(client, catalogue, many_organisations):
    shown = show(client)
    assert shown.facet("organisation") == {
        "org-a": ("Organisasi A", 5),
        "org-b": ("Organisasi B", 4),
        "org-c": ("Organisasi C", 3),
    }
    assert '<a href="?more=organisation">' in shown.html
    assert 'name="more"' not in shown.html

    everything = show(client, "/katalog/?more=organisation")
    assert everything.count == 15
    assert everything.facet("organisation") == {
        "org-a": ("Organisasi A", 5),
        "org-b": ("Organisasi B", 4),
        "org-c": ("Organisasi C", 3),
        "org-d": ("Organisasi D", 2),
        "org-e": ("Organisasi E", 1),
    }
    # The filter form keeps the full list when the visitor applies a filter, and offers the short one again.
    assert '<input type="hidden" name="more" value="organisation">' in everything.html
    assert '<a href="?more=organisation">' not in everything.html
    assert re.search(r'<a href="\?">[^<]+</a>', everything.html.split('class="kipp-facets"')[1])

    # Applying a filter from the full list keeps it full.
    applied = show(client, "/katalog/?more=organisation&organisation=org-e")
    assert applied.titles and applied.count == 1
    assert len(applied.facet("organisation")) == 5
    assert '<input type="hidden" name="more" value="organisation">' in applied.html


@override_settings(WAGTAIL_KIPP_CATALOGUE_FACET_OPTIONS=3)
def test_a_selected_small_organisation_stays_in_the_short_list(client, catalogue, many_organisations):
    shown = show(client, "/katalog/?organisation=org-e")
    assert shown.count == 1
    assert shown.facet("organisation") == {
        "org-a": ("Organisasi A", 5),
        "org-b": ("Organisasi B", 4),
        "org-c": ("Organisasi C", 3),
        "org-e": ("Organisasi E", 1),
    }
    assert 'value="org-e" checked' in shown.html
    assert '<a href="?more=organisation&amp;organisation=org-e">' in shown.html


@override_settings(WAGTAIL_KIPP_CATALOGUE_FACET_OPTIONS=5)
def test_no_show_more_link_when_every_organisation_fits(client, catalogue, many_organisations):
    shown = show(client)
    assert len(shown.facet("organisation")) == 5
    assert "more=organisation" not in shown.html
    assert 'class="kipp-facet__more"' not in shown.html


# -- cards rendered cold -------------------------------------------------------------------------------


def test_cards_rendered_together_equal_the_card_include(client, catalogue, make_innovation, rf):
    """The catalogue's cards (one request context for all) are the card template as other pages include it."""
    from django.template.loader import render_to_string

    from wagtail_kipp.catalogue.cards import render_each

    win = {"year": 2022, "competition": "KIPP Kota", "level": AwardLevel.LOCAL, "tier": AwardTier.WINNER_1}
    pages = [
        make_innovation(f"Inovasi {number}", awards=[win] if number % 2 else [], is_digital=bool(number % 2))
        for number in range(3)
    ]
    request = rf.get("/katalog/")
    together = render_each("wagtail_kipp/includes/innovation_card.html", "innovation", pages, request)
    one_by_one = [
        render_to_string("wagtail_kipp/includes/innovation_card.html", {"innovation": page}, request)
        for page in pages
    ]
    assert together == one_by_one
    assert "Inovasi 1" in together[1] and "kipp-badge" in together[1] and "kipp-badge" not in together[0]
    assert render_each("wagtail_kipp/includes/innovation_card.html", "innovation", [], request) == []


def test_a_prefetched_card_rendition_is_used_without_queries_or_cache_writes(db, django_assert_num_queries):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from wagtail_kipp.conf import settings as kipp_settings
    from wagtail_kipp.templatetags.kipp_tags import kipp_image, rendition_of

    image_model = get_image_model()
    image = image_model.objects.create(title="Foto", file=get_test_image_file(size=(800, 450)))
    spec = kipp_settings.CARD_RENDITION
    created = rendition_of(image, spec)  # not prefetched: made and stored as Wagtail does
    assert (created.width, created.height) == (480, 270)
    rendition_model = image_model.get_rendition_model()
    rendition_model.cache_backend.clear()
    prefetched = image_model.objects.prefetch_renditions(spec).get(pk=image.pk)
    with django_assert_num_queries(0):
        html = kipp_image(prefetched)
    assert f'src="{created.url}"' in html and 'width="480" height="270"' in html
    assert (
        rendition_model.cache_backend.get(
            rendition_model.construct_cache_key(prefetched, created.focal_point_key, spec)
        )
        is None
    )
    # A prefetched image without that rendition yet gets it made.
    bare = image_model.objects.prefetch_renditions("width-100").get(pk=image.pk)
    assert rendition_of(bare, "width-100").width == 100


def test_a_new_organisation_can_be_filtered_at_once(
    client, catalogue, listed, make_organisation, make_innovation
):
    """Filter values are checked once per catalogue version: creating an organisation renews it."""
    before = show(client, "/katalog/?organisation=baru")
    assert "kipp-notice" in before.html and before.count == 3
    new = make_organisation("Badan Baru", slug="baru")
    empty = show(client, "/katalog/?organisation=baru")  # a real organisation, without innovations yet
    assert "kipp-notice" not in empty.html and empty.count == 0
    make_innovation("Layanan Baru", organisation=new)
    after = show(client, "/katalog/?organisation=baru")
    assert after.titles == ["Layanan Baru"]
    assert "kipp-notice" not in after.html


def test_filter_values_are_checked_by_the_form_of_a_filterset_with_its_own_init():
    import django_filters

    from wagtail_kipp.catalogue.filters import InnovationFilterSet, checks_each_filter_alone

    class Restricted(InnovationFilterSet):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.filters["organisation"].queryset = Organisation.objects.none()

    class Plain(InnovationFilterSet):
        extra = django_filters.CharFilter(field_name="title")

    assert checks_each_filter_alone(InnovationFilterSet)
    assert checks_each_filter_alone(Plain)
    assert not checks_each_filter_alone(Restricted)
