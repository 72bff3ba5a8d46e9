"""Publishing finalists and winners gives their innovations draft records in the catalogue, and awards."""

from __future__ import annotations

import datetime
import logging

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from tests.judged import TITLES, publish, publish_final
from wagtail_kipp.models import (
    Award,
    AwardTier,
    Decision,
    Entry,
    InnovationIndexPage,
    InnovationPage,
    StageResult,
    StageState,
)
from wagtail_kipp.models.innovations import WINNING_TIERS
from wagtail_kipp.publishing import records

CREATE = "wagtail_kipp.innovation.create_from_entry"
UPDATE = "wagtail_kipp.innovation.update_from_entry"

OLD_AWARD = {"year": 2022, "competition": "KIPP Kota Uji 2022", "level": "lokal", "tier": "juara_2"}


def get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def finalists(judged) -> list[Entry]:
    return [Entry.objects.get(pk=entry.pk) for entry in judged.entries[:2]]


def sections(page) -> list[tuple[str, str]]:
    return [(block.value["heading"], block.value["text"].source) for block in page.body]


def draft_of(page: InnovationPage) -> InnovationPage:
    return InnovationPage.objects.get(pk=page.pk).get_latest_revision_as_object()


# Finalists -------------------------------------------------------------------------------------------------


def test_publishing_the_finalists_drafts_their_innovation_records(judged, catalogue):
    first = judged.entries[0]
    first.answers = {
        "ringkasan": "Dokumen kependudukan diantar ke rumah warga.",
        "kebaruan": "Antrean <daring> & kurir.\nTanpa kertas.\n\nParagraf kedua.",
    }
    first.video_url = "https://www.youtube.com/watch?v=abc123"
    first.save()
    publish(judged)

    pages = []
    for entry, title in zip(finalists(judged), TITLES, strict=False):
        page = entry.innovation
        assert page is not None and page.title == title == entry.title
        assert not page.live and page.has_unpublished_changes and page.first_published_at is None
        assert page.get_parent().pk == catalogue.pk and page.locale_id == catalogue.locale_id
        assert page.organisation_id == entry.organisation_id
        assert page.innovator_name == "Tim Inovasi" and page.is_digital and page.stage == "penerapan"
        assert page.started_on == datetime.date(2020, 3, 1)
        assert {sdg.number for sdg in page.sdgs.all()} == {3}
        award = Award.objects.get(entry=entry)
        assert award.page_id == page.pk and award.tier == AwardTier.FINALIST
        assert (award.year, award.level, award.competition) == (
            judged.page.year,
            judged.page.award_level,
            judged.page.title,
        )
        assert [a.pk for a in draft_of(page).awards.all()] == [award.pk]
        log_entry = PageLogEntry.objects.get(action=CREATE, page=page)
        assert log_entry.data == {"entry": entry.reference, "competition": judged.page.pk}
        assert log_entry.user_id == judged.secretariat.pk and log_entry.revision_id
        pages.append(page)

    first_page, second_page = pages
    assert first_page.summary == "Dokumen kependudukan diantar ke rumah warga."
    assert first_page.video_url == "https://www.youtube.com/watch?v=abc123"
    assert sections(first_page) == [
        ("Kebaruan", "<p>Antrean &lt;daring&gt; &amp; kurir.<br/>Tanpa kertas.</p><p>Paragraf kedua.</p>")
    ]
    assert second_page.summary == "Layanan antar jemput dokumen."
    assert sections(second_page) == [("Kebaruan", "<p>Baru.</p>")]
    # The entry that did not advance gets nothing.
    assert Entry.objects.get(pk=judged.entries[2].pk).innovation_id is None
    assert not Award.objects.filter(entry=judged.entries[2]).exists()
    assert InnovationPage.objects.count() == 2


