"""The open data API: records a re-user can rely on, what never leaves it, filters, sync, HTTP and errors."""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction, Site

from tests.judged import JUROR_NAMES, TITLES, publish, publish_final
from wagtail_kipp.judging import objections
from wagtail_kipp.models import (
    AwardLevel,
    AwardTier,
    Decision,
    InnovationIndexPage,
    ObjectionStatus,
    StageResult,
)

pytestmark = pytest.mark.django_db

V1 = "/api/kipp/v1"
SECRET_INNOVATOR = "Budi Santoso Rahasia"


def get(client, path: str, status: int = 200, **params):
    """GET ``path`` (below ``/api/kipp/v1``) with query ``params``: the JSON of an answer of ``status``."""
    language = params.pop("_language", "id")
    response = client.get(V1 + path, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == status, (response.status_code, response.content[:600])
    return response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["results"]]


def publish_page(page, **changes):
    """Publish a revision of ``page`` (setting its publication times) with ``changes`` applied."""
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def image(db):
    return get_image_model().objects.create(
        title="Foto layanan", description="Petugas melayani warga", file=get_test_image_file(size=(800, 450))
    )


@pytest.fixture
def document(db):
    return get_document_model().objects.create(
        title="SOP Layanan", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="sop-layanan.pdf")
    )


@pytest.fixture
def full_record(make_innovation, make_organisation, make_theme, image, document):
    """An innovation with every part of a record filled in, published, and an innovation it adapts."""
    parent = make_organisation("Dinas Kependudukan", acronym="Disdukcapil", slug="dukcapil")
    unit = make_organisation("Kecamatan Barat", kind="kecamatan", slug="kec-barat", parent=parent)
    theme = make_theme("Tata Kelola", "Governance", slug="tata-kelola")
    original = publish_page(make_innovation("Inovasi Asal", organisation=parent))
    page = make_innovation(
        "SI-CANTIK",
        organisation=unit,
        themes=[theme],
        sdgs=[16, 10],
        summary="Antar dokumen kependudukan ke rumah warga.",
        started_on=datetime.date(2021, 7, 27),
        is_digital=True,
        innovator_name=SECRET_INNOVATOR,
        image=image,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        replicated_elsewhere="Kabupaten Kudus\nKota Pekalongan\n",
        body=[
            {
                "type": "section",
                "value": {
                    "heading": "Rancang bangun",
                    "text": f'<p>Diadaptasi dari <a linktype="page" id="{original.pk}">inovasi asal</a>.</p>',
                },
            },
            {
                "type": "figure",
                "value": {"image": {"image": image.pk, "decorative": False, "alt_text": "Loket"}},
            },
            {"type": "result", "value": {"label": "Waktu layanan", "before": "3 hari", "after": "2 jam"}},
            {"type": "quote", "value": "Tidak perlu antre lagi."},
        ],
        awards=[
            {"year": 2022, "competition": "KIPP Kota Sukamaju", "level": "lokal", "tier": "juara_1"},
            {
                "year": 2023,
                "competition": "KIPP Nasional",
                "level": "nasional",
                "tier": "top_99",
                "note": "Kelompok umum",
            },
        ],
    )
    page.gallery_images.create(image=image, caption="Loket keliling")
    page.documents.create(document=document, title="")
    page.replicates.add(original)
    return publish_page(page)


# The index and the records ----------------------------------------------------------------------------------


def test_the_index_lists_the_resources_the_schema_and_the_docs(client, home_page):
    data = get(client, "/")
    assert data["version"] == "1"
    assert data["openapi"] == f"http://testserver{V1}/openapi.json"
    assert data["docs"] == f"http://testserver{V1}/docs"
    assert {item["name"]: item["url"] for item in data["resources"]} == {
        "innovations": f"http://testserver{V1}/innovations",
        "awards": f"http://testserver{V1}/awards",
        "rounds": f"http://testserver{V1}/rounds",
    }


