"""The example portal's demo data: ``manage.py kipp_demo`` builds a bilingual catalogue and is idempotent."""

import datetime
import hashlib
import re
from collections import Counter
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, Revision
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    TranslationSource,
)

from demo import rounds
from demo.generate import build_innovations, select
from wagtail_kipp.judging import permissions
from wagtail_kipp.judging.rules import count_words
from wagtail_kipp.models import (
    Award,
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryStatus,
    InnovationIndexPage,
    InnovationPage,
    Membership,
    Organisation,
    ProposalTemplate,
    Stage,
    Theme,
)

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
        "rounds": CompetitionPage.objects.count(),
        "stages": sorted(Stage.objects.values_list("competition_id", "kind", "opens_at", "closes_at")),
        "templates": ProposalTemplate.objects.count(),
        "entries": sorted(Entry.objects.values_list("pk", "status", "version", "reference", "updated_at")),
        "attachments": sorted(EntryAttachment.objects.values_list("pk", "sha256", "file")),
        "memberships": Membership.objects.count(),
        "log_entries": ModelLogEntry.objects.count(),
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

    check_rounds(client)

    # A second run changes nothing (not even a new revision).
    call_command("kipp_demo", "--quiet", "--innovations", str(SMALL))
    assert snapshot() == first
    check_round_moves_on()

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


# -- competition rounds, accounts and proposals --------------------------------------------------------


def test_demo_answers_respect_the_word_limits_and_are_the_same_on_every_run():
    ideas = rounds.ideas()
    plans = rounds.OPEN_PLANS + rounds.FINISHED_PLANS
    assert {plan.idea for plan in plans} <= set(ideas)
    assert len(rounds.OPEN_PLANS) >= 12
    forms = [rounds.FALLBACK_SECTIONS, rounds.FALLBACK_SECTIONS + rounds.FALLBACK_REPLICATION]
    for replication, form in enumerate(forms):
        sections = [{"key": key, "heading": heading, "word_limit": limit} for key, heading, limit in form]
        for idea in (idea for idea in ideas.values() if bool(idea.origin) >= replication):
            answers = rounds.Writer(idea, as_of=datetime.date(2026, 11, 1)).answers(sections)
            again = rounds.Writer(idea, as_of=datetime.date(2026, 11, 1)).answers(sections)
            assert answers == again
            for section in sections:
                text = answers[section["key"]]
                assert count_words(text) >= 8, (idea.key, section["key"], text)
                assert count_words(text) <= section["word_limit"], (idea.key, section["key"])
                assert "{" not in text and "None" not in text
    # Every planned operator belongs to the organisation of the proposal.
    for plan in plans:
        assert ideas[plan.idea].org in rounds.OPERATORS_BY_NAME[plan.operator].organisations


def portal_titles(client) -> list[str]:
    response = client.get("/portal/")
    assert response.status_code == 200
    return re.findall(r'<a href="/portal/entries/[^"]+/">([^<]+)</a>', response.content.decode())


