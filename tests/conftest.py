"""Shared fixtures: a small site tree with a catalogue, and factories for organisations and innovations."""

import datetime
import itertools

import pytest
from wagtail.models import Locale, Page, Site

from tests.users import in_english
from wagtail_kipp.models import (
    Award,
    InnovationIndexPage,
    InnovationPage,
    Organisation,
    SustainableDevelopmentGoal,
    Theme,
)

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a rolled-back database must not meet another test's cache."""
    from django.core.cache import caches

    from wagtail_kipp.catalogue import facet_index, filters, listing

    for cache in caches.all():
        cache.clear()
    facet_index.clear()
    listing._facet_rows.clear()
    filters.forget_checked()


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
def news_index(home_page):
    from wagtail_kipp.models import NewsIndexPage

    return home_page.add_child(
        instance=NewsIndexPage(title="Berita", slug="berita", intro="<p>Kabar inovasi kota.</p>")
    )


@pytest.fixture
def make_news(news_index):
    """Create a live news story under ``news_index`` (or ``parent``); ``tags`` and ``related_innovations``
    by keyword, ``live=False`` for a draft."""

    def make(title=None, tags=(), related_innovations=(), parent=None, live=True, **fields):
        from wagtail_kipp.models import NewsPage

        number = next(_counter)
        fields.setdefault("date", datetime.date(2026, 7, 27))
        fields.setdefault("lead", f"Ringkasan berita nomor {number}.")
        fields.setdefault(
            "body", [("paragraph", f"<p>Isi berita nomor {number}.</p>"), ("heading", "Latar belakang")]
        )
        page = NewsPage(
            title=title or f"Berita {number}",
            slug=f"berita-{number}",
            related_innovations=list(related_innovations),
            live=live,
            **fields,
        )
        page = (parent or news_index).add_child(instance=page)
        if tags:
            page.tags.add(*tags)
        revision = page.save_revision()
        if live:
            revision.publish()
        return page

    return make


@pytest.fixture
def en_locale(db):
    return Locale.objects.get_or_create(language_code="en")[0]


# Competition rounds and entries -------------------------------------------------------------------


@pytest.fixture
def proposal_template(db):
    """A small proposal form: two sections (one with a 20-word limit) and one required PDF slot."""
    from wagtail_kipp.models import AttachmentSlot, ProposalTemplate, TemplateSection

    template = ProposalTemplate.objects.create(name="Formulir Uji")
    TemplateSection.objects.create(
        template=template, sort_order=0, key="ringkasan", heading="Ringkasan", word_limit=20, required=True
    )
    TemplateSection.objects.create(
        template=template, sort_order=1, key="kebaruan", heading="Kebaruan", word_limit=None, required=True
    )
    AttachmentSlot.objects.create(
        template=template,
        sort_order=0,
        key="sk_inovator",
        label="SK Inovator",
        required=True,
        allowed_types=["pdf"],
        max_size_mb=1,
    )
    return template


@pytest.fixture
def make_competition(home_page, proposal_template):
    """Create a live round under the home page whose entry stage runs from ``opens`` to ``closes``."""
    from django.utils import timezone

    from wagtail_kipp.models import CompetitionPage, EntryGroup, Stage

    def make(opens=None, closes=None, year=2026, groups=("umum",), **fields):
        now = timezone.now()
        number = next(_counter)
        page = CompetitionPage(
            title=fields.pop("title", f"KIPP Uji {number}"),
            slug=f"kipp-uji-{number}",
            year=year,
            minimum_age_months=fields.pop("minimum_age_months", 12),
            **fields,
        )
        page.stages = [
            Stage(
                kind="entry",
                opens_at=opens or now - datetime.timedelta(days=1),
                closes_at=closes or now + datetime.timedelta(days=14),
            )
        ]
        page.entry_groups = [
            EntryGroup(name=slug.title(), slug=slug, kind=slug, template=proposal_template, sort_order=i)
            for i, slug in enumerate(groups)
        ]
        home_page.add_child(instance=page)
        return page

    return make


@pytest.fixture
def competition(make_competition):
    """An open round: entries accepted from yesterday for two weeks, one group 'umum'."""
    return make_competition()


@pytest.fixture
def make_operator(db):
    """Create a user who operates for ``organisation`` (an approved membership)."""
    from django.contrib.auth import get_user_model

    from wagtail_kipp.models import Membership

    def make(organisation, username=None, **kwargs):
        username = username or f"operator{next(_counter)}"
        user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw", **kwargs)
        Membership.objects.create(user=user, organisation=organisation)
        return user

    return make