def test_an_innovation_record_has_what_its_public_page_shows(client, full_record, image):
    data = get(client, "/innovations", q="", organisation="kec-barat")
    assert data["count"] == 1
    record = data["results"][0]
    assert record == get(client, f"/innovations/{full_record.translation_key}")
    assert record["id"] == str(full_record.translation_key)
    assert record["locale"] == "id"
    assert record["title"] == "SI-CANTIK" and record["slug"] == full_record.slug
    assert record["url"] == full_record.get_full_url()
    assert record["api_url"] == f"http://testserver{V1}/innovations/{full_record.translation_key}?locale=id"
    assert record["summary"] == "Antar dokumen kependudukan ke rumah warga."
    assert record["organisation"] == {
        "slug": "kec-barat",
        "name": "Kecamatan Barat",
        "acronym": "",
        "kind": "kecamatan",
        "parent": {"slug": "dukcapil", "name": "Dinas Kependudukan"},
        "website": "",
        "region": "",
    }
    assert record["themes"] == [{"slug": "tata-kelola", "name": "Tata Kelola", "name_en": "Governance"}]
    assert [goal["number"] for goal in record["sdgs"]] == [10, 16]
    assert (record["stage"], record["innovation_form"], record["initiator"]) == (
        "penerapan",
        "pelayanan_publik",
        "opd",
    )
    assert record["is_digital"] is True and record["still_running"] is True
    assert record["started_on"] == "2021-07-27" and record["year_started"] == 2021
    assert record["video_url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert record["image"]["url"].startswith("http://testserver/") and record["image"]["width"] == 800
    assert record["image"]["alt"] == "Petugas melayani warga"
    assert record["gallery"][0]["caption"] == "Loket keliling"
    assert record["gallery"][0]["image"]["url"].startswith("http")
    assert record["documents"] == [
        {"title": "SOP Layanan", "url": record["documents"][0]["url"], "extension": "pdf"}
    ]
    assert record["documents"][0]["url"].startswith("http://testserver/documents/")
    assert record["awards"] == [
        {
            "year": 2023,
            "competition": "KIPP Nasional",
            "level": "nasional",
            "tier": "top_99",
            "note": "Kelompok umum",
        },
        {"year": 2022, "competition": "KIPP Kota Sukamaju", "level": "lokal", "tier": "juara_1", "note": ""},
    ]
    assert [other["title"] for other in record["replicates"]] == ["Inovasi Asal"]
    assert record["replicated_elsewhere"] == ["Kabupaten Kudus", "Kota Pekalongan"]
    assert record["translations"] == [{"locale": "id", "url": record["url"], "api_url": record["api_url"]}]
    published = full_record.last_published_at
    assert datetime.datetime.fromisoformat(record["last_published_at"]) == published
    assert record["first_published_at"] is not None


def test_the_description_is_a_list_of_typed_blocks_with_public_links(client, full_record):
    section, figure, result, quote = get(client, f"/innovations/{full_record.translation_key}")["body"]
    assert section["type"] == "section" and section["heading"] == "Rancang bangun"
    assert 'href="/katalog/inovasi-' in section["html"] and "linktype" not in section["html"]
    assert figure["type"] == "figure" and figure["image"]["alt"] == "Loket"
    assert figure["image"]["url"].startswith("http://testserver/") and figure["image"]["width"] == 800
    assert result == {"type": "result", "label": "Waktu layanan", "before": "3 hari", "after": "2 jam"}
    assert quote == {"type": "quote", "text": "Tidak perlu antre lagi."}


def test_the_stable_id_survives_republishing_and_moving(client, full_record, home_page):
    key = str(full_record.translation_key)
    publish_page(full_record, title="SI-CANTIK 2.0", slug="si-cantik-2")
    other_catalogue = home_page.add_child(instance=InnovationIndexPage(title="Arsip", slug="arsip"))
    full_record.move(other_catalogue, pos="last-child")
    record = get(client, f"/innovations/{key}")
    assert record["id"] == key and record["title"] == "SI-CANTIK 2.0"
    assert record["url"].endswith("/arsip/si-cantik-2/")


def test_translations_share_the_stable_id_and_are_chosen_by_locale(client, full_record, en_locale):
    english = full_record.copy_for_translation(en_locale, copy_parents=True)
    publish_page(english, title="SI-CANTIK (English)")
    key = full_record.translation_key

    everything = get(client, "/innovations", organisation="kec-barat")
    assert sorted((item["id"], item["locale"]) for item in everything["results"]) == [
        (str(key), "en"),
        (str(key), "id"),
    ]
    assert titles(get(client, "/innovations", organisation="kec-barat", locale="en")) == [
        "SI-CANTIK (English)"
    ]
    record = get(client, f"/innovations/{key}", locale="en")
    assert record["title"] == "SI-CANTIK (English)" and record["locale"] == "en"
    assert record["url"].startswith("http://localhost/en/")
    assert [item["locale"] for item in record["translations"]] == ["id", "en"]
    # Without a locale: the request's language when the page is translated, else the default language.
    assert get(client, f"/innovations/{key}", _language="en")["locale"] == "en"
    assert get(client, f"/innovations/{key}", _language="id")["locale"] == "id"
    assert get(client, f"/innovations/{key}", _language="fr")["locale"] == "id"


# What never leaves the API ----------------------------------------------------------------------------------


def all_answers(client, *paths) -> str:
    """The answers of every resource, and of ``paths``, as one string to search for secrets."""
    answers = [client.get(V1 + path) for path in ("/", "/innovations", "/awards", "/rounds", *paths)]
    for response in answers:
        assert response.status_code == 200, response.content[:300]
    rounds = json.loads(answers[3].content)["results"]
    for item in rounds:
        for url in (item["api_url"], item["results_url"]):
            response = client.get(url)
            assert response.status_code == 200
            answers.append(response)
    return "\n".join(response.content.decode() for response in answers)


def test_only_live_public_pages_of_the_site_are_listed(client, make_innovation, catalogue, home_page):
    shown = publish_page(make_innovation("Tampil"))
    draft = make_innovation("Draf", live=False)
    withdrawn = publish_page(make_innovation("Ditarik"))
    withdrawn.unpublish()
    password = publish_page(make_innovation("Berkata Sandi"))
    PageViewRestriction.objects.create(page=password, restriction_type="password", password="rahasia")
    members_only = home_page.add_child(instance=InnovationIndexPage(title="Internal", slug="internal"))
    PageViewRestriction.objects.create(page=members_only, restriction_type="login")
    below_restriction = make_innovation("Di Bawah Batasan", parent=members_only)
    other_home = Page.get_first_root_node().add_child(instance=Page(title="Situs Lain", slug="situs-lain"))
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_home, site_name="Lain")
    elsewhere_catalogue = other_home.add_child(instance=InnovationIndexPage(title="Katalog", slug="katalog"))
    elsewhere = make_innovation("Situs Lain", parent=elsewhere_catalogue)

    assert titles(get(client, "/innovations")) == ["Tampil"]
    for hidden in (draft, withdrawn, password, below_restriction, elsewhere):
        problem = get(client, f"/innovations/{hidden.translation_key}", status=404)
        assert problem["status"] == 404 and problem["title"]
    # Each site answers with its own innovations.
    response = client.get(V1 + "/innovations", HTTP_HOST="127.0.0.1")
    assert [item["title"] for item in response.json()["results"]] == ["Situs Lain"]
    text = all_answers(client)
    assert shown.title in text
    for hidden in (draft, withdrawn, password, below_restriction, elsewhere):
        assert f'"{hidden.title}"' not in text and str(hidden.translation_key) not in text


