"""Shared fixtures: a small site tree with a catalogue, and factories for organisations and innovations."""

import datetime
import itertools

import pytest
from wagtail.models import Locale, Page, Site

from wagtail_kipp.models import (
    Award,
    InnovationIndexPage,
    InnovationPage,
    Organisation,
    SustainableDevelopmentGoal,
    Theme,
)

_counter = itertools.count(1)


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda-test"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Uji"},
    )
    return home


@pytest.fixture
def catalogue(home_page):
    return home_page.add_child(
        instance=InnovationIndexPage(title="Katalog Inovasi", slug="katalog", intro="<p>Semua inovasi.</p>")
    )


@pytest.fixture
def make_organisation(db):
    def make(name=None, kind="dinas", **kwargs):
        number = next(_counter)
        name = name or f"Dinas Uji {number}"
        kwargs.setdefault("slug", f"org-{number}")
        return Organisation.objects.create(name=name, kind=kind, **kwargs)

    return make


@pytest.fixture
def make_theme(db):
    def make(name, name_en="", **kwargs):
        kwargs.setdefault("slug", name.lower().replace(" ", "-"))
        return Theme.objects.create(name=name, name_en=name_en, **kwargs)

    return make


@pytest.fixture
def make_innovation(catalogue, make_organisation):
    """Create a live innovation under ``catalogue`` (or ``parent``); related objects by keyword."""

    def make(
        title=None,
        organisation=None,
        themes=(),
        sdgs=(),
        awards=(),
        parent=None,
        **fields,
    ):
        number = next(_counter)
        fields.setdefault("summary", f"Ringkasan inovasi nomor {number}.")
        fields.setdefault("started_on", datetime.date(2020, 1, 1))
        page = InnovationPage(
            title=title or f"Inovasi {number}",
            slug=f"inovasi-{number}",
            organisation=organisation or make_organisation(),
            themes=list(themes),
            sdgs=list(SustainableDevelopmentGoal.objects.filter(number__in=sdgs)) if sdgs else [],
            awards=[Award(**award) for award in awards],
            **fields,
        )
        return (parent or catalogue).add_child(instance=page)

    return make


@pytest.fixture
def en_locale(db):
    return Locale.objects.get_or_create(language_code="en")[0]
