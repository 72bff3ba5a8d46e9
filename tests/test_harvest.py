"""
Harvest (``kipp_harvest``): other portals' innovations taken into a hub's catalogue through their API.

Every test talks to a real HTTP server on 127.0.0.1 (``tests.harvest_server.FakePortal``); waits between
retries are recorded instead of slept.
"""

from __future__ import annotations

import datetime
import io
import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageLogEntry, Revision

from tests.harvest_server import FakePortal, innovation_record, moment
from wagtail_kipp.exchange import harvest as harvest_module
from wagtail_kipp.exchange.harvest import harvest_source, harvest_sources
from wagtail_kipp.exchange.harvest_client import HarvestClient, HarvestError, api_root, follow_link
from wagtail_kipp.exchange.harvest_mapping import clean_html
from wagtail_kipp.models import (
    Award,
    HarvestSource,
    InnovationPage,
    InnovationSource,
    Organisation,
    OrganisationSource,
    Theme,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def portal():
    with FakePortal([innovation_record(n) for n in range(1, 4)]) as server:
        yield server


@pytest.fixture
def source(portal, catalogue):
    return HarvestSource.objects.create(name="Kota Sukamaju", api_url=portal.api_url, catalogue=catalogue)


def client(**options) -> HarvestClient:
    """A client that records its waits instead of sleeping (jitter fixed at its largest)."""
    waits: list[float] = []
    options.setdefault("timeout", (2, 2))
    options.setdefault("backoff", 1.0)
    made = HarvestClient(sleep=waits.append, jitter=lambda: 1.0, **options)
    made.recorded = waits
    return made


def run(source, **options):
    made = client(**options.pop("client_options", {}))
    report = harvest_source(source, client=made, **options)
    source.refresh_from_db()
    report.waits = made.recorded
    return report


def harvested(record_id) -> InnovationPage:
    return InnovationPage.objects.get(sources__source_id=record_id, sources__locale="id")


def record_id(number: int) -> str:
    return str(uuid.UUID(int=number + 1))


# The first run ----------------------------------------------------------------------------------------


def test_a_first_run_publishes_each_record_as_an_innovation_page_of_the_catalogue(source, portal, catalogue):
    report = run(source)

    assert (report.status, report.fetched, report.created, report.updated) == ("ok", 3, 3, 0)
    page = harvested(record_id(1))
    assert page.live and not page.has_unpublished_changes
    assert page.get_parent().pk == catalogue.pk
    assert page.title == "Inovasi Layanan 1" and page.slug == "inovasi-1"
    assert page.url_path == f"{catalogue.url_path}inovasi-1/"
    assert str(page.translation_key) == record_id(1), (
        "the stable id is kept, so translations and chains match"
    )
    assert page.summary.startswith("Ringkasan inovasi nomor 1")
    assert page.started_on == datetime.date(2016, 5, 1) and page.stage == "penerapan" and page.is_digital
    assert page.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert page.replicated_elsewhere == "Kabupaten Kudus"
    assert [block.block_type for block in page.body] == ["section", "result", "quote"], "figures not copied"
    assert page.body[0].value["text"].source == "<p>Antrean panjang nomor 1.</p>"
    assert page.body[1].value["after"] == "20 menit"
    assert [theme.slug for theme in page.themes.all()] == ["kesehatan"]
    assert [goal.number for goal in page.sdgs.all()] == [3]
    assert [(a.year, a.level, a.tier) for a in page.awards.all()] == [(2023, "lokal", "juara_1")]
    assert report.themes_created == ["kesehatan"] and report.figures_left_out == 3

    # A real Wagtail page: a published revision that restores it, and its history in the audit log.
    revision = page.live_revision
    assert revision is not None and revision == page.latest_revision
    assert revision.as_object().title == page.title
    assert [a.tier for a in revision.as_object().awards.all()] == ["juara_1"]
    entry = PageLogEntry.objects.get(page=page)
    assert entry.action == "wagtail_kipp.innovation.harvest" and entry.revision_id == revision.pk
    catalogue.refresh_from_db()
    assert catalogue.numchild == 3 and catalogue.get_children().count() == 3 and page.numchild == 0

    row = InnovationSource.objects.get(page=page)
    assert row.portal == portal.base_url and row.harvest == source and row.locale == "id"
    assert row.url == "http://portal.example/katalog/inovasi-1/"
    assert row.updated_at == datetime.datetime.fromisoformat(moment(1))

    assert source.last_status == "ok" and source.harvested_until == datetime.datetime.fromisoformat(moment(3))
    assert source.last_report["created"] == 3 and source.last_run_at is not None
    assert PageLogEntry.objects.filter(action="wagtail_kipp.harvest.run").count() == 0
    from wagtail.models import ModelLogEntry

    assert ModelLogEntry.objects.filter(action="wagtail_kipp.harvest.run", object_id=str(source.pk)).exists()
    assert all(agent.startswith("wagtail-kipp/") for agent in portal.user_agents)


def test_harvested_pages_are_ordinary_wagtail_pages(source, portal, client):
    from django.contrib.auth import get_user_model
    from wagtail.signals import page_published

    published = []

    def receiver(sender, instance, revision, **kwargs):
        published.append((sender, instance.pk, revision.pk))

    page_published.connect(receiver)
    try:
        run(source)
    finally:
        page_published.disconnect(receiver)

    page = harvested(record_id(1))
    assert (InnovationPage, page.pk, page.live_revision_id) in published and len(published) == 3
    admin = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    english_admin(admin)
    client.force_login(admin)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    assert "Innovation record published from another portal" in history
    # An editor may publish it again: its harvested content (awards included) is in the revision.
    page.specific.save_revision().publish()
    assert [a.tier for a in InnovationPage.objects.get(pk=page.pk).awards.all()] == ["juara_1"]


def test_the_reference_index_job_records_where_organisations_are_used(source, portal):
    from wagtail.models import ReferenceIndex

    from wagtail_kipp.exchange.harvest_tasks import index_in_search_backends, update_reference_index

    run(source)
    ids = list(InnovationPage.objects.values_list("pk", flat=True))

    assert update_reference_index.call(ids) == 3

    page = harvested(record_id(1))
    assert ReferenceIndex.get_references_to(page.organisation).filter(object_id=str(page.pk)).exists()
    assert index_in_search_backends.call(ids, ["default"]) == 3  # the job for backends indexed later


def test_harvested_pages_fit_in_the_tree_beside_the_hubs_own_pages(
    source, portal, catalogue, make_innovation
):
    from wagtail.models import Page

    own = make_innovation("Inovasi Hub")
    own.slug = "inovasi-1"  # the slug the first record asks for
    own.save()

    run(source)

    assert harvested(record_id(1)).slug == "inovasi-1-2"
    later = catalogue.add_child(  # an editor adds a page after the harvest, as the admin does
        instance=InnovationPage(
            title="Ditambah Editor",
            slug="ditambah-editor",
            organisation=own.organisation,
            summary="Oleh editor.",
            started_on=datetime.date(2024, 1, 1),
        )
    )
    catalogue.refresh_from_db()
    assert catalogue.numchild == 5 and later.path > harvested(record_id(3)).path
    assert not any(Page.find_problems()), "the tree is consistent"


def test_organisations_are_created_once_inactive_with_their_government_and_a_mapping(source, portal):
    portal.records = [innovation_record(n) for n in (1, 6)]  # both "dinas-1"
    run(source)

    mapping = OrganisationSource.objects.get(portal=portal.base_url, key="dinas-1")
    organisation = mapping.organisation
    assert organisation.name == "Dinas Uji 1 (Pemerintah Kota Sukamaju)"
    assert organisation.acronym == "DU1" and organisation.kind == "dinas" and not organisation.active
    assert set(InnovationPage.objects.values_list("organisation", flat=True)) == {organisation.pk}


def test_an_organisation_mapped_by_the_hub_is_used_instead_of_a_new_one(source, portal, make_organisation):
    own = make_organisation("Dinas Kesehatan Provinsi", slug="dinkes-prov")
    OrganisationSource.objects.create(portal=portal.base_url, key="dinas-1", organisation=own)
    portal.records = [innovation_record(1)]

    report = run(source)

    assert harvested(record_id(1)).organisation == own
    assert report.organisations_created == []
    assert not Organisation.objects.filter(name__startswith="Dinas Uji 1").exists()


def test_an_unknown_organisation_kind_becomes_other_and_unknown_blocks_are_ignored(source, portal):
    record = innovation_record(1)
    record["organisation"]["kind"] = "kementerian"
    record["body"].append({"type": "map", "geojson": {}})
    portal.records = [record]

    assert run(source).status == "ok"
    page = harvested(record_id(1))
    assert page.organisation.kind == "lainnya"
    assert [block.block_type for block in page.body] == ["section", "result", "quote"]


def test_rich_text_from_another_portal_is_cleaned(source, portal):
    record = innovation_record(1)
    record["body"][0]["html"] = (
        '<p onclick="steal()">Lihat <a href="javascript:alert(1)">ini</a> dan '
        '<a href="https://kota.example/sop" style="x">SOP</a><script>alert(1)</script>'
        "<img src=x onerror=alert(1)><iframe src=https://evil.example></iframe></p>"
    )
    portal.records = [record]

    run(source)

    text = harvested(record_id(1)).body[0].value["text"].source
    assert text == '<p>Lihat <a>ini</a> dan <a href="https://kota.example/sop">SOP</a></p>'


def test_clean_html_keeps_wagtails_own_rich_text_as_it_is():
    html = '<h3>Hasil</h3><p>Antrean <b>turun</b> &amp; <a href="https://x.example/a">laporan</a>.<br/>Ya</p>'
    assert clean_html(html) == html
    assert clean_html("<p>a < b & c</p>") == "<p>a &lt; b &amp; c</p>"
    assert clean_html("<ul><li>satu<li>dua</ul>") == "<ul><li>satu<li>dua</li></li></ul>"


# Later runs ------------------------------------------------------------------------------------------


def test_a_changed_record_updates_the_same_page_with_a_new_revision_and_others_are_untouched(source, portal):
    run(source)
    first = harvested(record_id(1))
    second = harvested(record_id(2))
    published_before = second.last_published_at
    portal.records[0] = innovation_record(1, title="Inovasi Layanan Satu", last_published_at=moment(10))

    report = run(source)

    assert (report.created, report.updated, report.unchanged, report.skipped) == (0, 1, 2, 0)
    page = harvested(record_id(1))
    assert page.pk == first.pk and page.title == "Inovasi Layanan Satu" and page.draft_title == page.title
    assert page.slug == first.slug, "the page keeps its address"
    assert InnovationPage.objects.count() == 3, "merged by stable id: no duplicate"
    assert Revision.objects.filter(object_id=str(page.pk)).count() == 2
    assert page.live_revision.as_object().title == "Inovasi Layanan Satu"
    assert page.last_published_at > first.last_published_at
    untouched = harvested(record_id(2))
    assert untouched.last_published_at == published_before
    assert Revision.objects.filter(object_id=str(untouched.pk)).count() == 1
    assert InnovationSource.objects.get(page=page).updated_at == datetime.datetime.fromisoformat(moment(10))
    assert source.harvested_until == datetime.datetime.fromisoformat(moment(10))


def test_later_runs_ask_only_for_changes_since_the_cursor_less_the_overlap(source, portal, settings):
    settings.WAGTAIL_KIPP_HARVEST_OVERLAP_SECONDS = 60
    run(source)
    assert "updated_since" not in portal.requests[0]
    portal.requests.clear()

    run(source)

    expected = (datetime.datetime.fromisoformat(moment(3)) - datetime.timedelta(seconds=60)).isoformat()
    assert f"updated_since={expected.replace('+', '%2B').replace(':', '%3A')}" in portal.requests[0]


def test_awards_are_replaced_by_the_records_but_the_hubs_own_awards_stay(source, portal, make_entry):
    run(source)
    page = harvested(record_id(1))
    own = Award.objects.create(
        page=page, year=2024, competition="KIPP Provinsi", level="provinsi", tier="top_45", entry=make_entry()
    )
    awards = [
        {"year": 2022, "competition": "KIPP Kota", "level": "lokal", "tier": "juara_2", "note": "Umum"},
        {"year": 2024, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99", "note": ""},
    ]
    portal.records[0] = innovation_record(1, awards=awards, last_published_at=moment(20))

    run(source)

    stored = {(a.competition, a.tier) for a in Award.objects.filter(page=page)}
    assert stored == {("KIPP Nasional", "top_99"), ("KIPP Kota", "juara_2"), ("KIPP Provinsi", "top_45")}
    assert Award.objects.filter(pk=own.pk).exists()
    assert len(harvested(record_id(1)).live_revision.as_object().awards.all()) == 3

    again = run(source)  # the same records once more: awards in another order are the same awards

    assert (again.updated, again.unchanged) == (0, 3)


def test_a_page_the_hub_unpublished_is_left_as_it_is(source, portal):
    run(source)
    page = harvested(record_id(1))
    page.unpublish()
    portal.records[0] = innovation_record(1, title="Judul Baru", last_published_at=moment(20))

    report = run(source)

    assert report.status == "partial" and report.skipped == 1
    assert "unpublished on this site" in report.skipped_records[0]["reason"]
    page.refresh_from_db()
    assert not page.live and page.title == "Inovasi Layanan 1"


def test_an_innovation_of_the_hub_itself_is_never_overwritten(source, portal, make_innovation):
    own = make_innovation("Inovasi Hub Sendiri")
    portal.records = [innovation_record(1, id=str(own.translation_key))]

    report = run(source)

    assert report.skipped == 1 and "same stable id" in report.skipped_records[0]["reason"]
    own.refresh_from_db()
    assert own.title == "Inovasi Hub Sendiri" and not InnovationSource.objects.exists()


# Translations --------------------------------------------------------------------------------------------


@pytest.fixture
def english_catalogue(catalogue, en_locale):
    english = catalogue.copy_for_translation(en_locale, copy_parents=True)
    english.save_revision().publish()
    return english


def test_translations_become_wagtail_translations_under_the_catalogues_translation(
    source, portal, english_catalogue
):
    portal.records = [
        innovation_record(1),
        innovation_record(1, locale="en", title="Service Innovation 1", slug="service-innovation-1"),
    ]

    report = run(source)

    assert report.created == 2
    indonesian = harvested(record_id(1))
    english = InnovationPage.objects.get(sources__source_id=record_id(1), sources__locale="en")
    assert english.translation_key == indonesian.translation_key
    assert english.locale.language_code == "en" and english.get_parent().pk == english_catalogue.pk
    assert list(indonesian.get_translations().values_list("pk", flat=True)) == [english.pk]


def test_a_language_the_hub_cannot_hold_is_skipped_and_reported(source, portal, en_locale):
    portal.records = [
        innovation_record(1),
        innovation_record(2, locale="en"),  # the hub has English, but its catalogue is not translated
        innovation_record(3, locale="fr"),  # the hub has no French at all
    ]

    report = run(source)

    assert report.status == "partial" and (report.created, report.skipped) == (1, 2)
    reasons = {item["locale"]: item["reason"] for item in report.skipped_records}
    assert "no translation in the language en" in reasons["en"]
    assert "no content in the language fr" in reasons["fr"]
    assert source.last_status == "partial"


# Bad records and bad sources ------------------------------------------------------------------------


def test_a_malformed_record_is_skipped_and_reported_and_the_others_are_taken(source, portal):
    broken = innovation_record(2, stage="dikaji")
    del broken["title"]
    nonsense = {"id": "nonsense", "last_published_at": moment(2.5)}
    portal.records = [innovation_record(1), broken, nonsense, innovation_record(3)]

    report = run(source)

    assert report.status == "partial" and (report.created, report.skipped) == (2, 2)
    reasons = " ".join(item["reason"] for item in report.skipped_records)
    assert "title: Field required" in reasons and "stage" in reasons
    assert source.last_status == "partial"
    assert {item["id"] for item in source.last_report["skipped_records"]} == {record_id(2), "nonsense"}
    assert source.harvested_until == datetime.datetime.fromisoformat(moment(3))


def test_a_source_that_fails_midway_leaves_no_page_and_no_cursor_while_another_succeeds(
    source, portal, catalogue, settings
):
    settings.WAGTAIL_KIPP_HARVEST_PAGE_SIZE = 2
    settings.WAGTAIL_KIPP_HARVEST_BACKOFF = 0.01
    portal.faults = [("ok",), ("bad_json",)]  # the first page is fine, the second is not
    with FakePortal([innovation_record(n) for n in range(10, 13)]) as other:
        good = HarvestSource.objects.create(name="Kabupaten Lain", api_url=other.api_url, catalogue=catalogue)

        reports = harvest_sources([source, good])

    assert [report.status for report in reports] == ["failed", "ok"]
    assert "not valid JSON" in reports[0].error
    source.refresh_from_db()
    assert source.last_status == "failed" and source.harvested_until is None
    assert source.last_report["error"] == reports[0].error
    assert not InnovationSource.objects.filter(harvest=source).exists()
    assert InnovationSource.objects.filter(harvest=good).count() == 3
    assert InnovationPage.objects.count() == 3


def test_a_failure_while_writing_rolls_back_everything_of_that_source(source, portal, monkeypatch):
    monkeypatch.setattr(harvest_module, "BATCH", 2)
    real = harvest_module.SourceWriter.write_batch
    calls = []

    def failing(self, records):
        calls.append(len(records))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, records)

    monkeypatch.setattr(harvest_module.SourceWriter, "write_batch", failing)

    report = run(source)

    assert report.status == "failed" and "disk full" in report.error and report.created == 0
    assert calls == [2, 1]
    assert not InnovationPage.objects.exists() and not Organisation.objects.exists()
    assert not Theme.objects.filter(slug="kesehatan").exists()
    assert source.harvested_until is None


def test_a_truncated_listing_fails_the_source(source, portal, settings):
    settings.WAGTAIL_KIPP_HARVEST_PAGE_SIZE = 2
    portal.truncate = 2  # count says 3, the pages stop after 2

    report = run(source)

    assert report.status == "failed" and "listed 3 innovations but gave 2" in report.error
    assert not InnovationPage.objects.exists()


def test_a_next_link_to_another_host_is_not_followed(source, portal, settings):
    settings.WAGTAIL_KIPP_HARVEST_PAGE_SIZE = 2
    portal.next_host = "attacker.example"

    report = run(source)

    assert report.status == "failed" and "leads outside its listing" in report.error
    assert not InnovationPage.objects.exists()
    assert all("attacker" not in path for path in portal.requests)


def test_a_source_with_smaller_pages_is_read_whole(source, portal):
    portal.page_size = 1  # pages of one record, whatever the limit asked for

    report = run(source)

    assert (report.status, report.created, report.requests) == ("ok", 3, 3)


def test_a_limit_the_source_refuses_is_dropped_for_its_default(source, portal):
    portal.max_limit = 2  # a portal with WAGTAIL_KIPP_API_MAX_PAGE_SIZE = 2 answers 400 to limit=100

    report = run(source)

    assert (report.status, report.created) == ("ok", 3)
    assert "limit=100" in portal.requests[0] and "limit" not in portal.requests[1].split("&offset")[0]


def test_next_links_stay_in_the_listing():
    listing = "https://kota.example/api/kipp/v1/innovations"
    assert follow_link("http://kota.example/api/kipp/v1/innovations?offset=2", listing) == (
        "https://kota.example/api/kipp/v1/innovations?offset=2"
    )
    for bad in (
        "https://kota.example:8443/api/kipp/v1/innovations?offset=2",
        "https://other.example/api/kipp/v1/innovations?offset=2",
        "https://kota.example/admin/?offset=2",
        "file:///etc/passwd",
    ):
        with pytest.raises(HarvestError):
            follow_link(bad, listing)


def test_only_http_and_https_sources_are_read(catalogue):
    for url in ("ftp://kota.example/api/", "file:///etc/passwd", "javascript:alert(1)", "kota.example/api"):
        with pytest.raises(HarvestError):
            api_root(url)
    source = HarvestSource.objects.create(name="FTP", api_url="ftp://kota.example/api/", catalogue=catalogue)

    report = run(source)

    assert report.status == "failed" and "Not an http or https URL" in report.error and report.requests == 0


def test_a_500_then_ok_is_retried_after_a_bounded_back_off(source, portal):
    portal.faults = [("status", 500), ("status", 503)]

    report = run(source)

    assert report.status == "ok" and report.created == 3
    assert report.retries == 2 and report.waits == [1.0, 2.0]  # 1 s, then twice as long (jitter at its top)


def test_back_off_is_exponential_with_jitter_and_bounded():
    made = client(backoff=1.0)
    made.jitter = lambda: 0.0
    assert [made.backoff_delay(attempt) for attempt in range(4)] == [0.5, 1.0, 2.0, 4.0]
    made.jitter = lambda: 1.0
    assert [made.backoff_delay(attempt) for attempt in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert made.backoff_delay(30) == 300.0


def test_a_429_is_retried_after_the_wait_it_asks_for(source, portal):
    portal.faults = [("status", 429, 7)]

    report = run(source)

    assert report.status == "ok" and report.waits == [7.0]


def test_a_source_failing_every_attempt_fails_after_the_retries(source, portal):
    portal.faults = [("status", 502)] * 10

    report = run(source, client_options={"retries": 3})

    assert report.status == "failed" and "answered 502 (4 attempts)" in report.error
    assert report.waits == [1.0, 2.0, 4.0] and report.requests == 4


def test_a_4xx_answer_is_not_retried(source, portal):
    portal.faults = [("status", 404)]

    report = run(source)

    assert report.status == "failed" and "answered 404" in report.error and "Try later." in report.error
    assert report.requests == 1 and report.waits == []


def test_a_slow_source_times_out_and_is_retried(source, portal):
    portal.faults = [("slow", 1.5)]

    report = run(source, client_options={"timeout": (1, 0.3), "retries": 1})

    assert report.status == "ok" and report.retries == 1
    assert report.waits == [1.0]


def test_a_source_too_slow_every_time_fails_without_a_traceback(source, portal):
    portal.faults = [("slow", 1.0), ("slow", 1.0)]

    report = run(source, client_options={"timeout": (1, 0.2), "retries": 1})

    assert report.status == "failed" and "did not answer in time" in report.error


def test_an_answer_over_the_size_limit_is_refused(source, portal):
    report = run(source, client_options={"max_bytes": 1000})

    assert report.status == "failed" and "larger than 1000 bytes" in report.error


def test_a_list_that_moves_while_it_is_read_keeps_the_cursor(source, portal):
    # The same record twice: it was re-published while the client paged through.
    portal.records = [
        innovation_record(1),
        innovation_record(2),
        innovation_record(1, last_published_at=moment(5)),
    ]

    report = run(source)

    assert report.status == "ok" and report.created == 2
    assert source.harvested_until is None and any("moved" in note for note in report.notes)


# Full runs, pruning, dry runs -------------------------------------------------------------------------


def test_a_full_run_reports_records_no_longer_listed_and_prune_unpublishes_them(source, portal):
    run(source)
    portal.records = portal.records[1:]  # record 1 was withdrawn at the source

    report = run(source, full=True)

    assert report.missing == 1 and report.missing_records[0]["id"] == record_id(1)
    assert report.pruned == 0 and harvested(record_id(1)).live, "reported, not deleted"
    assert report.unchanged == 2

    report = run(source, full=True, prune=True)

    assert report.pruned == 1 and not harvested(record_id(1)).live
    assert InnovationPage.objects.filter(pk=harvested(record_id(1)).pk).exists(), "unpublished, never deleted"


def test_a_dry_run_changes_nothing(source, portal):
    report = run(source, dry_run=True)

    assert (report.status, report.created) == ("ok", 3)
    assert not InnovationPage.objects.exists() and not Organisation.objects.exists()
    assert source.last_run_at is None and source.harvested_until is None and source.last_report == {}


# The package's own API ------------------------------------------------------------------------------


def test_records_of_this_packages_real_api_are_harvested_faithfully(
    client, make_innovation, make_organisation, make_theme, catalogue, en_locale
):
    """Answers of the real API, recorded with the test client, served by the local server, harvested back."""
    parent = make_organisation("Dinas Kependudukan", acronym="Disdukcapil", slug="dukcapil")
    unit = make_organisation("Kecamatan Barat", kind="kecamatan", slug="kec-barat", parent=parent)
    theme = make_theme("Tata Kelola", "Governance", slug="tata-kelola")
    body = [
        {"type": "section", "value": {"heading": "Rancang bangun", "text": "<p>Dokumen <b>diantar</b>.</p>"}},
        {"type": "result", "value": {"label": "Waktu layanan", "before": "3 hari", "after": "2 jam"}},
        {"type": "quote", "value": "Tidak perlu antre lagi."},
    ]
    awards = [{"year": 2022, "competition": "KIPP Kota Sukamaju", "level": "lokal", "tier": "juara_1"}]
    original = make_innovation(
        "SI-CANTIK",
        organisation=unit,
        themes=[theme],
        sdgs=[16, 10],
        summary="Antar dokumen kependudukan ke rumah warga.",
        started_on=datetime.date(2021, 7, 27),
        is_digital=True,
        body=body,
        awards=awards,
        replicated_elsewhere="Kabupaten Kudus\nKota Pekalongan",
    )
    original.save_revision().publish()
    english_catalogue = catalogue.copy_for_translation(en_locale, copy_parents=True)
    english_catalogue.save_revision().publish()
    english = original.copy_for_translation(en_locale)
    english.title = "SI-CANTIK (English)"
    english.save_revision().publish()

    answer = client.get("/api/kipp/v1/innovations", {"limit": 100}, HTTP_ACCEPT_LANGUAGE="id")
    assert answer.status_code == 200
    recorded = answer.json()["results"]
    assert len(recorded) == 2
    expected = {(page.locale.language_code, page.title) for page in (original, english)}
    stable_id = original.translation_key
    english.delete()
    original.delete()  # the hub is the same database here: the source's pages must not be in it

    with FakePortal(recorded) as portal:
        source = HarvestSource.objects.create(name="Sukamaju", api_url=portal.api_url, catalogue=catalogue)
        report = run(source)

    assert (report.status, report.created) == ("ok", 2), report
    pages = InnovationPage.objects.filter(translation_key=stable_id)
    assert {(page.locale.language_code, page.title) for page in pages} == expected
    page = pages.get(locale__language_code="id")
    assert page.summary == "Antar dokumen kependudukan ke rumah warga." and page.is_digital
    assert [(b.block_type, b.block.get_prep_value(b.value)) for b in page.body] == [
        (item["type"], item["value"]) for item in body
    ]
    assert sorted(goal.number for goal in page.sdgs.all()) == [10, 16]
    assert [theme.slug for theme in page.themes.all()] == ["tata-kelola"]
    assert [(a.competition, a.tier) for a in page.awards.all()] == [("KIPP Kota Sukamaju", "juara_1")]
    assert page.replicated_elsewhere == "Kabupaten Kudus\nKota Pekalongan"
    assert page.organisation.kind == "kecamatan" and page.organisation.name.startswith("Kecamatan Barat")
    assert page.innovator_name == "", "never personal data: the API gives none"


# The catalogue shows them ------------------------------------------------------------------------------


def test_the_catalogue_lists_and_finds_harvested_innovations_right_after_a_run(source, portal, client):
    record = innovation_record(1, title="Jemput Bola Posyandu Keliling")
    portal.records = [record, innovation_record(2)]

    run(source)

    listing = client.get(source.catalogue.url)
    assert listing.status_code == 200
    assert "Jemput Bola Posyandu Keliling" in listing.content.decode()
    found = client.get(source.catalogue.url, {"q": "posyandu"}).content.decode()
    assert "Jemput Bola Posyandu Keliling" in found and "Inovasi Layanan 2" not in found
    page = harvested(record_id(1))
    assert client.get(page.url).status_code == 200


# The command -------------------------------------------------------------------------------------------


def call(*args):
    out = io.StringIO()
    call_command("kipp_harvest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_command_adds_a_new_portal_with_its_catalogue_and_harvests_it(portal, catalogue):
    output = call(portal.api_url, "--catalogue", str(catalogue.pk))

    source = HarvestSource.objects.get()
    assert source.name == "Pemerintah Kota Sukamaju" and source.api_url == portal.api_url
    assert "Added Pemerintah Kota Sukamaju" in output
    assert f"Pemerintah Kota Sukamaju ({portal.api_url}): ok" in output
    assert "fetched 3, created 3, updated 0, unchanged 0, skipped 0" in output
    assert InnovationPage.objects.count() == 3


def test_the_command_refuses_an_unknown_portal_without_a_catalogue_and_a_bad_url(portal, catalogue):
    with pytest.raises(CommandError, match="not a harvested portal yet: give --catalogue"):
        call(portal.api_url)
    with pytest.raises(CommandError, match="Not an http or https URL"):
        call("file:///etc/passwd", "--catalogue", str(catalogue.pk))
    with pytest.raises(CommandError, match="--prune needs --full"):
        call("--all", "--prune")
    with pytest.raises(CommandError, match="or --all"):
        call()
    assert not HarvestSource.objects.exists()


def test_the_command_exits_with_1_when_a_portal_fails_and_still_harvests_the_others(source, portal, settings):
    settings.WAGTAIL_KIPP_HARVEST_RETRIES = 0
    broken = HarvestSource.objects.create(
        name="Mati", api_url="http://127.0.0.1:9/api/kipp/v1/", catalogue=source.catalogue
    )
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 portals failed"):
        call_command("kipp_harvest", "--all", stdout=out)

    output = out.getvalue()
    assert "Kota Sukamaju" in output and "created 3" in output
    assert "Mati (http://127.0.0.1:9/api/kipp/v1/): failed" in output and "Could not connect" in output
    assert "Traceback" not in output
    broken.refresh_from_db()
    assert broken.last_status == "failed"


def test_the_command_dry_run_json_and_full_report(source, portal):
    output = call(portal.api_url, "--dry-run", "--json")
    assert json.loads(output)[0]["created"] == 3
    assert not InnovationPage.objects.exists()

    call(portal.api_url)
    portal.records = portal.records[:2]
    output = call("--all", "--full")
    assert "no longer listed there: 1, kept (--prune unpublishes them)" in output
    assert "fetched 2, created 0, updated 0, unchanged 2, skipped 0" in output


# The admin -----------------------------------------------------------------------------------------------


@pytest.fixture
def operator(db):
    """A hub operator: admin access and the harvested portals' model permissions."""
    user = get_user_model().objects.create_user("operator", "op@example.com", "pw")
    group = Group.objects.create(name="Hub operator")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__endswith="_harvestsource"),
    )
    user.groups.add(group)
    return english_admin(user)


def english_admin(user):
    """The admin in English for ``user`` (it follows the user's preference, not the active language)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def test_the_admin_lists_portals_with_their_last_run_and_harvests_now(
    client, operator, source, portal, django_capture_on_commit_callbacks
):
    client.force_login(operator)
    run(source)

    listing = client.get(reverse("kipp_harvest:index"))

    assert listing.status_code == 200
    content = listing.content.decode()
    assert "Kota Sukamaju" in content and "3 fetched, 3 created" in content
    assert reverse("kipp_harvest:harvest", args=[source.pk]) in content
    failed_only = client.get(reverse("kipp_harvest:index"), {"last_status": "failed"}).content.decode()
    assert "Kota Sukamaju" not in failed_only

    portal.records[0] = innovation_record(1, title="Diubah", last_published_at=moment(30))
    url = reverse("kipp_harvest:harvest", args=[source.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(url)

    assert len(callbacks) >= 1, "the harvest is queued once the request commits"

    assert response.status_code == 302
    assert harvested(record_id(1)).title == "Diubah", "the job ran (immediate backend in the tests)"
    source.refresh_from_db()
    assert source.last_report["updated"] == 1
    inspect = client.get(reverse("kipp_harvest:inspect", args=[source.pk])).content.decode()
    assert "&quot;updated&quot;: 1" in inspect


def test_the_admin_form_accepts_only_http_api_addresses(client, operator, catalogue):
    client.force_login(operator)
    url = reverse("kipp_harvest:add")
    data = {"name": "Kota", "api_url": "ftp://kota.example/api/", "catalogue": catalogue.pk, "active": "on"}

    assert client.post(url, data).status_code == 200
    assert not HarvestSource.objects.exists()

    data["api_url"] = "https://Kota.Example/api/kipp/v1"
    assert client.post(url, data).status_code == 302
    assert HarvestSource.objects.get().api_url == "https://kota.example/api/kipp/v1/"


def test_the_admin_is_closed_without_the_permission(client, source, make_secretariat):
    client.force_login(english_admin(make_secretariat()))  # may run rounds, not harvests

    assert client.get(reverse("kipp_harvest:index")).status_code == 302
    response = client.post(reverse("kipp_harvest:harvest", args=[source.pk]))
    assert response.status_code == 302 and not InnovationPage.objects.exists()


def test_viewing_alone_does_not_allow_harvesting(client, source):
    user = get_user_model().objects.create_user("viewer", "v@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_harvestsource")
    )
    client.force_login(english_admin(user))

    listing = client.get(reverse("kipp_harvest:index"))
    assert listing.status_code == 200
    assert reverse("kipp_harvest:harvest", args=[source.pk]) not in listing.content.decode()
    client.post(reverse("kipp_harvest:harvest", args=[source.pk]))
    assert not InnovationPage.objects.exists()