def test_awards_and_replications_of_hidden_pages_stay_hidden(client, make_innovation, catalogue):
    award = {"year": 2024, "competition": "KIPP Rahasia", "level": "lokal", "tier": "juara_1"}
    hidden = publish_page(make_innovation("Tersembunyi", awards=[award]))
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    visible = make_innovation("Terlihat")
    visible.replicates.add(hidden)
    publish_page(visible)
    text = all_answers(client)
    assert "Tersembunyi" not in text and "KIPP Rahasia" not in text
    assert get(client, "/innovations")["results"][0]["replicates"] == []


def test_no_personal_data_scores_or_jury_in_any_answer(client, judged, full_record):
    page = judged.page
    page.publish_scores = True
    publish_page(page)
    publish(judged)
    publish_final(judged)
    open_objection_window(page)
    objections.file_objection(
        page,
        judged.entries[1],
        filer_name="Pelapor Rahasia",
        filer_email="pelapor.rahasia@example.com",
        filer_phone="081299990000",
        grounds="Alasan keberatan yang sangat rahasia sekali.",
    )
    StageResult.objects.filter(entry=judged.entries[0]).update(
        override_reason="Alasan internal panel.", feedback="Umpan balik khusus peserta."
    )
    text = all_answers(client)
    assert TITLES[0] in text  # the published results are there ...
    secrets = [
        SECRET_INNOVATOR,
        "Tim Inovasi",  # the entries' innovator
        "tim@example.com",
        "Pelapor Rahasia",
        "pelapor.rahasia@example.com",
        "081299990000",
        "Alasan keberatan",
        "Alasan internal panel",
        "Umpan balik khusus",
        "Catatan juri",
        "88.89",
        "88,89",
        '"score"',
        *JUROR_NAMES,
        *(juror.email for juror in judged.jurors),
        judged.operator.username,
        judged.operator.email,
        judged.secretariat.username,
    ]
    for secret in secrets:
        assert secret not in text, secret
    for entry in judged.entries:
        for answer in entry.answers.values():
            assert answer not in text