def test_the_draft_records_stay_out_of_the_catalogue_and_the_round_page(client, judged, catalogue):
    publish(judged)
    pages = [entry.innovation for entry in finalists(judged)]
    catalogue_html = get(client, catalogue.url)
    for title in TITLES:
        assert title not in catalogue_html
    round_html = get(client, judged.page.url)
    assert TITLES[0] in round_html  # named as a finalist, as plain text
    for page in pages:
        assert page.url and f'href="{page.url}"' not in round_html
        assert client.get(page.url).status_code == 404


def test_the_final_upgrades_the_finalist_award_to_the_winning_tier(judged, catalogue):
    publish(judged)
    pages = {entry.pk: entry.innovation_id for entry in finalists(judged)}
    publish_final(judged)
    winners = StageResult.objects.filter(
        entry__competition=judged.page, stage_kind="final", decision=Decision.ADVANCE
    )
    assert winners.count() == 2
    for result in winners:
        entry = Entry.objects.get(pk=result.entry_id)
        assert entry.innovation_id == pages[entry.pk]  # the same record, no second page
        award = Award.objects.get(entry=entry)  # exactly one award per entry
        assert award.tier == result.award_tier and award.tier in WINNING_TIERS
        latest = draft_of(entry.innovation)
        assert [(a.pk, a.tier) for a in latest.awards.all()] == [(award.pk, award.tier)]
        assert not entry.innovation.live
    assert Award.objects.get(entry=judged.entries[0]).tier == AwardTier.WINNER_1
    assert InnovationPage.objects.count() == 2
    assert PageLogEntry.objects.filter(action=CREATE).count() == 2
    assert not PageLogEntry.objects.filter(action=UPDATE).exists()


def test_publishing_without_a_catalogue_writes_no_record_and_still_publishes(judged, caplog):
    with caplog.at_level(logging.WARNING, logger="wagtail_kipp.publishing.records"):
        publish(judged)
    assert StageState.objects.get(competition=judged.page, stage_kind="desk_evaluation").published_at
    assert not InnovationPage.objects.exists() and not Award.objects.exists()
    assert all(entry.innovation_id is None for entry in finalists(judged))
    assert "No live innovation catalogue" in caplog.text and judged.entries[0].reference in caplog.text


def test_an_entry_whose_data_makes_no_valid_page_does_not_stop_the_publication(judged, catalogue, caplog):
    Entry.objects.filter(pk=judged.entries[0].pk).update(title="")  # a page needs a title
    with caplog.at_level(logging.WARNING, logger="wagtail_kipp.publishing.records"):
        publish(judged)
    first, second = finalists(judged)
    assert first.innovation_id is None and not Award.objects.filter(entry=first).exists()
    assert second.innovation_id and Award.objects.get(entry=second).tier == AwardTier.FINALIST
    assert StageResult.objects.filter(entry=first, published_at__isnull=False).exists()
    assert first.reference in caplog.text and "could not be created" in caplog.text


def test_only_a_live_catalogue_in_the_rounds_language_is_used(judged, catalogue, home_page, en_locale):
    home_page.add_child(
        instance=InnovationIndexPage(title="Innovation catalogue", slug="catalogue", locale=en_locale)
    )
    catalogue.unpublish()
    publish(judged)
    assert not InnovationPage.objects.exists()


# Innovations entered before --------------------------------------------------------------------------------


