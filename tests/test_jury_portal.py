"""The jury portal: dashboard, pledge, score sheets, blind review, conflicts, evidence, the chair's pages."""

from __future__ import annotations

import re
from types import SimpleNamespace

import html5lib
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from wagtail_kipp.judging import panel, reviews
from wagtail_kipp.models import (
    Assignment,
    ConflictOfInterest,
    ConflictSource,
    EntryAttachment,
    Invitation,
    ReviewEvidence,
    ReviewStatus,
    Stage,
    StageState,
)
from wagtail_kipp.templatetags.kipp_portal import round_datetime

DESK = "desk_evaluation"
FIELD = "field_verification"
KEYS = ("kebaruan", "efektif", "bermanfaat", "replikasi", "keberlanjutan")
LINK = re.compile(r"http://testserver(/portal/invitation/[^/\s]+/)")
# The smallest valid PNG: a 1x1 transparent pixel.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def not_on_a_jury() -> str:
    """In the language of the last response (evaluated after the request, not at import)."""
    return gettext("You are not on a jury.")


def locked() -> str:
    return gettext("This review was submitted and is locked. Only the chair can reopen it.")


def juror(number):
    return gettext("Juror %(number)d") % {"number": number}


def review_url(assignment):
    return reverse("wagtail_kipp_jury:review", args=[assignment.pk])


def sheet(assignment, values=None, action="save", **overrides):
    """The POST data of a score sheet with ``values`` by criterion key (all 8 by default)."""
    values = dict.fromkeys(KEYS, 8) if values is None else values
    data = {
        "version": assignment.version,
        "overall_comment": "Inovasi yang kuat, data dampaknya lengkap.",
        "recommendation": "advance",
        "action": action,
    }
    for key, value in values.items():
        data[f"value_{key}"] = value
        data[f"comment_{key}"] = f"Catatan {key}"
    data.update(overrides)
    return data


def submit_directly(member, assignment, value=8):
    saved = reviews.save_review(
        member.user,
        assignment,
        based_on_version=assignment.version,
        values=dict.fromkeys(KEYS, value),
        recommendation="advance",
    )
    return reviews.submit_review(member.user, saved)


def attach_pdf(entry, pdf_bytes):
    return EntryAttachment.objects.create(
        entry=entry,
        slot="sk_inovator",
        file=ContentFile(pdf_bytes, "sk.pdf"),
        original_name="sk-inovator.pdf",
        file_type="pdf",
        size=len(pdf_bytes),
        sha256="0" * 64,
    )


def assert_strict_html(html: str) -> None:
    html5lib.HTMLParser(strict=True).parse(html)
    labels = set(re.findall(r'<label for="([^"]+)"', html))
    for tag, control_id in re.findall(r'(<(?:input|select|textarea)[^>]*\bid="([^"]+)"[^>]*>)', html):
        if 'type="hidden"' not in tag:
            assert control_id in labels, f"#{control_id} has no label"
    assert html.count("<h1") == 1


@pytest.fixture
def jury(jury_round, make_juror, make_eligible_entry, make_organisation, make_secretariat):
    """Two entries, each assigned to two evaluators (Ani and Budi) for the desk evaluation, and a chair."""
    secretariat = make_secretariat()
    entries = [
        make_eligible_entry(jury_round, organisation=make_organisation(name=name), title=title)
        for name, title in (
            ("Dinas Kependudukan Kota Contoh", "Layanan Adminduk Keliling"),
            ("Puskesmas Sukamaju", "Posyandu Digital"),
        )
    ]
    ani = make_juror(jury_round, name="Dr. Ani Penilai", username="ani")
    budi = make_juror(jury_round, name="Prof. Budi Penilai", username="budi")
    chair = make_juror(jury_round, role="chair", name="Ketua Citra", username="citra")
    for member in (ani, budi):
        for entry in entries:
            panel.assign(secretariat, member, entry, DESK)
    return SimpleNamespace(
        round=jury_round, entries=entries, ani=ani, budi=budi, chair=chair, secretariat=secretariat
    )


def mine(jury, member=None, entry=None):
    return Assignment.objects.get(
        panel_member=member or jury.ani, entry=entry or jury.entries[0], stage_kind=DESK
    )