# Published results ------------------------------------------------------------------------------------------


def open_objection_window(page):
    now = timezone.now()
    page.stages.filter(kind="objection").update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=4)
    )


def results_of(client, page) -> dict:
    return get(client, f"/rounds/{page.translation_key}/results")


def test_results_are_empty_until_published_then_show_finalists_without_scores(client, judged):
    before = results_of(client, judged.page)
    assert before["finalists"] == [] and before["winners"] == [] and before["objections"] == []
    assert before["finalists_published_at"] is None
    publish(judged)
    after = results_of(client, judged.page)
    (group,) = after["finalists"]
    assert group["slug"] == "umum"
    assert [entry["title"] for entry in group["entries"]] == sorted(TITLES[:2])  # alphabetical, not by rank
    assert TITLES[2] not in json.dumps(after)  # eliminated: never named
    entry = group["entries"][0]
    assert entry["rank"] is None and entry["award_tier"] is None
    assert entry["organisation"]["name"] in ("Dinas Dukcapil Uji", "Kecamatan Sukamaju Uji")
    assert entry["reference"] == next(e.reference for e in judged.entries if e.title == entry["title"])
    assert after["finalists_published_at"] is not None and after["winners"] == []


def test_ranks_appear_only_where_the_round_publishes_them_and_scores_never(client, judged):
    publish_page(judged.page, publish_scores=True)
    publish(judged)
    data = results_of(client, judged.page)
    assert [entry["rank"] for entry in data["finalists"][0]["entries"]] == [1, 2]
    assert "score" not in json.dumps(data) and "88.89" not in json.dumps(data)


def test_winners_carry_their_award_and_a_link_only_to_a_public_innovation(client, judged, make_innovation):
    publish(judged)
    publish_final(judged)
    data = results_of(client, judged.page)
    winner = data["winners"][0]["entries"][0]
    assert winner["title"] == TITLES[0] and winner["award_tier"] == AwardTier.WINNER_1
    # Publishing results drafted an innovation record for the winner: a draft is not linked.
    judged.entries[0].refresh_from_db()
    assert judged.entries[0].innovation is not None and not judged.entries[0].innovation.live
    assert winner["innovation"] is None
    record = publish_page(judged.entries[0].innovation)
    winner = results_of(client, judged.page)["winners"][0]["entries"][0]
    assert winner["innovation"]["id"] == str(record.translation_key)


def test_a_stray_published_result_of_an_unpublished_stage_stays_hidden(client, judged):
    StageResult.objects.filter(entry=judged.entries[0]).update(published_at=timezone.now())
    data = results_of(client, judged.page)
    assert data["finalists"] == [] and TITLES[0] not in json.dumps(data)


def test_resolved_objections_show_their_outcome_without_the_filer(client, judged):
    publish(judged)
    open_objection_window(judged.page)
    objection = objections.file_objection(
        judged.page,
        judged.entries[1],
        filer_name="Budi Pelapor",
        filer_email="budi@example.com",
        grounds="Inovasi ini sudah tidak berjalan sejak tahun lalu.",
    )
    assert results_of(client, judged.page)["objections"] == []
    objections.resolve_objection(judged.secretariat, objection, ObjectionStatus.REJECTED, "Layanan berjalan.")
    (published,) = results_of(client, judged.page)["objections"]
    assert published["reference"] == judged.entries[1].reference and published["status"] == "rejected"
    assert published["resolution"] == "Layanan berjalan." and published["resolved_at"]
    assert "Budi" not in json.dumps(published)


def test_a_translated_round_gives_the_results_of_the_original(client, judged, en_locale):
    publish(judged)
    english = publish_page(judged.page.copy_for_translation(en_locale, copy_parents=True))
    data = get(client, f"/rounds/{english.translation_key}/results", locale="en")
    assert data["round"]["locale"] == "en"
    assert TITLES[0] in json.dumps(data)


# Rounds -----------------------------------------------------------------------------------------------------


def test_a_round_has_its_timeline_groups_and_forms(client, judged):
    publish(judged)
    page = judged.page
    record = get(client, f"/rounds/{page.translation_key}")
    assert record in get(client, "/rounds")["results"]
    assert record["id"] == str(page.translation_key) and record["year"] == 2026
    assert record["timezone"] == "Asia/Jakarta" and record["award_level"] == AwardLevel.LOCAL
    kinds = [stage["kind"] for stage in record["stages"]]
    assert kinds == ["entry", "administrative_check", "desk_evaluation", "objection", "interview", "final"]
    published = {stage["kind"]: stage["results_published_at"] for stage in record["stages"]}
    assert published["desk_evaluation"] is not None and published["final"] is None
    assert record["entry_closes_at"] and record["open_for_entries"] is False
    (group,) = record["groups"]
    assert group["sections"] == [
        {"heading": "Ringkasan", "word_limit": 20},
        {"heading": "Kebaruan", "word_limit": None},
    ]
    assert group["attachments"] == [{"label": "SK Inovator", "required": True}]
    assert record["results_url"].endswith(f"/rounds/{page.translation_key}/results?locale=id")


