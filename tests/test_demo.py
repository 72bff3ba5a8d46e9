"""The example portal's demo data: ``manage.py kipp_demo`` builds a bilingual catalogue and is idempotent."""

from collections import Counter
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    TranslationSource,
)

from demo.generate import build_innovations, select
from wagtail_kipp.models import Award, InnovationIndexPage, InnovationPage, Organisation, Theme

#: Innovations loaded by the database test; the default (all of them) is checked without a database.
SMALL = 24
YEARS = set(range(2018, 2027))


def test_default_demo_has_150_distinct_bilingual_innovations():
    specs = build_innovations()
    assert len(specs) >= 150
    assert len({spec.title.id for spec in specs}) == len(specs)
    assert len({spec.title.en for spec in specs}) == len(specs)
    assert len({spec.slug for spec in specs}) == len(specs)
    assert all(spec.title.en != spec.title.id and spec.summary.en != spec.summary.id for spec in specs)
    assert {spec.started_on.year for spec in specs} == YEARS
    assert {award.level for spec in specs for award in spec.awards} == {
        "lokal",
        "provinsi",
        "nasional",
        "internasional",
    }
    replications = [spec for spec in specs if spec.is_replication]
    assert len(replications) >= 90
    assert all(specs.index(spec.origin) < specs.index(spec) for spec in replications)
    assert all(spec.started_on.year > spec.origin.started_on.year for spec in replications)
    # Every text wagtail-localize will extract has an English version: title, summary, body strings.
    for spec in specs:
        assert spec.strings[spec.title.id] == spec.title.en
        assert spec.strings[spec.summary.id] == spec.summary.en
        assert len(spec.strings) >= 15
    # Seeded: the same data on every run.
    again = build_innovations()
    assert [(s.slug, s.title, s.summary, s.body, s.awards) for s in again] == [
        (s.slug, s.title, s.summary, s.body, s.awards) for s in specs
    ]
    # A smaller demo keeps the range.
    small = select(specs, SMALL)
    assert len(small) == SMALL
    assert {spec.started_on.year for spec in small} == YEARS
    assert all(spec.origin is None or spec.origin in small for spec in small)


def snapshot() -> dict:
    innovations = InnovationPage.objects.live()
    return {
        "organisations": Organisation.objects.count(),
        "themes": Theme.objects.count(),
        "pages": Counter(Page.objects.values_list("locale__language_code", flat=True)),
        "innovations_id": innovations.filter(locale__language_code="id").count(),
        "innovations_en": innovations.filter(locale__language_code="en").count(),
        "awards": Award.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "sources": TranslationSource.objects.count(),
        "string_translations": StringTranslation.objects.count(),
        "users": get_user_model().objects.count(),
    }


def segments_of(source) -> tuple:
    return (
        sorted(
            StringSegment.objects.filter(source=source).values_list(
                "string_id", "context_id", "order", "attrs"
            )
        ),
        sorted(
            TemplateSegment.objects.filter(source=source).values_list("template_id", "context_id", "order")
        ),
        sorted(
            OverridableSegment.objects.filter(source=source).values_list("context_id", "order", "data_json")
        ),
    )


@pytest.mark.django_db(transaction=False)
def test_kipp_demo_loads_a_bilingual_catalogue_and_can_run_again(client):
    call_command("kipp_demo", "--quiet", "--innovations", str(SMALL))
    first = snapshot()

    assert first["organisations"] >= 30
    assert len(set(Organisation.objects.values_list("kind", flat=True))) >= 6
    assert Organisation.objects.filter(kind="kelurahan", parent__kind="kecamatan").exists()
    assert Organisation.objects.filter(kind="puskesmas", parent__slug="dinas-kesehatan").exists()
    assert first["themes"] == 10

    innovations_id = InnovationPage.objects.live().filter(locale__language_code="id")
    assert first["innovations_id"] == SMALL
    assert {page.started_on.year for page in innovations_id} == YEARS
    assert {"lokal", "provinsi", "nasional"} <= set(
        Award.objects.filter(page__locale__language_code="id").values_list("level", flat=True)
    )
    assert innovations_id.filter(replicates__isnull=False).exists()
    assert all(page.image_id and page.body for page in innovations_id)

    # English: the catalogue and every innovation, with English text and the same record data.
    catalogue_en = InnovationIndexPage.objects.live().get(locale__language_code="en")
    assert catalogue_en.title == "Innovation Catalogue" and catalogue_en.slug == "katalog"
    assert first["innovations_en"] == SMALL
    for page in innovations_id:
        english = page.get_translation(catalogue_en.locale)
        assert english.live and english.title != page.title and english.summary != page.summary
        assert english.organisation_id == page.organisation_id
        assert set(english.themes.all()) == set(page.themes.all())
        assert set(english.sdgs.all()) == set(page.sdgs.all())
        assert english.awards.count() == page.awards.count()
        for replicated in english.replicates.all():
            assert replicated.locale_id == english.locale_id
    assert Award.objects.filter(page__locale__language_code="en", competition="Sukamaju City KIPP").exists()

    # The bulk-created translation sources are exactly what wagtail-localize itself would store.
    source = TranslationSource.objects.get(
        object_id=innovations_id.first().translation_key, locale__language_code="id"
    )
    before = segments_of(source)
    source.refresh_segments()
    assert segments_of(source) == before

    # A second run changes nothing (not even a new revision).
    call_command("kipp_demo", "--quiet", "--innovations", str(SMALL))
    assert snapshot() == first

    for url, language in (("/katalog/", "id"), ("/en/katalog/", "en")):
        response = client.get(url)
        assert response.status_code == 200
        content = response.content.decode()
        newest = (
            InnovationPage.objects.live().filter(locale__language_code=language).order_by("-started_on")[0]
        )
        assert escape(newest.title) in content
    assert client.get("/").status_code == 200
    assert client.get("/en/").status_code == 200
    assert client.get("/en/tentang/").status_code == 200