@pytest.fixture
def ani_client(client, jury):
    client.force_login(jury.ani.user)
    return client


# Access ----------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, jury):
    for url in (
        reverse("wagtail_kipp_jury:dashboard"),
        review_url(mine(jury)),
        reverse("wagtail_kipp_jury:chair", args=[jury.round.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtail_kipp_portal:login") + "?next=")


def test_the_dashboard_lists_only_own_assignments_with_status_progress_and_deadline(ani_client, jury):
    submit_directly(jury.ani, mine(jury))
    other = mine(jury, member=jury.budi, entry=jury.entries[1])
    response = ani_client.get(reverse("wagtail_kipp_jury:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert jury.round.title in html
    for assignment in Assignment.objects.filter(panel_member=jury.ani):
        assert review_url(assignment) in html
    assert review_url(other) not in html
    assert gettext("%(done)s of %(total)s submitted") % {"done": 1, "total": 2} in html
    assert str(ReviewStatus.SUBMITTED.label) in html and str(ReviewStatus.NOT_STARTED.label) in html
    deadline = round_datetime(jury.round.get_stage(DESK).closes_at, jury.round)
    assert deadline in html and jury.round.timezone_label in html
    assert "Dinas Kependudukan Kota Contoh" in html  # not a blind stage
    assert reverse("wagtail_kipp_jury:declare_conflict", args=[jury.round.pk, jury.entries[0].uuid]) in html
    assert_strict_html(html)


def test_the_dashboard_keeps_a_constant_number_of_queries(
    ani_client, jury, make_eligible_entry, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        assert ani_client.get(reverse("wagtail_kipp_jury:dashboard")).status_code == 200
    for _ in range(5):
        entry = make_eligible_entry(jury.round)
        panel.assign(jury.secretariat, jury.ani, entry, DESK)
    submit_directly(jury.ani, mine(jury))
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = ani_client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    assert html.count("/jury/reviews/") >= 7 * 2


def test_a_user_without_a_jury_place_sees_a_friendly_page(client, django_user_model, db):
    client.force_login(django_user_model.objects.create_user("warga", "warga@example.com", "pw"))
    response = client.get(reverse("wagtail_kipp_jury:dashboard"))
    assert response.status_code == 200
    assert not_on_a_jury() in response.content.decode()


def test_an_inactive_juror_sees_nothing(ani_client, jury):
    jury.ani.active = False
    jury.ani.save()
    html = ani_client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    assert not_on_a_jury() in html
    assert ani_client.get(review_url(mine(jury))).status_code == 404
    assert ani_client.get(reverse("wagtail_kipp_jury:pledge", args=[jury.round.pk])).status_code == 404


def test_another_jurors_assignment_is_not_found(ani_client, jury):
    other = mine(jury, member=jury.budi)
    assert ani_client.get(review_url(other)).status_code == 404
    assert ani_client.post(review_url(other), sheet(other)).status_code == 404
    assert ani_client.get(review_url(other).rstrip("/") + "9999/").status_code == 404
    assert not other.scores.exists()


def test_wrong_addresses_and_values_give_clear_answers_not_errors(ani_client, jury):
    huge = "9" * 30
    for url in (
        f"/jury/reviews/{huge}/",
        f"/jury/reviews/{huge}/files/sk_inovator/",
        f"/jury/reviews/{huge}/evidence/{huge}/",
        f"/jury/rounds/{huge}/pledge/",
        f"/jury/rounds/{huge}/chair/",
        f"/jury/rounds/{jury.round.pk}/chair/stages/nonsense/close/",
        f"/jury/rounds/{jury.round.pk}/entries/not-a-uuid/conflict/",
        "/jury/reviews/abc/",
    ):
        assert ani_client.get(url).status_code == 404, url
    assignment = mine(jury)
    bad_choice = ani_client.post(review_url(assignment), sheet(assignment, recommendation="juara"))
    assert bad_choice.status_code == 400
    no_file = ani_client.post(reverse("wagtail_kipp_jury:evidence_upload", args=[assignment.pk]), {})
    assert no_file.status_code == 302
    assert not assignment.scores.exists()


def test_a_conflicted_assignment_is_not_found(ani_client, jury, pdf_bytes):
    assignment = submit_directly(jury.ani, mine(jury))
    attach_pdf(assignment.entry, pdf_bytes)
    panel.record_conflict(jury.secretariat, jury.ani, assignment.entry, "Mantan konsultan.")
    assert Assignment.objects.filter(pk=assignment.pk).exists()  # submitted: kept, but no longer counted
    assert ani_client.get(review_url(assignment)).status_code == 404
    download = reverse("wagtail_kipp_jury:attachment_download", args=[assignment.pk, "sk_inovator"])
    assert ani_client.get(download).status_code == 404
    assert (
        review_url(assignment) not in ani_client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    )


# The pledge ------------------------------------------------------------------------------------------------


def test_the_pledge_comes_before_the_first_score(client, jury, make_juror):
    member = make_juror(jury.round, pledge=False)
    assignment = panel.assign(jury.secretariat, member, jury.entries[0], DESK)
    client.force_login(member.user)
    response = client.get(review_url(assignment))
    pledge = reverse("wagtail_kipp_jury:pledge", args=[jury.round.pk])
    assert response.status_code == 302 and response["Location"].startswith(pledge + "?next=")
    assert client.post(review_url(assignment), sheet(assignment)).status_code == 302
    assert not assignment.scores.exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'name="accept"' in page.content.decode()
    assert_strict_html(page.content.decode())
    refused = client.post(pledge, {"next": review_url(assignment)})
    assert refused.status_code == 400
    member.refresh_from_db()
    assert member.pledge_accepted_at is None
    accepted = client.post(pledge, {"accept": "on", "next": review_url(assignment)})
    assert accepted.status_code == 302 and accepted["Location"] == review_url(assignment)
    member.refresh_from_db()
    assert member.pledge_accepted_at is not None
    assert client.get(review_url(assignment)).status_code == 200
    # An outside ``next`` is ignored.
    again = client.post(pledge, {"accept": "on", "next": "https://evil.example/"})
    assert again["Location"] == reverse("wagtail_kipp_jury:dashboard")


# The score sheet -------------------------------------------------------------------------------------------


def test_the_review_page_shows_the_entry_and_the_criteria(ani_client, jury, pdf_bytes):
    assignment = mine(jury)
    attach_pdf(assignment.entry, pdf_bytes)
    response = ani_client.get(review_url(assignment))
    html = response.content.decode()
    assert response.status_code == 200
    entry = assignment.entry
    assert entry.title in html and "Layanan antar jemput dokumen." in html
    assert "Dinas Kependudukan Kota Contoh" in html and "tim@example.com" in html
    for criterion in reviews.criteria_for(assignment):
        assert criterion.display_name in html
        assert f'name="value_{criterion.key}"' in html
    assert 'name="recommendation"' in html and 'name="version"' in html
    download = reverse("wagtail_kipp_jury:attachment_download", args=[assignment.pk, "sk_inovator"])
    assert download in html
    file = ani_client.get(download)
    assert file.status_code == 200 and b"".join(file.streaming_content) == pdf_bytes
    assert file["Content-Disposition"].startswith("attachment")
    assert_strict_html(html)


def test_save_a_draft_then_submit_through_the_form(ani_client, jury):
    assignment = mine(jury)
    partial = sheet(assignment, values={"kebaruan": "7", "efektif": "8.5"}, recommendation="")
    response = ani_client.post(review_url(assignment), partial)
    assert response.status_code == 302 and response["Location"] == review_url(assignment)
    assignment.refresh_from_db()
    assert assignment.status == ReviewStatus.DRAFT and assignment.version == 2
    assert {s.criterion_key: float(s.value) for s in assignment.scores.all() if s.value is not None} == {
        "kebaruan": 7,
        "efektif": 8.5,
    }
    html = ani_client.get(review_url(assignment)).content.decode()
    assert 'value="8.5"' in html and gettext("Give your recommendation.") in html

    # Submitting an incomplete sheet saves it and lists what is missing.
    incomplete = ani_client.post(
        review_url(assignment), sheet(assignment, values={"kebaruan": 7}, action="submit")
    )
    assert incomplete.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == ReviewStatus.DRAFT
    html = ani_client.get(review_url(assignment)).content.decode()
    assert gettext("Your draft was saved, but it cannot be submitted yet:") in html

    done = ani_client.post(review_url(assignment), sheet(assignment, action="submit"))
    assert done.status_code == 302 and done["Location"] == reverse("wagtail_kipp_jury:dashboard")
    assignment.refresh_from_db()
    assert assignment.status == ReviewStatus.SUBMITTED and assignment.submitted_at
    assert assignment.recommendation == "advance"
    assert assignment.scores.get(criterion_key="replikasi").comment == "Catatan replikasi"


def test_an_out_of_scale_value_is_a_form_error_and_nothing_is_saved(ani_client, jury):
    assignment = mine(jury)
    for bad in ("11", "0", "abc", "1e400", "NaN"):
        response = ani_client.post(review_url(assignment), sheet(assignment, values={"kebaruan": bad}))
        assert response.status_code == 400, bad
        assert 'class="kipp-error"' in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.version == 1 and assignment.status == ReviewStatus.NOT_STARTED
    assert not assignment.scores.exists()
    missing_version = sheet(assignment)
    del missing_version["version"]
    assert ani_client.post(review_url(assignment), missing_version).status_code == 400
    assert not assignment.scores.exists()


def test_a_stale_version_keeps_the_jurors_input_and_saves_nothing(ani_client, jury):
    assignment = mine(jury)
    opened = sheet(assignment, values={"kebaruan": "9"})
    # Saved meanwhile in another tab.
    reviews.save_review(jury.ani.user, assignment, based_on_version=1, values={"kebaruan": 4})
    response = ani_client.post(review_url(assignment), opened)
    html = response.content.decode()
    assert response.status_code == 409
    assert 'value="9"' in html  # the juror's input is kept
    assert gettext("Saved in the other window") in html and "<strong>4</strong>" in html
    assert 'name="version" value="2"' in html
    assignment.refresh_from_db()
    assert assignment.version == 2 and assignment.scores.get(criterion_key="kebaruan").value == 4
    # Saving again from the re-shown form replaces the other window's version.
    ani_client.post(review_url(assignment), sheet(assignment, values={"kebaruan": "9"}))
    assert assignment.scores.get(criterion_key="kebaruan").value == 9


def test_a_submitted_review_is_read_only(ani_client, jury):
    assignment = submit_directly(jury.ani, mine(jury), value=6)
    html = ani_client.get(review_url(assignment)).content.decode()
    assert 'name="version"' not in html
    assert 'name="value_kebaruan"' not in html and gettext("Save draft") not in html
    response = ani_client.post(review_url(assignment), sheet(assignment, values={"kebaruan": 9}))
    assert response.status_code == 302
    assert assignment.scores.get(criterion_key="kebaruan").value == 6
    html = ani_client.get(review_url(assignment)).content.decode()
    assert locked() in html


def test_a_blind_stage_hides_the_entrants_identity_and_its_attachments(ani_client, jury, pdf_bytes):
    Stage.objects.filter(competition=jury.round, kind=DESK).update(blind=True)
    assignment = mine(jury)
    jury.entries[0].innovator_phone = "0812-555-0101"
    jury.entries[0].save()
    attach_pdf(assignment.entry, pdf_bytes)
    html = ani_client.get(review_url(assignment)).content.decode()
    assert assignment.entry.title in html
    for hidden in (
        "Dinas Kependudukan Kota Contoh",
        "Tim Inovasi",
        "tim@example.com",
        "0812-555-0101",
        "sk-inovator",
    ):
        assert hidden not in html, hidden
    download = reverse("wagtail_kipp_jury:attachment_download", args=[assignment.pk, "sk_inovator"])
    assert ani_client.get(download).status_code == 404
    dashboard = ani_client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    assert "Dinas Kependudukan Kota Contoh" not in dashboard and "Puskesmas Sukamaju" not in dashboard
    conflict = reverse("wagtail_kipp_jury:declare_conflict", args=[jury.round.pk, assignment.entry.uuid])
    assert "Dinas Kependudukan Kota Contoh" not in ani_client.get(conflict).content.decode()


# Conflicts of interest -------------------------------------------------------------------------------------


def test_declaring_a_conflict_removes_the_entry(ani_client, jury):
    assignment = mine(jury)
    url = reverse("wagtail_kipp_jury:declare_conflict", args=[jury.round.pk, assignment.entry.uuid])
    page = ani_client.get(url)
    assert page.status_code == 200 and assignment.entry.title in page.content.decode()
    assert_strict_html(page.content.decode())
    assert ani_client.post(url, {"reason": "   "}).status_code == 400
    assert not ConflictOfInterest.objects.exists()
    response = ani_client.post(url, {"reason": "Saya pernah menjadi konsultan inovasi ini."})
    assert response.status_code == 302 and response["Location"] == reverse("wagtail_kipp_jury:dashboard")
    conflict = ConflictOfInterest.objects.get(panel_member=jury.ani, entry=assignment.entry)
    assert conflict.source == ConflictSource.DECLARED
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    assert ani_client.get(review_url(assignment)).status_code == 404
    ani_client.get(reverse("wagtail_kipp_jury:dashboard"))  # shows (and uses up) the message
    dashboard = ani_client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    assert assignment.entry.title not in dashboard and review_url(assignment) not in dashboard
    assert ani_client.get(url).status_code == 302  # already declared: back to the list


def test_a_conflict_cannot_be_declared_on_an_entry_not_assigned_or_of_another_round(
    ani_client, jury, make_eligible_entry, make_competition
):
    unassigned = make_eligible_entry(jury.round)
    url = reverse("wagtail_kipp_jury:declare_conflict", args=[jury.round.pk, unassigned.uuid])
    assert ani_client.get(url).status_code == 404
    assert ani_client.post(url, {"reason": "x"}).status_code == 404
    other_round = make_competition()
    url = reverse("wagtail_kipp_jury:declare_conflict", args=[other_round.pk, jury.entries[0].uuid])
    assert ani_client.post(url, {"reason": "x"}).status_code == 404
    assert not ConflictOfInterest.objects.exists()


# The chair -------------------------------------------------------------------------------------------------


def test_the_chair_sees_conflicts_and_progress_and_others_get_404(client, jury, make_organisation):
    panel.declare_conflict(jury.budi.user, jury.budi, jury.entries[1], "Kerabat saya anggota tim.")
    submit_directly(jury.ani, mine(jury))
    url = reverse("wagtail_kipp_jury:chair", args=[jury.round.pk])
    client.force_login(jury.ani.user)
    assert client.get(url).status_code == 404
    client.force_login(jury.chair.user)
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kerabat saya anggota tim." in html and "Prof. Budi Penilai" in html
    assert str(ConflictSource.DECLARED.label) in html
    assert "1 / 2" in html  # Ani: one of two submitted
    assert reverse("wagtail_kipp_jury:reopen_review", args=[jury.round.pk, mine(jury).pk]) in html
    assert_strict_html(html)
    dashboard = client.get(reverse("wagtail_kipp_jury:dashboard")).content.decode()
    assert url in dashboard


def test_the_chair_page_keeps_a_constant_number_of_queries(
    client, jury, make_juror, make_eligible_entry, django_assert_max_num_queries
):
    client.force_login(jury.chair.user)
    url = reverse("wagtail_kipp_jury:chair", args=[jury.round.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    jurors = [make_juror(jury.round) for _ in range(3)]
    for _ in range(3):
        entry = make_eligible_entry(jury.round)
        for member in jurors:
            panel.assign(jury.secretariat, member, entry, DESK)
    for assignment in Assignment.objects.filter(panel_member=jurors[0]):
        submit_directly(jurors[0], assignment)
    panel.declare_conflict(jurors[1].user, jurors[1], entry, "Kerabat.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("/reopen/") == 3


def test_the_chair_reopens_a_review_with_a_reason(client, jury):
    assignment = submit_directly(jury.ani, mine(jury))
    url = reverse("wagtail_kipp_jury:reopen_review", args=[jury.round.pk, assignment.pk])
    client.force_login(jury.budi.user)
    assert client.post(url, {"reason": "Salah ketik"}).status_code == 404
    client.force_login(jury.chair.user)
    assert client.post(url, {"reason": ""}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == ReviewStatus.SUBMITTED
    assert client.post(url, {"reason": "Nilai keberlanjutan salah ketik."}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == ReviewStatus.DRAFT
    # Reopening a draft is refused with a message, not an error page.
    response = client.post(url, {"reason": "Lagi"}, follow=True)
    assert response.status_code == 200
    assert gettext("Only a submitted review can be reopened.") in response.content.decode()


def test_the_chair_closes_scoring_after_confirming_and_the_panel_scores_appear_without_names(client, jury):
    ani_review = submit_directly(jury.ani, mine(jury), value=9)
    submit_directly(jury.budi, mine(jury, member=jury.budi), value=5)
    client.force_login(jury.ani.user)
    before = client.get(review_url(ani_review)).content.decode()
    assert juror(2) not in before and "panel-scores" not in before

    url = reverse("wagtail_kipp_jury:close_scoring", args=[jury.round.pk, DESK])
    assert client.get(url).status_code == 404  # Ani is not the chair
    client.force_login(jury.chair.user)
    assert (
        client.get(reverse("wagtail_kipp_jury:close_scoring", args=[jury.round.pk, "final"])).status_code
        == 404
    )
    page = client.get(url)
    assert (
        page.status_code == 200
        and (gettext("%(done)s of %(total)s reviews are submitted.") % {"done": 2, "total": 4})
        in page.content.decode()
    )
    assert_strict_html(page.content.decode())
    assert client.post(url, {}).status_code == 400
    assert not StageState.objects.filter(competition=jury.round, scoring_closed_at__isnull=False).exists()
    assert client.post(url, {"confirm": "on"}).status_code == 302
    state = StageState.objects.get(competition=jury.round, stage_kind=DESK)
    assert state.scoring_closed_at and state.scoring_closed_by == jury.chair.user

    client.force_login(jury.ani.user)
    after = client.get(review_url(ani_review)).content.decode()
    assert juror(1) in after and juror(2) in after
    assert "Budi" not in after
    # 100 * (9-1)/(10-1), 100 * (5-1)/(10-1) and their mean, in the page's number format
    assert re.search(r"88[.,]89", after) and re.search(r"44[.,]44", after) and re.search(r"66[.,]67", after)
    # An unsubmitted review is now read-only too.
    draft = mine(jury, entry=jury.entries[1])
    html = client.get(review_url(draft)).content.decode()
    assert 'name="value_kebaruan"' not in html
    assert client.post(review_url(draft), sheet(draft)).status_code == 302
    assert not draft.scores.exists()


# Evidence of the field verification ------------------------------------------------------------------------


@pytest.fixture
def field_assignment(jury):
    from django.utils import timezone

    from wagtail_kipp.judging.criteria_presets import apply_preset

    now = timezone.now()
    Stage.objects.create(
        competition=jury.round,
        kind=FIELD,
        opens_at=now - timezone.timedelta(days=1),
        closes_at=now + timezone.timedelta(days=3),
        sort_order=9,
    )
    apply_preset(jury.round, FIELD)
    jury.ani.stage_kinds = [DESK, FIELD]
    jury.ani.save()
    return Assignment.objects.create(panel_member=jury.ani, entry=jury.entries[0], stage_kind=FIELD)


def test_evidence_upload_checks_the_content(ani_client, jury, field_assignment, pdf_bytes):
    upload = reverse("wagtail_kipp_jury:evidence_upload", args=[field_assignment.pk])
    html = ani_client.get(review_url(field_assignment)).content.decode()
    assert upload in html and 'type="radio"' in html  # a checklist: yes or no
    assert_strict_html(html)
    fake = SimpleUploadedFile("foto-lapangan.jpg", b"this is not a photo at all", content_type="image/jpeg")
    response = ani_client.post(upload, {"file": fake, "caption": "Loket"}, follow=True)
    not_a_document = gettext(
        "The file is not a PDF, image or Office document. Its content, not its name, is checked."
    )
    assert not_a_document in response.content.decode()
    assert not ReviewEvidence.objects.exists()
    html_page = SimpleUploadedFile(
        "foto.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    ani_client.post(upload, {"file": html_page})
    assert not ReviewEvidence.objects.exists()

    photo = SimpleUploadedFile("loket.png", PNG_BYTES, content_type="image/png")
    assert ani_client.post(upload, {"file": photo, "caption": "Loket pelayanan"}).status_code == 302
    evidence = ReviewEvidence.objects.get()
    assert evidence.file_type == "png" and evidence.caption == "Loket pelayanan"
    assert ani_client.post(upload, {"file": SimpleUploadedFile("ba.pdf", pdf_bytes)}).status_code == 302
    assert ReviewEvidence.objects.count() == 2
    download = reverse("wagtail_kipp_jury:evidence_download", args=[field_assignment.pk, evidence.pk])
    assert download in ani_client.get(review_url(field_assignment)).content.decode()
    assert b"".join(ani_client.get(download).streaming_content) == PNG_BYTES
    ani_client.force_login(jury.budi.user)
    assert ani_client.get(download).status_code == 404

    # The checklist takes yes (1) or no (0) only.
    ani_client.force_login(jury.ani.user)
    keys = [c.key for c in reviews.criteria_for(field_assignment)]
    bad = ani_client.post(review_url(field_assignment), sheet(field_assignment, values={keys[0]: "5"}))
    assert bad.status_code == 400
    good = sheet(field_assignment, values=dict.fromkeys(keys, "1") | {keys[1]: "0"}, action="submit")
    assert ani_client.post(review_url(field_assignment), good).status_code == 302
    field_assignment.refresh_from_db()
    assert field_assignment.status == ReviewStatus.SUBMITTED
    locked = SimpleUploadedFile("lagi.png", PNG_BYTES, content_type="image/png")
    ani_client.post(upload, {"file": locked})
    assert ReviewEvidence.objects.count() == 2


def test_evidence_belongs_to_field_verification_only(ani_client, jury):
    upload = reverse("wagtail_kipp_jury:evidence_upload", args=[mine(jury).pk])
    photo = SimpleUploadedFile("loket.png", PNG_BYTES, content_type="image/png")
    ani_client.post(upload, {"file": photo})
    assert not ReviewEvidence.objects.exists()


# The jury invitation ---------------------------------------------------------------------------------------


def test_a_jury_invitation_links_the_panel_member_and_leads_to_the_jury_dashboard(
    client, jury, django_user_model, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            jury.secretariat,
            jury.round,
            name="Dr. Sari",
            email="sari@univ.example",
            role="panelist",
            affiliation="academic",
            stage_kinds=["interview"],
        )
    path = LINK.search(mailoutbox[-1].body).group(1)
    user = django_user_model.objects.create_user("sari", "sari@univ.example", "pw")
    client.force_login(user)
    page = client.get(path)
    html = page.content.decode()
    assert page.status_code == 200 and jury.round.title in html
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("wagtail_kipp_jury:dashboard")
    member.refresh_from_db()
    assert member.user == user
    assert Invitation.objects.get(panel_member=member).accepted_by == user
    dashboard = client.get(response["Location"]).content.decode()
    assert jury.round.title in dashboard and not_on_a_jury() not in dashboard
    # Opening the used link again goes back to the jury portal.
    assert client.get(path)["Location"] == reverse("wagtail_kipp_jury:dashboard")


def test_a_new_juror_creates_an_account_from_the_invitation(
    client, jury, django_user_model, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        member = panel.add_panel_member(
            jury.secretariat,
            jury.round,
            name="Rudi Wartawan",
            email="rudi@koran.example",
            role="evaluator",
            affiliation="journalist",
            stage_kinds=[DESK],
        )
    path = LINK.search(mailoutbox[-1].body).group(1)
    password = "kipp-Semarang-2026!"
    response = client.post(
        path,
        {
            "full_name": "Rudi Wartawan",
            "username": "rudi@koran.example",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("wagtail_kipp_jury:dashboard")
    member.refresh_from_db()
    assert member.user == django_user_model.objects.get(username="rudi@koran.example")


# Deadlines and logging in ----------------------------------------------------------------------------------


def test_a_score_sheet_cannot_be_saved_outside_the_stage_period(ani_client, jury):
    from django.utils import timezone

    assignment = mine(jury)
    Stage.objects.filter(competition=jury.round, kind=DESK).update(
        closes_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    with pytest.raises(reviews.NotAllowed):
        reviews.save_review(
            jury.ani.user, assignment, based_on_version=assignment.version, values={"kebaruan": 5}
        )
    assert not assignment.scores.exists()


def test_a_juror_without_an_organisation_lands_on_the_jury_dashboard_after_login(client, jury):
    response = client.post(
        reverse("wagtail_kipp_portal:login"), {"username": jury.ani.user.username, "password": "pw"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_kipp_jury:dashboard")