def test_rounds_filter_by_year(client, make_competition):
    make_competition(year=2025, title="KIPP 2025")
    make_competition(year=2026, title="KIPP 2026")
    assert titles(get(client, "/rounds")) == ["KIPP 2026", "KIPP 2025"]
    assert titles(get(client, "/rounds", year=2025)) == ["KIPP 2025"]


# Filters ----------------------------------------------------------------------------------------------------


@pytest.fixture
def varied(make_innovation, make_organisation, make_theme):
    """Three innovations that differ in every filter."""
    health, school = make_theme("Kesehatan", slug="kesehatan"), make_theme("Pendidikan", slug="pendidikan")
    clinic = make_organisation("Puskesmas Utara", kind="puskesmas", slug="pkm-utara")
    agency = make_organisation("Dinas Pendidikan", kind="dinas", slug="disdik")
    return {
        "Antrean Daring": make_innovation(
            "Antrean Daring",
            organisation=clinic,
            themes=[health],
            sdgs=[3],
            stage="penerapan",
            is_digital=True,
            started_on=datetime.date(2021, 5, 1),
            awards=[{"year": 2023, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99"}],
        ),
        "Sekolah Ramah": make_innovation(
            "Sekolah Ramah",
            organisation=agency,
            themes=[school],
            sdgs=[4],
            stage="uji_coba",
            is_digital=False,
            still_running=False,
            started_on=datetime.date(2022, 2, 1),
            awards=[{"year": 2023, "competition": "KIPP Kota", "level": "lokal", "tier": "juara_1"}],
        ),
        "Posyandu Keliling": make_innovation(
            "Posyandu Keliling",
            organisation=clinic,
            themes=[health, school],
            sdgs=[3, 4],
            stage="inisiatif",
            started_on=datetime.date(2022, 8, 1),
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2021}, ["Antrean Daring"]),
        ({"year": [2021, 2022]}, ["Antrean Daring", "Posyandu Keliling", "Sekolah Ramah"]),
        ({"organisation": "disdik"}, ["Sekolah Ramah"]),
        ({"kind": "puskesmas"}, ["Antrean Daring", "Posyandu Keliling"]),
        ({"theme": "pendidikan"}, ["Posyandu Keliling", "Sekolah Ramah"]),
        ({"theme": "pendidikan", "kind": "puskesmas"}, ["Posyandu Keliling"]),
        ({"sdg": 3}, ["Antrean Daring", "Posyandu Keliling"]),
        ({"stage": ["uji_coba", "inisiatif"]}, ["Posyandu Keliling", "Sekolah Ramah"]),
        ({"digital": "1"}, ["Antrean Daring"]),
        ({"digital": "false"}, ["Posyandu Keliling", "Sekolah Ramah"]),
        ({"award_level": "lokal"}, ["Sekolah Ramah"]),
        ({"award_tier": ["top_99", "juara_1"]}, ["Antrean Daring", "Sekolah Ramah"]),
        ({"running": "0"}, ["Sekolah Ramah"]),
        ({"q": "posyandu"}, ["Posyandu Keliling"]),
        ({"q": "posyandu", "order": "relevance"}, ["Posyandu Keliling"]),
        ({"q": "tidak ada yang cocok"}, []),
    ],
)
def test_the_catalogue_filters_select_the_same_innovations(client, varied, params, expected):
    data = get(client, "/innovations", order=params.pop("order", "title"), **params)
    assert titles(data) == expected and data["count"] == len(expected)


