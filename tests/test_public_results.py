"""What entrants and the public see of the jury's work: round page, objection form, status page, dashboard."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tests.judged import DESK, FINAL, JUROR_NAMES, TITLES, publish, publish_final
from wagtail_kipp.judging import objections
from wagtail_kipp.models import (
    Decision,
    FieldVisit,
    InterviewSlot,
    Objection,
    ObjectionStatus,
    StageResult,
    StageState,
)

#: The top entry's desk score (three jurors giving 9 on a 1-10 scale): "88.89", or "88,89" in Indonesian.
SCORE_STRINGS = ("88.89", "88,89")


def label(text) -> str:
    """A label (a lazy string or a message id) as the default (Indonesian) interface shows it."""
    with translation.override("id"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


ADVANCES = label(Decision.ADVANCE.label)
DOES_NOT_ADVANCE = label(Decision.ELIMINATE.label)


def has_score(html: str) -> bool:
    return any(score in html for score in SCORE_STRINGS)


def open_objection_window(page):
    now = timezone.now()
    page.stages.filter(kind="objection").update(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=4)
    )


def get(client, url, user=None) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def status_url(entry) -> str:
    return reverse("wagtail_kipp_portal:entry_status", args=[entry.uuid])


def objection_url(page) -> str:
    return page.url + page.reverse_subpage("objection")


# The round page --------------------------------------------------------------------------------------------


def test_the_round_page_shows_nothing_of_the_judging_before_publication(client, judged):
    html = get(client, judged.page.url)
    for title in TITLES:
        assert title not in html
    assert not has_score(html)
    assert ADVANCES not in html and DOES_NOT_ADVANCE not in html
    assert "kipp-round-finalists" not in html and "kipp-round-winners" not in html


def test_after_publication_the_round_page_lists_the_finalists_by_group_without_scores(client, judged):
    publish(judged)
    html = get(client, judged.page.url)
    assert "kipp-round-finalists" in html
    assert TITLES[0] in html and TITLES[1] in html
    assert TITLES[2] not in html  # did not advance: never named in public
    assert "Dinas Dukcapil Uji" in html and "Kecamatan Sukamaju Uji" in html
    assert judged.entries[0].reference in html
    assert judged.page.entry_groups.get().display_name in html
    assert not has_score(html)
    # Without published scores the finalists are listed alphabetically, not in rank order.
    assert html.index(TITLES[0]) < html.index(TITLES[1])
    for name in JUROR_NAMES:
        assert name not in html


def test_a_round_that_publishes_scores_shows_them(client, judged):
    judged.page.publish_scores = True
    judged.page.save_revision().publish()
    publish(judged)
    html = get(client, judged.page.url)
    assert has_score(html)


def test_winners_are_listed_with_their_award_in_rank_order_and_link_to_their_live_innovation(
    client, judged, make_innovation
):
    publish(judged)
    live = make_innovation(title="Halaman Inovasi Antar Dokumen")
    draft = make_innovation(title="Halaman Inovasi Posyandu")
    draft.unpublish()
    judged.entries[0].innovation = live
    judged.entries[0].save()
    judged.entries[1].innovation = draft
    judged.entries[1].save()
    publish_final(judged)
    html = get(client, judged.page.url)
    winners = html[html.index("kipp-round-winners") : html.index("kipp-round-finalists")]
    first, second = label("first place"), label("second place")
    assert first in winners and second in winners
    assert winners.index(first) < winners.index(TITLES[0]) < winners.index(second) < winners.index(TITLES[1])
    assert f'href="{live.url}"' in winners
    assert draft.url is None or f'href="{draft.url}"' not in html


def test_the_round_page_keeps_a_constant_number_of_queries(
    client, jury_round, make_eligible_entry, make_innovation, django_assert_max_num_queries
):
    page = jury_round
    now = timezone.now()
    for kind in (DESK, FINAL):
        StageState.objects.create(competition=page, stage_kind=kind, published_at=now)

    def add_published_entry(rank):
        entry = make_eligible_entry(page, innovation=make_innovation())
        for kind in (DESK, FINAL):
            StageResult.objects.create(
                entry=entry,
                stage_kind=kind,
                score=90 - rank,
                rank=rank,
                decision=Decision.ADVANCE,
                award_tier="juara_1" if kind == FINAL else "",
                published_at=now,
            )
        Objection.objects.create(
            competition=page,
            entry=entry,
            filer_name="Warga",
            filer_email="warga@example.com",
            grounds="Alasan keberatan yang cukup panjang.",
            status=ObjectionStatus.REJECTED,
            resolution="Tidak terbukti.",
            resolved_at=now,
        )

    add_published_entry(1)
    with CaptureQueriesContext(connection) as few:
        get(client, page.url)
    for rank in range(2, 8):
        add_published_entry(rank)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = get(client, page.url)
    assert html.count("Tidak terbukti.") == 7


def test_resolved_objections_are_public_without_the_filer(client, judged):
    publish(judged)
    open_objection_window(judged.page)
    objection = objections.file_objection(
        judged.page,
        judged.entries[1],
        filer_name="Budi Pelapor",
        filer_email="budi.pelapor@example.com",
        filer_phone="081234567890",
        grounds="Inovasi ini sudah tidak berjalan sejak tahun lalu.",
    )
    html = get(client, judged.page.url)
    assert "kipp-round-objections" not in html  # not resolved yet
    objections.resolve_objection(
        judged.secretariat, objection, ObjectionStatus.REJECTED, "Verifikasi lapangan: layanan berjalan."
    )
    html = get(client, judged.page.url)
    assert "Verifikasi lapangan: layanan berjalan." in html
    assert label(ObjectionStatus.REJECTED.label) in html
    for secret in ("Budi Pelapor", "budi.pelapor@example.com", "081234567890", "sudah tidak berjalan"):
        assert secret not in html


def test_the_translated_round_page_shows_the_results_of_the_original(client, judged, en_locale):
    publish(judged)
    translated = judged.page.copy_for_translation(en_locale, copy_parents=True)
    translated.save_revision().publish()
    translated.refresh_from_db()
    with translation.override("en"):
        url = translated.url
    html = get(client, url)
    assert TITLES[0] in html and TITLES[2] not in html


# The objection form ----------------------------------------------------------------------------------------


def test_outside_the_window_the_form_says_so_with_the_dates_and_refuses_a_post(client, judged):
    publish(judged)
    page = judged.page
    html = get(client, page.url)
    assert "kipp-round-objection" not in html and page.reverse_subpage("objection") not in html
    html = get(client, objection_url(page))
    stage = page.stages.get(kind="objection")
    local = timezone.localtime(stage.closes_at, page.tzinfo)
    assert f"{local:%H:%M}" in html and "WIB" in html
    assert "<form" not in html or 'name="grounds"' not in html
    response = client.post(
        objection_url(page),
        {
            "filer_name": "Budi",
            "filer_email": "budi@example.com",
            "entry": judged.entries[0].pk,
            "grounds": "Alasan keberatan yang cukup panjang untuk diterima.",
        },
    )
    assert response.status_code == 403
    assert label("The objection period of this round is not open.") in response.content.decode()
    assert not Objection.objects.exists()


def test_a_round_without_an_objection_stage_has_no_form(client, judged):
    judged.page.stages.filter(kind="objection").delete()
    assert client.get(objection_url(judged.page)).status_code == 404


def test_an_objection_is_filed_with_evidence_and_a_receipt(client, judged, pdf_bytes):
    publish(judged)
    page = judged.page
    open_objection_window(page)
    html = get(client, page.url)
    assert f'href="{objection_url(page)}"' in html
    html = get(client, objection_url(page))
    finalist = judged.entries[1]
    assert f"{finalist.reference} - {finalist.title} - {finalist.organisation}" in html
    assert TITLES[2] not in html  # not a finalist
    assert 'name="website"' in html and "csrfmiddlewaretoken" in html
    response = client.post(
        objection_url(page),
        {
            "filer_name": "Budi Pelapor",
            "filer_email": "budi@example.com",
            "filer_phone": "0812",
            "entry": finalist.pk,
            "grounds": "Inovasi ini sudah tidak berjalan sejak tahun lalu.",
            "evidence": SimpleUploadedFile("bukti foto.pdf", pdf_bytes, "application/pdf"),
            "website": "",
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.entry == finalist and objection.filer_name == "Budi Pelapor"
    assert objection.evidence_name == "bukti foto.pdf" and objection.evidence.name
    assert response["Location"].endswith(page.reverse_subpage("objection_done", args=[objection.uuid]))
    done = get(client, response["Location"])
    assert str(objection.uuid) in done and finalist.title in done
    assert "Budi" not in done
    other = page.url + page.reverse_subpage("objection_done", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(other).status_code == 404


@pytest.mark.parametrize(
    ("change", "error_field"),
    [
        ({"entry": "not-a-number"}, "entry"),
        ({"entry": "eliminated"}, "entry"),
        ({"entry": "other_round"}, "entry"),
        ({"entry": ""}, "entry"),
        ({"filer_email": "not an address"}, "filer_email"),
        ({"grounds": "Terlalu pendek"}, "grounds"),
        ({"website": "https://spam.example"}, None),
        ({"evidence": ("bukti.pdf", b"just some text, not a PDF")}, "evidence"),
        ({"evidence": ("bukti.docx", "docx")}, "evidence"),
        ({"evidence": ("besar.pdf", "big")}, "evidence"),
    ],
)
def test_bad_objections_are_form_errors_and_nothing_is_filed(
    client, judged, make_competition, make_eligible_entry, pdf_bytes, change, error_field
):
    publish(judged)
    page = judged.page
    open_objection_window(page)
    other_round = make_competition()
    stranger = make_eligible_entry(other_round)
    StageResult.objects.create(
        entry=stranger, stage_kind=DESK, decision=Decision.ADVANCE, published_at=timezone.now()
    )
    data = {
        "filer_name": "Budi",
        "filer_email": "budi@example.com",
        "entry": judged.entries[0].pk,
        "grounds": "Alasan keberatan yang cukup panjang untuk diterima.",
        "website": "",
    }
    for name, value in change.items():
        if name == "entry":
            value = {"eliminated": judged.entries[2].pk, "other_round": stranger.pk}.get(value, value)
        if name == "evidence":
            file_name, content = value
            if content == "docx":
                import io
                import zipfile

                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w") as archive:
                    archive.writestr("[Content_Types].xml", "<Types/>")
                    archive.writestr("word/document.xml", "<w:document/>")
                content = buffer.getvalue()
            elif content == "big":
                content = pdf_bytes[:-6] + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"
            value = SimpleUploadedFile(file_name, content)
        data[name] = value
    response = client.post(objection_url(page), data)
    assert response.status_code == 400
    form = response.context["form"]
    if error_field:
        assert error_field in form.errors
    else:
        assert form.non_field_errors()
    assert not Objection.objects.exists()


def test_other_methods_are_not_allowed(client, judged):
    open_objection_window(judged.page)
    response = client.put(objection_url(judged.page))
    assert response.status_code == 405 and "POST" in response["Allow"]


def test_the_objection_form_needs_the_csrf_token(judged):
    publish(judged)
    open_objection_window(judged.page)
    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post(
        objection_url(judged.page),
        {
            "filer_name": "Budi",
            "filer_email": "budi@example.com",
            "entry": judged.entries[0].pk,
            "grounds": "Alasan keberatan yang cukup panjang untuk diterima.",
        },
    )
    assert response.status_code == 403
    assert not Objection.objects.exists()


# The entrant portal ----------------------------------------------------------------------------------------


def test_permission_matrix_before_and_after_publication(client, judged, make_operator):
    page, top, loser = judged.page, judged.entries[0], judged.entries[2]
    page.publish_scores = True
    page.save_revision().publish()
    dashboard = reverse("wagtail_kipp_portal:dashboard")

    # Before publication: no score, no decision anywhere.
    pages = {
        "round": get(client, page.url),
        "status": get(client, status_url(top), judged.operator),
        "dashboard": get(client, dashboard),
        "loser_status": get(client, status_url(loser), judged.loser_operator),
    }
    for name, html in pages.items():
        assert not has_score(html), name
        assert ADVANCES not in html and DOES_NOT_ADVANCE not in html, name
        assert "Catatan juri" not in html, name
    assert "kipp-outcome-badge" not in get(client, dashboard)

    publish(judged)
    status = get(client, status_url(top), judged.operator)
    assert has_score(status) and ADVANCES in status and DOES_NOT_ADVANCE not in status
    assert "Catatan juri: nilai 9." in status  # the jurors' feedback
    dashboard_html = get(client, dashboard)
    assert "kipp-outcome-badge" in dashboard_html and ADVANCES in dashboard_html
    assert has_score(get(client, page.url))
    loser_status = get(client, status_url(loser), judged.loser_operator)
    assert DOES_NOT_ADVANCE in loser_status and "Catatan juri: nilai 5." in loser_status
    for html in (status, dashboard_html, loser_status):
        for name in JUROR_NAMES:
            assert name not in html

    # Another organisation's operator cannot see the entry at all; anonymous visitors must log in.
    client.force_login(judged.loser_operator)
    assert client.get(status_url(top)).status_code == 404
    client.force_login(make_operator(judged.organisations[1]))
    assert client.get(status_url(top)).status_code == 404
    client.logout()
    response = client.get(status_url(top))
    assert response.status_code == 302 and reverse("wagtail_kipp_portal:login") in response["Location"]


def test_the_status_page_hides_scores_when_the_round_does_not_publish_them(client, judged):
    publish(judged)
    html = get(client, status_url(judged.entries[0]), judged.operator)
    assert ADVANCES in html
    assert not has_score(html)
    assert label("Rank") not in html


def test_the_status_page_shows_the_award_after_the_final(client, judged):
    publish(judged)
    publish_final(judged)
    html = get(client, status_url(judged.entries[0]), judged.operator)
    assert label("first place").capitalize() in html
    dashboard = get(client, reverse("wagtail_kipp_portal:dashboard"))
    assert label("first place").capitalize() in dashboard


def test_interview_and_field_visit_appear_in_the_rounds_timezone_once_finalists_are_published(client, judged):
    page, top, loser = judged.page, judged.entries[0], judged.entries[2]
    page.timezone = "Asia/Makassar"  # WITA
    page.save_revision().publish()
    starts = datetime.datetime(2026, 7, 1, 1, 30, tzinfo=datetime.UTC)  # 09:30 WITA
    InterviewSlot.objects.create(
        entry=top, starts_at=starts, place="Aula Bappeda", online_url="https://meet.example/kipp-uji"
    )
    visit = FieldVisit.objects.create(
        entry=top, visit_at=starts + datetime.timedelta(days=7), place="Jl. Merdeka No. 17, Sukamaju"
    )
    visit.members.set(judged.jurors[:2])
    InterviewSlot.objects.create(entry=loser, starts_at=starts, place="Ruang Rapat Rahasia")

    html = get(client, status_url(top), judged.operator)
    assert "Aula Bappeda" not in html and "Jl. Merdeka" not in html  # would tell that the entry advanced

    publish(judged)
    html = get(client, status_url(top), judged.operator)
    assert "09:30" in html and "WITA" in html
    assert "Aula Bappeda" in html and "https://meet.example/kipp-uji" in html
    assert "Jl. Merdeka No. 17, Sukamaju" in html
    for name in JUROR_NAMES:
        assert name not in html
    loser_html = get(client, status_url(loser), judged.loser_operator)
    assert "Ruang Rapat Rahasia" not in loser_html


def test_the_dashboard_keeps_a_constant_number_of_queries_with_published_outcomes(
    client, jury_round, make_organisation, make_operator, make_eligible_entry, django_assert_max_num_queries
):
    organisation = make_organisation()
    user = make_operator(organisation)
    jury_round.max_entries_per_group = 20
    jury_round.save_revision().publish()
    now = timezone.now()
    StageState.objects.create(competition=jury_round, stage_kind=DESK, published_at=now)

    def add():
        entry = make_eligible_entry(jury_round, organisation=organisation)
        StageResult.objects.create(
            entry=entry, stage_kind=DESK, decision=Decision.ADVANCE, rank=1, published_at=now
        )

    add()
    client.force_login(user)
    dashboard = reverse("wagtail_kipp_portal:dashboard")
    with CaptureQueriesContext(connection) as few:
        get(client, dashboard)
    for _ in range(5):
        add()
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = get(client, dashboard)
    assert html.count("kipp-outcome-badge--advanced") == 6


def test_an_unpublished_stage_stays_hidden_even_if_a_result_carries_a_date(client, judged):
    """Only stages published as a whole count: a stray published result is not shown."""
    StageResult.objects.filter(entry=judged.entries[0], stage_kind=DESK).update(published_at=timezone.now())
    html = get(client, status_url(judged.entries[0]), judged.operator)
    assert ADVANCES not in html
    assert TITLES[0] not in get(client, judged.page.url)


def test_the_new_pages_are_strict_html5_with_labelled_controls(client, judged, pdf_bytes):
    import re

    import html5lib

    judged.page.publish_scores = True
    judged.page.save_revision().publish()
    publish(judged)
    open_objection_window(judged.page)
    InterviewSlot.objects.create(entry=judged.entries[0], starts_at=timezone.now(), note="Bawa laptop.")
    objection = objections.file_objection(
        judged.page,
        judged.entries[0],
        filer_name="Budi",
        filer_email="budi@example.com",
        grounds="Inovasi ini sudah tidak berjalan sejak tahun lalu.",
    )
    objections.resolve_objection(judged.secretariat, objection, ObjectionStatus.UPHELD, "Terbukti.\nDua.")
    done = judged.page.url + judged.page.reverse_subpage("objection_done", args=[objection.uuid])
    pages = {
        "round": get(client, judged.page.url),
        "form": get(client, objection_url(judged.page)),
        "done": get(client, done),
        "status": get(client, status_url(judged.entries[0]), judged.operator),
        "dashboard": get(client, reverse("wagtail_kipp_portal:dashboard")),
    }
    for name, html in pages.items():
        try:
            html5lib.HTMLParser(strict=True).parse(html)
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{name}: {error}")
        labels = set(re.findall(r'<label for="([^"]+)"', html))
        for control_id in re.findall(
            r'<(?:input(?! type="hidden")|select|textarea)[^>]*\bid="([^"]+)"', html
        ):
            assert control_id in labels, f"{name}: #{control_id} has no label"
        assert html.count("<h1") == 1, name