def test_an_innovation_entered_again_gets_a_draft_revision_and_keeps_its_live_page(
    client, judged, make_innovation
):
    page = make_innovation(
        title="Layanan Antar Dokumen (sejak 2021)",
        summary="Ringkasan yang sudah terbit.",
        organisation=judged.organisations[0],
        awards=[OLD_AWARD],
    )
    old_award = Award.objects.get(page=page)
    entry = judged.entries[0]
    entry.innovation = page
    entry.save()
    publish(judged)

    entry.refresh_from_db()
    assert entry.innovation_id == page.pk
    assert InnovationPage.objects.count() == 2  # this page and the other finalist's new draft
    live = InnovationPage.objects.get(pk=page.pk)
    assert live.live and live.has_unpublished_changes
    assert (live.title, live.slug, live.summary) == (page.title, page.slug, "Ringkasan yang sudah terbit.")
    assert len(live.body) == 0
    finalist_award = Award.objects.get(entry=entry)
    assert {a.pk for a in live.awards.all()} == {old_award.pk, finalist_award.pk}

    draft = live.get_latest_revision_as_object()
    assert draft.title == page.title and draft.summary == "Layanan antar jemput dokumen."
    assert sections(draft) == [("Kebaruan", "<p>Baru.</p>")]
    assert {(a.pk, a.tier) for a in draft.awards.all()} == {
        (old_award.pk, "juara_2"),
        (finalist_award.pk, AwardTier.FINALIST),
    }
    log_entry = PageLogEntry.objects.get(action=UPDATE, page=page)
    assert log_entry.data["entry"] == entry.reference and log_entry.data["competition"] == judged.page.pk
    assert "summary" in log_entry.data["fields"] and "body" in log_entry.data["fields"]
    assert not PageLogEntry.objects.filter(action=CREATE, page=page).exists()
    html = get(client, page.url)
    assert "Ringkasan yang sudah terbit." in html and "Layanan antar jemput dokumen." not in html

    publish_final(judged)
    live = InnovationPage.objects.get(pk=page.pk)
    assert live.summary == "Ringkasan yang sudah terbit."
    award = Award.objects.get(entry=entry)
    assert award.pk == finalist_award.pk and award.tier == AwardTier.WINNER_1
    assert Award.objects.filter(page=page).count() == 2  # the 2022 award is kept
    draft = live.get_latest_revision_as_object()
    assert draft.summary == "Layanan antar jemput dokumen."
    assert {(a.pk, a.tier) for a in draft.awards.all()} == {
        (old_award.pk, "juara_2"),
        (award.pk, AwardTier.WINNER_1),
    }
    assert PageLogEntry.objects.filter(action=UPDATE, page=page).count() == 1


def test_an_editors_pending_draft_keeps_its_text(judged, make_innovation):
    page = make_innovation(organisation=judged.organisations[0], summary="Ringkasan terbit.")
    page.summary = "Teks editor yang belum terbit."
    page.save_revision()
    entry = judged.entries[0]
    entry.innovation = page
    entry.save()
    publish(judged)

    live = InnovationPage.objects.get(pk=page.pk)
    assert live.summary == "Ringkasan terbit." and live.live
    draft = live.get_latest_revision_as_object()
    assert draft.summary == "Teks editor yang belum terbit." and sections(draft) == []
    award = Award.objects.get(entry=entry)
    assert [(a.pk, a.tier) for a in draft.awards.all()] == [(award.pk, AwardTier.FINALIST)]
    assert not PageLogEntry.objects.filter(action__in=[CREATE, UPDATE], page=page).exists()


def test_a_record_with_the_same_content_gets_no_revision_and_its_award_is_published(
    judged, make_innovation, catalogue
):
    entry = judged.entries[0]
    content = records.record_content(entry)
    page = make_innovation(
        organisation=entry.organisation,
        summary=content["summary"],
        body=content["body"],
        stage=content["stage"],
        is_digital=content["is_digital"],
        innovator_name=content["innovator_name"],
        sdgs=[3],
    )
    entry.innovation = page
    entry.save()
    publish(judged)

    live = InnovationPage.objects.get(pk=page.pk)
    assert not live.has_unpublished_changes  # the finalist award is a fact: published at once
    assert [a.tier for a in live.awards.all()] == [AwardTier.FINALIST]
    assert not PageLogEntry.objects.filter(action=UPDATE, page=page).exists()


# innovation_record_for -------------------------------------------------------------------------------------


