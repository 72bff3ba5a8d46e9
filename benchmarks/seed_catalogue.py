"""Seed a provincial- or national-size innovation catalogue quickly, for the benchmarks.

Run from the repository root (``DATABASE_URL`` chooses the database; it must be migrated)::

    .venv/bin/python benchmarks/seed_catalogue.py --innovations 20000

The text is the demo's: its 156 Indonesian innovation records (titles, summaries, bodies of four to six
sections, awards, themes, goals), spread over 35 regencies and cities of a province, each department of each
region its own organisation, with start years varied. Pages are written with bulk inserts (a tree path
computed per page), so 20,000 innovations take about a minute rather than an hour through ``add_child``;
they are live, public and in the default locale, without revisions, like pages imported by a migration.

The site gets a home page, a catalogue (``/katalog/``) and a plain content page (``/tentang/``, the
reference page of the ratio benchmarks). Seeding again adds nothing when the catalogue is already full.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import setup_django  # noqa: E402

SEED = 2026
BATCH = 500
CATALOGUE_SLUG = "katalog"
PLAIN_SLUG = "tentang"
REGIONS = [
    ("Kota", "Semarang"),
    ("Kota", "Pekalongan"),
    ("Kota", "Surakarta"),
    ("Kota", "Magelang"),
    ("Kota", "Salatiga"),
    ("Kota", "Tegal"),
    ("Kabupaten", "Kudus"),
    ("Kabupaten", "Jepara"),
    ("Kabupaten", "Demak"),
    ("Kabupaten", "Kendal"),
    ("Kabupaten", "Batang"),
    ("Kabupaten", "Pemalang"),
    ("Kabupaten", "Brebes"),
    ("Kabupaten", "Banyumas"),
    ("Kabupaten", "Cilacap"),
    ("Kabupaten", "Purbalingga"),
    ("Kabupaten", "Banjarnegara"),
    ("Kabupaten", "Kebumen"),
    ("Kabupaten", "Purworejo"),
    ("Kabupaten", "Wonosobo"),
    ("Kabupaten", "Temanggung"),
    ("Kabupaten", "Boyolali"),
    ("Kabupaten", "Klaten"),
    ("Kabupaten", "Sukoharjo"),
    ("Kabupaten", "Wonogiri"),
    ("Kabupaten", "Karanganyar"),
    ("Kabupaten", "Sragen"),
    ("Kabupaten", "Grobogan"),
    ("Kabupaten", "Blora"),
    ("Kabupaten", "Rembang"),
    ("Kabupaten", "Pati"),
    ("Kabupaten", "Semarang"),
    ("Kabupaten", "Magelang"),
    ("Kabupaten", "Tegal"),
    ("Kabupaten", "Pekalongan"),
]
IMAGES = 8


def site_pages():
    """The home page, catalogue and plain page of the benchmark site, created when missing."""
    from django.db import transaction
    from wagtail.models import Page, Site

    from home.models import ContentPage, HomePage
    from wagtail_kipp.models import InnovationIndexPage

    with transaction.atomic():
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Portal Inovasi Jawa Tengah", slug="beranda"))
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Bench"},
            )
        catalogue = InnovationIndexPage.objects.child_of(home).filter(slug=CATALOGUE_SLUG).first()
        if catalogue is None:
            catalogue = home.add_child(
                instance=InnovationIndexPage(
                    title="Katalog Inovasi", slug=CATALOGUE_SLUG, intro="<p>Inovasi daerah se-provinsi.</p>"
                )
            )
        plain = ContentPage.objects.child_of(home).filter(slug=PLAIN_SLUG).first()
        if plain is None:
            plain = home.add_child(
                instance=ContentPage(
                    title="Tentang portal",
                    slug=PLAIN_SLUG,
                    body=[
                        ("heading", "Tentang portal ini"),
                        ("paragraph", "<p>Portal inovasi pelayanan publik pemerintah daerah.</p>"),
                    ],
                )
            )
    return home, catalogue.specific, plain


def organisations_for(specs, regions):
    """One organisation per department of the demo and region, by ``(org slug, region index)``."""
    from wagtail_kipp.models import Organisation

    wanted = {}
    for spec in specs:
        for index, (kind, name) in enumerate(regions):
            region_slug = f"{kind}-{name}".lower()
            wanted[(spec.org.slug, index)] = Organisation(
                name=f"{spec.org.name} {kind} {name}"[:255],
                acronym=f"{spec.org.acronym} {name}"[:40] if spec.org.acronym else "",
                slug=f"{spec.org.slug}-{region_slug}"[:255],
                kind=spec.org.kind,
            )
    existing = {
        org.slug: org for org in Organisation.objects.filter(slug__in=[o.slug for o in wanted.values()])
    }
    missing = [org for org in wanted.values() if org.slug not in existing]
    Organisation.objects.bulk_create(missing, batch_size=BATCH)
    existing.update(
        {org.slug: org for org in Organisation.objects.filter(slug__in=[o.slug for o in missing])}
    )
    return {key: existing[org.slug] for key, org in wanted.items()}


def images(specs):
    """A few demo pictures shared by all innovations, so cards have images and renditions to look up."""
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    from demo.media import render_image

    image_model = get_image_model()
    result = []
    for spec in specs[:IMAGES]:
        image = image_model.objects.filter(title=spec.image.title).first()
        if image is None:
            image = image_model(
                title=spec.image.title,
                file=ContentFile(render_image(spec.image), name=f"{spec.image.key}.jpg"),
            )
            image._set_image_file_metadata()
            image.save()
        result.append(image)
    return result


def taxonomy():
    from demo import data
    from wagtail_kipp.models import SustainableDevelopmentGoal, Theme

    for position, theme in enumerate(data.THEMES):
        Theme.objects.get_or_create(
            slug=theme.slug,
            defaults={"name": theme.name, "name_en": theme.name_en, "sort_order": position},
        )
    themes = {theme.slug: theme.pk for theme in Theme.objects.all()}
    sdgs = {goal.number: goal.pk for goal in SustainableDevelopmentGoal.objects.all()}
    return themes, sdgs


def seed(innovations: int, progress=print) -> dict:
    """Add innovations to the catalogue until it holds ``innovations``; returns what was made and how long."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page

    from demo.generate import build_innovations
    from wagtail_kipp.models import Award, InnovationPage

    started = time.perf_counter()
    home, catalogue, plain = site_pages()
    specs = build_innovations()
    existing = InnovationPage.objects.child_of(catalogue).count()
    wanted = innovations - existing
    report = {"innovations": max(existing, innovations), "added": max(wanted, 0), "seconds": 0.0}
    if wanted <= 0:
        return report
    organisations = organisations_for(specs, REGIONS)
    pictures = images(specs)
    themes, sdgs = taxonomy()
    locale = Locale.get_default()
    content_type = ContentType.objects.get_for_model(InnovationPage)
    rng = random.Random(f"{SEED}-{existing}")
    now = timezone.now()
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    innovation_fields = list(InnovationPage._meta.local_concrete_fields)
    themes_through = InnovationPage.themes.through
    sdgs_through = InnovationPage.sdgs.through
    assert InnovationPage._meta.get_parent_list() == [Page], "the benchmark site uses Wagtail's own Page"

    for start in range(existing, innovations, BATCH):
        batch = range(start, min(start + BATCH, innovations))
        pages = []
        for number in batch:
            spec = specs[number % len(specs)]
            region_index = (number // len(specs)) % len(REGIONS)
            round_number = number // (len(specs) * len(REGIONS))
            kind, region = REGIONS[region_index]
            title = f"{spec.title.id} ({kind} {region})"
            if round_number:
                title = f"{title} {round_number + 1}"
            started_on = spec.started_on.replace(year=max(2012, spec.started_on.year - rng.randint(0, 6)))
            published = timezone.make_aware(datetime.datetime.combine(started_on, datetime.time(9)))
            published = min(published + datetime.timedelta(days=rng.randint(30, 400)), now)
            slug = f"{spec.slug}-{kind}-{region}-{number}".lower()
            page = InnovationPage(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
                depth=catalogue.depth + 1,
                path=Page._get_path(catalogue.path, catalogue.depth + 1, number + 1),
                numchild=0,
                url_path=f"{catalogue.url_path}{slug}/",
                organisation=organisations[(spec.org.slug, region_index)],
                summary=spec.summary.id,
                started_on=started_on,
                stage=spec.stage,
                is_digital=spec.is_digital,
                innovation_form=spec.innovation_form,
                initiator=spec.initiator,
                innovator_name=spec.innovator.id,
                image=pictures[number % len(pictures)] if rng.random() < 0.8 else None,
                body=spec.body,
                video_url=spec.video_url,
                still_running=spec.still_running,
                replicated_elsewhere=spec.replicated_elsewhere.id,
            )
            pages.append((page, spec))
        with transaction.atomic():
            objs = [page for page, _spec in pages]
            rows = Page._base_manager._insert(
                objs, fields=page_fields, returning_fields=[Page._meta.pk], using=connection.alias
            )
            for page, row in zip(objs, rows, strict=True):
                page.pk = page.page_ptr_id = row[0]
                page._state.adding = False
            InnovationPage._base_manager._insert(objs, fields=innovation_fields, using=connection.alias)
            themes_through.objects.bulk_create(
                [
                    themes_through(innovationpage_id=page.pk, theme_id=themes[slug])
                    for page, spec in pages
                    for slug in spec.themes
                    if slug in themes
                ]
            )
            sdgs_through.objects.bulk_create(
                [
                    sdgs_through(innovationpage_id=page.pk, sustainabledevelopmentgoal_id=sdgs[goal])
                    for page, spec in pages
                    for goal in spec.sdgs
                    if goal in sdgs
                ]
            )
            Award.objects.bulk_create(
                [
                    Award(
                        page_id=page.pk,
                        sort_order=position,
                        year=min(award.year + page.started_on.year - spec.started_on.year, now.year),
                        competition=award.competition.id.replace(
                            "Sukamaju", page.organisation.name.split()[-1]
                        ),
                        level=award.level,
                        tier=award.tier,
                        note=award.note.id,
                    )
                    for page, spec in pages
                    for position, award in enumerate(spec.awards)
                ]
            )
            Page._base_manager.filter(pk=catalogue.pk).update(numchild=batch.stop)
            index_pages(objs)
        progress(f"  innovations {batch.stop}/{innovations}")
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def index_pages(pages) -> None:
    """
    Write the catalogue's search documents of ``pages`` (the package's own search index) and their catalogue
    cards, as publishing them does.
    """
    from wagtail_kipp.catalogue import cards, search_index

    search_index.index_pages(pages)
    cards.render_pages([page.pk for page in pages])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--innovations", type=int, default=20000)
    args = parser.parse_args(argv)
    setup_django.configure()
    report = seed(args.innovations)
    print(f"{report['innovations']} innovations ({report['added']} added) in {report['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