def check_rounds(client):
    """After ``kipp_demo``: an open round with proposals at every step, and accounts to try them with."""
    now = datetime.datetime.now(datetime.UTC)
    wib = datetime.timezone(datetime.timedelta(hours=7))
    current = CompetitionPage.objects.live().get(slug=rounds.OPEN_ROUND.slug, locale__language_code="id")
    assert (
        current.title == "KIPP Kota Sukamaju 2026"
        and current.get_parent().specific_class.__name__ == "HomePage"
    )
    assert current.is_open_for_entries()
    assert current.timezone_label == "WIB" and current.grace_minutes == 15 and current.sdgs_enabled
    assert current.max_entries_per_group == 3 and current.minimum_age_months == 12
    assert current.themes.count() >= 5 and "<h3>" in current.rules
    deadline = current.entry_deadline
    assert datetime.timedelta(days=20) < deadline - now < datetime.timedelta(days=22)
    assert deadline.astimezone(wib).time() == datetime.time(23, 59)
    assert datetime.timedelta(days=19) < now - current.entry_stage.opens_at < datetime.timedelta(days=21)
    timeline = current.get_timeline()
    assert [stage.kind for stage in timeline] == [
        "entry",
        "administrative_check",
        "desk_evaluation",
        "finalists",
        "objection",
        "interview",
        "field_verification",
        "final",
        "award",
    ]
    assert all(a.closes_at <= b.opens_at for a, b in zip(timeline, timeline[1:], strict=False))
    groups = {group.slug: group for group in current.entry_groups.all()}
    assert set(groups) == {"umum", "replikasi"}
    for slug, group in groups.items():
        assert group.template.preset == ""  # the round's own copy of the national 2023 form
        assert group.template.sections.count() == {"umum": 9, "replikasi": 12}[slug]
    assert client.get(current.url).status_code == 200

    finished = CompetitionPage.objects.live().get(slug=rounds.FINISHED_ROUND.slug, locale__language_code="id")
    assert not finished.is_open_for_entries() and finished.entry_deadline < now

    # Proposals of several organisations at every step, numbered without gaps in each round.
    entries = Entry.objects.filter(competition=current)
    statuses = Counter(entries.values_list("status", flat=True))
    assert 12 <= entries.count() <= 20
    assert statuses[EntryStatus.DRAFT] >= 5 and statuses[EntryStatus.SUBMITTED] >= 3
    assert statuses[EntryStatus.RETURNED] == 1 and statuses[EntryStatus.WITHDRAWN] == 1
    assert entries.values("organisation").distinct().count() >= 8
    assert entries.filter(group__slug="replikasi", status=EntryStatus.SUBMITTED).exists()
    for competition in (current, finished):
        numbers = sorted(
            Entry.objects.filter(competition=competition, reference_number__isnull=False).values_list(
                "reference_number", flat=True
            )
        )
        assert numbers == list(range(1, len(numbers) + 1))
    assert Entry.objects.filter(competition=finished, status=EntryStatus.ELIGIBLE).exists()
    returned = entries.get(status=EntryStatus.RETURNED)
    assert returned.return_note and returned.reference
    for entry in entries.exclude(status=EntryStatus.DRAFT).prefetch_related("attachments"):
        assert entry.reference.startswith("KIPP-2026-") and entry.submitted_at < now
        spec = entry.get_template_spec()
        required = {slot["key"] for slot in spec["attachment_slots"] if slot["required"]}
        assert required <= {attachment.slot for attachment in entry.attachments.all()}
        for section in spec["sections"]:
            assert 0 < count_words(entry.answer(section["key"])) <= section["word_limit"]
    for attachment in EntryAttachment.objects.filter(entry__competition=current)[:5]:
        content = attachment.file.read()
        assert content.startswith(b"%PDF-") and len(content) == attachment.size
        assert hashlib.sha256(content).hexdigest() == attachment.sha256
    drafts = entries.filter(status=EntryStatus.DRAFT)
    assert len({len(entry.answers) for entry in drafts}) >= 4  # drafts at various completion
    assert all(entry.created_at < entry.updated_at <= now for entry in entries)
    assert (
        ModelLogEntry.objects.filter(action="wagtail_kipp.entry.submit").count()
        >= statuses[EntryStatus.SUBMITTED]
    )

    # The printed logins work; an operator's dashboard lists the organisation's proposals and no others.
    for username, password, _role in rounds.logins():
        assert client.login(username=username, password=password), username
        client.logout()
    for username in rounds.other_operators()[:2]:
        assert client.login(username=username, password=rounds.OPERATOR_PASSWORD)
        client.logout()
    all_titles = set(Entry.objects.values_list("title", flat=True))
    for username in ("operator-dinkes", "operator-sukamaju-utara", "operator-disdukcapil"):
        user = get_user_model().objects.get(username=username)
        own = set(permissions.entries_visible_to(user).values_list("title", flat=True))
        assert own
        client.force_login(user)
        shown = {title.replace("&amp;", "&") for title in portal_titles(client)}
        assert shown == own and not shown & (all_titles - own)
        client.logout()
    assert Membership.objects.get(user__username="operator-dinkes-2").organisation.slug == "dinas-kesehatan"
    assert len(rounds.OPERATORS_BY_NAME["operator-sukamaju-utara"].organisations) == 2

    secretariat = get_user_model().objects.get(username="sekretariat")
    assert permissions.is_secretariat(secretariat)
    assert secretariat.has_perm("wagtailadmin.access_admin") and not secretariat.is_superuser
    assert secretariat.has_perms(["wagtail_kipp.add_invitation", "wagtail_kipp.change_membership"])
    client.force_login(secretariat)
    assert client.get("/admin/").status_code == 200
    client.logout()
    editor = get_user_model().objects.get(username="editor")
    assert editor.has_perms(["wagtail_kipp.change_organisation", "wagtail_kipp.add_theme"])


def check_round_moves_on():
    """When the entry period has passed, running the demo again moves the dates and keeps the proposals."""
    current = CompetitionPage.objects.get(slug=rounds.OPEN_ROUND.slug, locale__language_code="id")
    entries = set(Entry.objects.values_list("pk", "status", "reference"))
    past = datetime.timedelta(days=60)
    for stage in current.stages.all():
        Stage.objects.filter(pk=stage.pk).update(
            opens_at=stage.opens_at - past, closes_at=stage.closes_at - past
        )
    assert not CompetitionPage.objects.get(pk=current.pk).is_open_for_entries()

    call_command("kipp_demo", "--quiet", "--innovations", str(SMALL))
    current = CompetitionPage.objects.get(pk=current.pk)
    assert current.is_open_for_entries() and current.live and not current.has_unpublished_changes
    assert set(Entry.objects.values_list("pk", "status", "reference")) == entries