def test_calling_again_changes_nothing(judged, catalogue, make_innovation):
    entry = judged.entries[2]
    page = records.innovation_record_for(entry, user=judged.secretariat)
    assert page.pk == Entry.objects.get(pk=entry.pk).innovation_id == entry.innovation_id
    revisions = page.revisions.count()
    assert revisions == 1
    assert records.innovation_record_for(entry).pk == page.pk
    assert records.innovation_record_for(Entry.objects.get(pk=entry.pk)).pk == page.pk
    assert page.revisions.count() == revisions and InnovationPage.objects.count() == 1
    assert PageLogEntry.objects.filter(action=CREATE).count() == 1

    existing = make_innovation(organisation=judged.organisations[0])
    other = judged.entries[0]
    other.innovation = existing
    other.save()
    records.innovation_record_for(other)
    records.innovation_record_for(other)
    records.innovation_record_for(Entry.objects.get(pk=other.pk))
    assert existing.revisions.count() == 1
    assert PageLogEntry.objects.filter(action=UPDATE, page=existing).count() == 1


def test_the_record_is_mapped_from_the_entry(judged, catalogue, make_innovation, make_theme):
    taken = make_innovation(title="Lain")
    InnovationPage.objects.filter(pk=taken.pk).update(slug="antrean-daring-puskesmas")
    other = make_innovation(title="Lain juga")
    InnovationPage.objects.filter(pk=other.pk).update(slug="antrean-daring-puskesmas-2")
    theme = make_theme("Kesehatan")
    entry = judged.entries[2]
    entry.answers = {"kebaruan": "Pertama.", "tidak_di_formulir": "Diabaikan.", "ringkasan": "  "}
    entry.started_on = None
    entry.innovation_stage = ""
    entry.is_digital = None
    entry.replicated_innovation = taken
    entry.save()
    entry.themes.set([theme])

    page = records.innovation_record_for(entry)
    assert page.slug == "antrean-daring-puskesmas-3"
    assert page.summary == "Pertama." and sections(page) == []  # the first answered section is the summary
    assert page.started_on == datetime.date(judged.page.year, 1, 1)
    assert page.stage == InnovationPage._meta.get_field("stage").default and page.is_digital is False
    assert [t.pk for t in page.themes.all()] == [theme.pk]
    assert [p.pk for p in page.replicates.all()] == [taken.pk]


def test_a_long_summary_is_trimmed_and_an_entry_without_answers_uses_its_title(judged, catalogue):
    long_entry, empty_entry = judged.entries[1], judged.entries[2]
    long_entry.answers = {"ringkasan": "kata " * 600, "kebaruan": ""}
    long_entry.save()
    empty_entry.answers = {}
    empty_entry.save()
    page = records.innovation_record_for(long_entry)
    max_length = InnovationPage._meta.get_field("summary").max_length
    assert len(page.summary) <= max_length and page.summary.startswith("kata kata")
    assert sections(page) == []
    assert records.innovation_record_for(empty_entry).summary == empty_entry.title


def test_rich_text_escapes_and_keeps_paragraphs():
    assert records.rich_text("a <b>\r\nb\n\n\n c & d ") == "<p>a &lt;b&gt;<br/>b</p><p>c &amp; d</p>"
    assert records.rich_text("   ") == ""


def test_existing_records_are_read_in_bulk(judged, make_innovation):
    """Reading the entries' existing records does not grow with their number (page writes are per page)."""
    entries = []
    for entry in judged.entries:
        page = make_innovation(organisation=entry.organisation)
        page.save_revision()  # a pending draft: nothing is written for it
        entry.innovation = page
        entry.save()
        entries.append(entry)

    def fresh(count):
        return list(
            Entry.objects.filter(pk__in=[entry.pk for entry in entries[:count]]).select_related(
                "competition", "organisation", "innovation"
            )
        )

    with CaptureQueriesContext(connection) as one:
        records.innovation_records_for(fresh(1))
    with CaptureQueriesContext(connection) as three:
        found = records.innovation_records_for(fresh(3))
    assert len(three.captured_queries) == len(one.captured_queries)
    assert {pk: page.pk for pk, page in found.items()} == {e.pk: e.innovation_id for e in entries}