@pytest.fixture
def make_secretariat(db):
    """Create a user in a 'Sekretariat KIPP' group with the entry permissions (no superuser)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    def make(username=None):
        username = username or f"sekretariat{next(_counter)}"
        group, _ = Group.objects.get_or_create(name="Sekretariat KIPP (uji)")
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="wagtail_kipp", codename__endswith="_entry"),
            Permission.objects.get(codename="access_admin"),
        )
        user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(group)
        return user

    return make


@pytest.fixture
def secretariat(make_secretariat):
    """A secretariat member whose admin speaks English."""
    return in_english(make_secretariat())


@pytest.fixture
def admin_client(client, secretariat):
    """A client logged in as ``secretariat`` (not a superuser, unlike pytest-django's ``admin_client``)."""
    client.force_login(secretariat)
    return client


@pytest.fixture
def make_entry(competition, make_organisation):
    """Create a draft entry (complete enough to submit once the PDF is attached, if ``complete``)."""
    from wagtail_kipp.models import Entry, SustainableDevelopmentGoal

    def make(organisation=None, competition_page=None, complete=True, **fields):
        page = competition_page or competition
        group = page.entry_groups.first()
        if complete:
            fields.setdefault("started_on", datetime.date(2020, 3, 1))
            fields.setdefault("innovation_stage", "penerapan")
            fields.setdefault("is_digital", True)
            fields.setdefault("innovator_name", "Tim Inovasi")
            fields.setdefault("innovator_email", "tim@example.com")
            fields.setdefault("answers", {"ringkasan": "Layanan antar jemput dokumen.", "kebaruan": "Baru."})
        entry = Entry.objects.create(
            competition=page,
            organisation=organisation or make_organisation(),
            group=group,
            title=fields.pop("title", f"Inovasi Uji {next(_counter)}"),
            **fields,
        )
        if complete:
            entry.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=[3]))
        return entry

    return make


@pytest.fixture
def pdf_bytes():
    """A small but real PDF document."""
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.fixture
def jury_round(make_competition):
    """
    A round past its entry period with a desk evaluation (the national criteria), an objection window, an
    interview and the final decision; stages are open now so jurors can score.
    """
    from django.utils import timezone

    from wagtail_kipp.judging.criteria_presets import apply_preset
    from wagtail_kipp.models import Stage

    now = timezone.now()
    page = make_competition(opens=now - datetime.timedelta(days=40), closes=now - datetime.timedelta(days=20))
    day = datetime.timedelta(days=1)
    for position, (kind, opens, closes) in enumerate(
        [
            ("administrative_check", -19, -15),
            ("desk_evaluation", -14, 5),
            ("objection", 6, 11),
            ("interview", 12, 20),
            ("final", 21, 22),
        ],
        start=1,
    ):
        Stage.objects.create(
            competition=page,
            kind=kind,
            opens_at=now + opens * day,
            closes_at=now + closes * day,
            sort_order=position,
        )
    apply_preset(page, "desk_evaluation")
    apply_preset(page, "interview")
    return page


@pytest.fixture
def make_juror(db):
    """Put a user on a round's jury (pledge accepted unless ``pledge=False``)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wagtail_kipp.models import PanelMember

    def make(
        competition, role="evaluator", stages=("desk_evaluation",), organisation=None, pledge=True, **kw
    ):
        username = kw.pop("username", None) or f"juri{next(_counter)}"
        user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
        return PanelMember.objects.create(
            competition=competition,
            user=user,
            name=kw.pop("name", username.title()),
            email=user.email,
            role=role,
            stage_kinds=list(stages),
            organisation=organisation,
            pledge_accepted_at=timezone.now() if pledge else None,
            **kw,
        )

    return make


@pytest.fixture
def make_eligible_entry(make_entry):
    """An entry that passed the administrative check (with a reference), ready for the jury."""
    from wagtail_kipp.models import EntryStatus

    def make(competition_page, **fields):
        entry = make_entry(competition_page=competition_page, **fields)
        entry.status = EntryStatus.ELIGIBLE
        entry.reference_number = entry.pk
        entry.reference = f"KIPP-{entry.pk:04d}"
        entry.save()
        return entry

    return make


@pytest.fixture
def judged(jury_round, make_juror, make_eligible_entry, make_organisation, make_secretariat, make_operator):
    """Three entries scored 9, 7 and 5 by three named jurors; the top two advance (decided, not published)."""
    from tests.judged import make_judged

    return make_judged(
        jury_round,
        make_juror=make_juror,
        make_eligible_entry=make_eligible_entry,
        make_organisation=make_organisation,
        make_secretariat=make_secretariat,
        make_operator=make_operator,
    )