def test_awards_filter_by_year_level_and_tier(client, varied):
    data = get(client, "/awards")
    assert [(item["innovation"]["title"], item["tier"]) for item in data["results"]] == [
        ("Antrean Daring", "top_99"),
        ("Sekolah Ramah", "juara_1"),
    ]
    assert data["results"][0]["innovation"]["id"] == str(varied["Antrean Daring"].translation_key)
    assert [item["tier"] for item in get(client, "/awards", level="lokal")["results"]] == ["juara_1"]
    assert [item["tier"] for item in get(client, "/awards", tier="top_99", year=2023)["results"]] == [
        "top_99"
    ]
    assert get(client, "/awards", year=2020)["count"] == 0


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/innovations", {"organisation": "tidak-ada"}, "organisation"),
        ("/innovations", {"theme": "tidak-ada"}, "theme"),
        ("/innovations", {"year": "abc"}, "year"),
        ("/innovations", {"year": "1800"}, "year"),
        ("/innovations", {"year": "2099"}, "year"),  # allowed by the schema, unknown to the catalogue
        ("/innovations", {"kind": "kementerian"}, "kind"),
        ("/innovations", {"sdg": "18"}, "sdg"),
        ("/innovations", {"stage": "selesai"}, "stage"),
        ("/innovations", {"digital": "mungkin"}, "digital"),
        ("/innovations", {"award_tier": "emas"}, "award_tier"),
        ("/innovations", {"locale": "fr"}, "locale"),
        ("/innovations", {"locale": "\x00"}, "locale"),
        ("/innovations", {"organisation": "a\x00b"}, "organisation"),
        ("/innovations/00000000-0000-4000-8000-000000000000", {"locale": "id\x00"}, "locale"),
        ("/innovations", {"updated_since": "kemarin"}, "updated_since"),
        ("/innovations", {"updated_since": "2026-13-45T10:00:00Z"}, "updated_since"),
        ("/innovations", {"updated_since": "2026-07-27T10:00:00"}, "updated_since"),  # no offset: ambiguous
        ("/innovations", {"updated_since": "2026-07-27"}, "updated_since"),
        ("/innovations", {"updated_since": "1785146400"}, "updated_since"),
        ("/innovations", {"order": "relevance"}, "order"),
        ("/innovations", {"order": "acak"}, "order"),
        ("/innovations", {"limit": "0"}, "limit"),
        ("/innovations", {"limit": "101"}, "limit"),
        ("/innovations", {"limit": "sepuluh"}, "limit"),
        ("/innovations", {"offset": "-1"}, "offset"),
        ("/awards", {"level": "dunia"}, "level"),
        ("/rounds", {"year": "dua ribu"}, "year"),
        ("/innovations/bukan-uuid", {}, "id"),
        ("/rounds/bukan-uuid/results", {}, "id"),
    ],
)
def test_bad_input_is_a_400_problem_naming_the_parameter(client, varied, path, params, parameter):
    response = client.get(V1 + path, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    problem = response.json()
    assert problem["status"] == 400 and parameter in problem["detail"]
    assert [error["parameter"] for error in problem["errors"]] == [parameter]
    assert all(error["message"] for error in problem["errors"])


def test_problems_are_in_indonesian_by_default_and_in_english_on_request(client, home_page):
    indonesian = client.get(V1 + "/innovations", {"limit": "0"}).json()
    english = client.get(V1 + "/innovations", {"limit": "0"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["title"] == "Bad request" and indonesian["title"] != english["title"]
    assert english["errors"][0]["message"] == "Enter a value of at least 1."
    assert indonesian["errors"][0]["message"] != english["errors"][0]["message"]
    several = client.get(V1 + "/innovations", {"year": "abc", "sdg": "18"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert several["detail"] == "These parameters are not valid: year, sdg."
    assert several["errors"] == [
        {"parameter": "year", "message": "Enter a whole number."},
        {"parameter": "sdg", "message": "Enter a value of at most 17."},
    ]


def test_unknown_ids_are_404_problems(client, home_page):
    for path in (
        "/innovations/00000000-0000-4000-8000-000000000000",
        "/rounds/00000000-0000-4000-8000-000000000000",
        "/rounds/00000000-0000-4000-8000-000000000000/results",
    ):
        response = client.get(V1 + path)
        assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404


def test_unknown_parameters_are_ignored(client, varied):
    assert get(client, "/innovations", _=12345, utm_source="berita")["count"] == 3


# Pagination and sync ----------------------------------------------------------------------------------------


def test_pages_have_a_count_links_and_a_stable_order(client, make_innovation):
    for number in range(5):
        publish_page(make_innovation(f"Inovasi {number}"))
    first = client.get(V1 + "/innovations", {"limit": 2})
    data = first.json()
    assert data["count"] == 5 and data["limit"] == 2 and data["offset"] == 0 and data["previous"] is None
    assert data["next"] == f"http://testserver{V1}/innovations?limit=2&offset=2"
    assert first["Link"] == f'<{data["next"]}>; rel="next"'
    seen = titles(data)
    while data["next"]:
        data = client.get(data["next"]).json()
        seen += titles(data)
    assert seen == [f"Inovasi {number}" for number in range(5)]  # in order of publication
    assert data["previous"] == f"http://testserver{V1}/innovations?limit=2&offset=2"
    past_the_end = get(client, "/innovations", limit=2, offset=50)
    assert past_the_end["results"] == [] and past_the_end["count"] == 5 and past_the_end["next"] is None
    assert past_the_end["previous"].endswith("offset=3")


@override_settings(WAGTAIL_KIPP_API_PAGE_SIZE=2, WAGTAIL_KIPP_API_MAX_PAGE_SIZE=3)
def test_page_sizes_follow_the_settings(client, varied):
    assert get(client, "/innovations")["limit"] == 2
    assert get(client, "/innovations", limit=3)["limit"] == 3
    problem = get(client, "/innovations", status=400, limit=4)
    assert problem["errors"][0]["parameter"] == "limit"


def test_updated_since_lists_what_was_published_after_a_moment(client, make_innovation):
    old = publish_page(make_innovation("Lama"))
    new = publish_page(make_innovation("Baru"))
    listed = get(client, "/innovations")["results"]
    assert [item["title"] for item in listed] == ["Lama", "Baru"]
    # The time as the API gave it, echoed back exactly (to the microsecond).
    watermark = listed[0]["last_published_at"]
    assert titles(get(client, "/innovations", updated_since=watermark)) == ["Baru"]
    assert titles(get(client, "/innovations", updated_since=listed[1]["last_published_at"])) == []
    publish_page(old, summary="Diperbarui.")
    assert titles(get(client, "/innovations", updated_since=listed[1]["last_published_at"])) == ["Lama"]
    # Any offset is understood; an unencoded "+" of the offset arrives as a space and is read as "+".
    local = timezone.localtime(new.last_published_at - datetime.timedelta(seconds=1))
    assert titles(get(client, "/innovations", updated_since=local.isoformat())) == ["Baru", "Lama"]
    spaced = local.isoformat().replace("+", " ")
    assert titles(get(client, "/innovations", updated_since=spaced)) == ["Baru", "Lama"]
    # Offsets and years at the edges of what RFC 3339 and Python allow (PostgreSQL refuses some offsets).
    assert get(client, "/innovations", updated_since="0001-01-01T00:00:00+05:00")["count"] == 2
    assert get(client, "/innovations", updated_since="2000-01-01T00:00:00+19:50")["count"] == 2
    assert get(client, "/innovations", updated_since="9999-12-31T23:59:59-05:00")["count"] == 0
    assert get(client, "/awards", updated_since=watermark)["count"] == 0


def test_orders_for_readers(client, varied):
    assert titles(get(client, "/innovations", order="-started_on")) == [
        "Posyandu Keliling",
        "Sekolah Ramah",
        "Antrean Daring",
    ]
    assert titles(get(client, "/innovations", order="title"))[0] == "Antrean Daring"


# HTTP: CORS, caching, methods -------------------------------------------------------------------------------


def test_reads_are_open_to_any_origin_and_preflight_is_answered(client, varied):
    response = client.get(V1 + "/innovations", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        V1 + "/innovations",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="If-None-Match, X-Requested-With",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert preflight["Access-Control-Allow-Headers"] == "If-None-Match, X-Requested-With"
    assert int(preflight["Access-Control-Max-Age"]) > 0


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_a_405_problem(client, varied, method):
    response = getattr(client, method)(V1 + "/innovations")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["status"] == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_answers_are_cacheable_and_revalidated_by_etag(client, varied):
    response = client.get(V1 + "/innovations")
    assert response["Cache-Control"] == "public, max-age=60"
    etag = response["ETag"]
    assert client.get(V1 + "/innovations", HTTP_IF_NONE_MATCH=etag).status_code == 304
    publish_page(varied["Sekolah Ramah"], summary="Berubah.")
    changed = client.get(V1 + "/innovations", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    head = client.head(V1 + "/innovations")
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == changed["ETag"]
    with override_settings(WAGTAIL_KIPP_API_CACHE_SECONDS=0):
        assert client.get(V1 + "/innovations")["Cache-Control"] == "public, no-cache"


# The schema, the docs and the number of queries -------------------------------------------------------------


def test_the_openapi_schema_describes_parameters_responses_and_errors(client, home_page):
    schema = get(client, "/openapi.json")
    assert schema["openapi"].startswith("3.1") and schema["info"]["version"] == "1"
    operations = {path: item["get"] for path, item in schema["paths"].items()}
    assert set(operations) == {
        f"{V1}/",
        f"{V1}/innovations",
        f"{V1}/innovations/{{id}}",
        f"{V1}/awards",
        f"{V1}/rounds",
        f"{V1}/rounds/{{id}}",
        f"{V1}/rounds/{{id}}/results",
    }
    listing = operations[f"{V1}/innovations"]
    assert {"200", "400"} <= set(listing["responses"])
    assert list(listing["responses"]["400"]["content"]) == ["application/problem+json"]
    assert list(listing["responses"]["200"]["content"]) == ["application/json"]
    assert listing["operationId"] == "listInnovations"
    parameters = {parameter["name"]: parameter["schema"] for parameter in listing["parameters"]}
    assert set(parameters) >= {
        "q", "year", "organisation", "kind", "theme", "sdg", "stage", "digital", "award_level", "award_tier",
        "running", "locale", "updated_since", "order", "limit", "offset",
    }  # fmt: skip
    assert parameters["year"]["type"] == "array" and parameters["year"]["items"]["type"] == "integer"
    assert "penerapan" in json.dumps(parameters["stage"])
    assert "404" in operations[f"{V1}/innovations/{{id}}"]["responses"]
    components = schema["components"]["schemas"]
    assert set(components["ResultEntry"]["properties"]) == {
        "reference", "title", "organisation", "award_tier", "rank", "innovation"
    }  # fmt: skip
    assert "innovator_name" not in json.dumps(components)


def test_the_docs_page_uses_local_assets_and_can_be_turned_off(client, home_page):
    html = client.get(V1 + "/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources)
    with override_settings(WAGTAIL_KIPP_API_DOCS=False):
        assert client.get(V1 + "/docs").status_code == 404
        assert client.get(V1 + "/openapi.json").status_code == 200
        assert get(client, "/")["docs"] is None


def make_rich_innovations(make_innovation, make_theme, image, document, count: int):
    theme = make_theme(f"Tema {count}", slug=f"tema-{count}")
    for number in range(count):
        page = make_innovation(
            f"Kaya {count}-{number}",
            themes=[theme],
            sdgs=[3, 4],
            image=image,
            body=[
                {
                    "type": "figure",
                    "value": {"image": {"image": image.pk, "decorative": True, "alt_text": ""}},
                },
                {"type": "section", "value": {"heading": "Isi", "text": "<p>Teks.</p>"}},
            ],
            awards=[{"year": 2024, "competition": "KIPP", "level": "lokal", "tier": "harapan"}],
        )
        page.gallery_images.create(image=image)
        page.documents.create(document=document)
        publish_page(page)


@pytest.mark.parametrize("path", ["/innovations", "/awards", "/rounds"])
def test_queries_do_not_grow_with_the_list(
    client,
    make_innovation,
    make_theme,
    make_competition,
    image,
    document,
    django_assert_max_num_queries,
    path,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_rich_innovations(make_innovation, make_theme, image, document, 2)
    make_competition()
    client.get(V1 + path)  # renditions are made on first use
    with CaptureQueriesContext(connection) as few:
        assert client.get(V1 + path).status_code == 200
    expected = len(few.captured_queries)  # now: the log is reset by the next request
    make_rich_innovations(make_innovation, make_theme, image, document, 8)
    for _ in range(4):
        make_competition()
    client.get(V1 + path, {"limit": 100})
    with django_assert_max_num_queries(expected):
        data = get(client, path, limit=100)
    assert data["count"] == {"/innovations": 10, "/awards": 10, "/rounds": 5}[path]


def test_results_take_as_many_queries_for_many_finalists_as_for_few(
    client, judged, make_eligible_entry, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    publish(judged)
    url = f"/rounds/{judged.page.translation_key}/results"
    with CaptureQueriesContext(connection) as few:
        get(client, url)
    expected = len(few.captured_queries)
    published_at = timezone.now()
    for _ in range(6):
        entry = make_eligible_entry(judged.page)
        StageResult.objects.create(
            entry=entry, stage_kind="desk_evaluation", decision=Decision.ADVANCE, published_at=published_at
        )
    with django_assert_max_num_queries(expected):
        data = get(client, url)
    assert len(data["finalists"][0]["entries"]) == 8


def test_eliminated_entries_are_never_named_even_when_decisions_exist(client, judged):
    StageResult.objects.filter(entry=judged.entries[2]).update(decision=Decision.ELIMINATE)
    publish(judged)
    assert TITLES[2] not in all_answers(client)
