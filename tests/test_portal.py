"""The entrant portal: writing, saving, autosave, conflicts, submitting, receipts and deadlines."""

import datetime
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from wagtail_kipp.judging import services
from wagtail_kipp.models import Entry, EntryAttachment, EntryConflict, EntryStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
CLOSED = gettext("The entry period of this round has closed. Ask the secretariat if you need an exception.")


def url(name, entry, *args):
    return reverse(f"wagtail_kipp_portal:{name}", args=[entry.uuid, *args])


def attach_pdf(entry, pdf_bytes, slot="sk_inovator"):
    return EntryAttachment.objects.create(
        entry=entry,
        slot=slot,
        file=ContentFile(pdf_bytes, "sk.pdf"),
        original_name="sk.pdf",
        file_type="pdf",
        size=len(pdf_bytes),
        sha256="0" * 64,
    )


def form_data(entry, **overrides):
    data = {
        "version": entry.version,
        "title": entry.title,
        "started_on": "2020-03-01",
        "innovation_stage": "penerapan",
        "is_digital": "true",
        "sdgs": [],
        "video_url": "",
        "innovator_name": "Tim Inovasi",
        "innovator_phone": "",
        "innovator_email": "tim@example.com",
        "answer_ringkasan": "Layanan antar jemput dokumen.",
        "answer_kebaruan": "Pertama di kota ini.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def operator_client(client, make_entry, make_operator):
    entry = make_entry()
    user = make_operator(entry.organisation)
    client.force_login(user)
    client.entry = entry
    client.user = user
    return client


def test_the_dashboard_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(reverse("wagtail_kipp_portal:dashboard"))
    assert response.status_code == 302
    assert reverse("wagtail_kipp_portal:login") in response["Location"]


def test_the_dashboard_shows_open_rounds_with_the_deadline_in_the_rounds_zone(
    operator_client, make_entry, competition
):
    other = make_entry(title="Inovasi Dinas Lain")
    response = operator_client.get(reverse("wagtail_kipp_portal:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert competition.title in html
    deadline = timezone.localtime(competition.entry_deadline, WIB)
    assert deadline.strftime("%H:%M") in html and "WIB" in html
    assert operator_client.entry.title in html
    assert other.title not in html


def test_a_user_without_organisation_is_told_to_ask_for_an_invitation(client, django_user_model, competition):
    client.force_login(django_user_model.objects.create_user("lonely", "l@example.com", "pw"))
    html = client.get(reverse("wagtail_kipp_portal:dashboard")).content.decode()
    assert "invitation" in html or "undangan" in html


def test_an_operator_starts_a_proposal_within_the_quota(
    client, competition, make_organisation, make_operator
):
    organisation = make_organisation()
    client.force_login(make_operator(organisation))
    competition.max_entries_per_group = 1
    competition.save()
    group = competition.entry_groups.first()
    create = reverse("wagtail_kipp_portal:entry_create", args=[competition.pk])
    response = client.post(create, {"organisation": organisation.pk, "group": group.pk, "title": "Si Cepat"})
    entry = Entry.objects.get(title="Si Cepat")
    assert response["Location"] == entry.get_absolute_url()
    assert ModelLogEntry.objects.filter(action="wagtail_kipp.entry.create", object_id=str(entry.pk)).exists()
    response = client.post(
        create, {"organisation": organisation.pk, "group": group.pk, "title": "Kedua"}, follow=True
    )
    assert not Entry.objects.filter(title="Kedua").exists()
    assert "kipp-message--error" in response.content.decode()


def test_an_operator_cannot_start_a_proposal_for_another_organisation(
    client, competition, make_organisation, make_operator
):
    mine, theirs = make_organisation(), make_organisation()
    client.force_login(make_operator(mine))
    group = competition.entry_groups.first()
    client.post(
        reverse("wagtail_kipp_portal:entry_create", args=[competition.pk]),
        {"organisation": theirs.pk, "group": group.pk, "title": "Menyusup"},
    )
    assert not Entry.objects.filter(title="Menyusup").exists()


def test_the_form_saves_a_draft_with_a_plain_post(operator_client):
    entry = operator_client.entry
    response = operator_client.post(
        url("entry_edit", entry), form_data(entry, answer_kebaruan="Satu dua tiga")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.answers["kebaruan"] == "Satu dua tiga"
    assert entry.version == 2


def test_the_form_shows_server_side_word_counts_and_limits(operator_client):
    entry = operator_client.entry
    entry.answers = {"ringkasan": " ".join(["kata"] * 25)}
    entry.save()
    html = operator_client.get(url("entry_edit", entry)).content.decode()
    assert "25" in html and "20" in html
    assert "kipp-words--over" in html


def test_a_stale_plain_post_is_refused_and_both_texts_are_kept(operator_client, make_operator):
    entry = operator_client.entry
    colleague = make_operator(entry.organisation)
    services.save_draft(
        entry, colleague, based_on_version=1, fields={}, answers={"kebaruan": "Teks rekan kerja."}
    )
    response = operator_client.post(
        url("entry_edit", entry), form_data(entry, answer_kebaruan="Teks saya sendiri.")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Teks rekan kerja." in html  # what is saved, in the form
    assert "Teks saya sendiri." in html  # my refused text, kept beside it
    entry.refresh_from_db()
    assert entry.answers["kebaruan"] == "Teks rekan kerja."
    conflict = EntryConflict.objects.get(entry=entry)
    assert conflict.data["answer_kebaruan"] == "Teks saya sendiri."
    # After merging, the operator saves against the new version and dismisses the kept text.
    response = operator_client.post(
        url("entry_edit", entry), form_data(entry, answer_kebaruan="Teks rekan kerja. Teks saya sendiri.")
    )
    assert response.status_code == 302
    operator_client.post(url("entry_resolve_conflict", entry, conflict.pk))
    conflict.refresh_from_db()
    assert conflict.resolved_at is not None


def test_autosave_returns_the_new_version_and_refuses_a_stale_one(operator_client):
    entry = operator_client.entry
    autosave = url("entry_autosave", entry)
    response = operator_client.post(autosave, form_data(entry), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert response.json()["version"] == 2
    stale = operator_client.post(
        autosave, form_data(entry, answer_kebaruan="Versi lama"), HTTP_ACCEPT="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["conflict"] is True
    assert EntryConflict.objects.filter(entry=entry, data__answer_kebaruan="Versi lama").exists()


def test_autosave_keeps_valid_fields_when_one_is_invalid(operator_client):
    entry = operator_client.entry
    response = operator_client.post(
        url("entry_autosave", entry),
        form_data(
            entry, video_url="https://example.com/video", started_on="31-31-2020", answer_kebaruan="Baru"
        ),
        HTTP_ACCEPT="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert set(body["field_errors"]) == {"video_url", "started_on"}
    entry.refresh_from_db()
    assert entry.answers["kebaruan"] == "Baru"
    assert entry.started_on == datetime.date(2020, 3, 1)


@override_settings(WAGTAIL_KIPP_ANSWER_MAX_CHARS=100)
def test_an_oversized_answer_is_refused_with_a_message_and_the_typed_text_stays_on_screen(operator_client):
    entry = operator_client.entry
    long_text = "panjang " * 50
    response = operator_client.post(url("entry_edit", entry), form_data(entry, answer_kebaruan=long_text))
    assert response.status_code == 400
    assert long_text.strip() in response.content.decode()
    entry.refresh_from_db()
    assert entry.answers["kebaruan"] == "Baru."


def test_html_in_answers_is_escaped_everywhere(operator_client, pdf_bytes):
    entry = operator_client.entry
    script = "<script>alert('x')</script>"
    operator_client.post(
        url("entry_edit", entry), form_data(entry, title=f"Judul {script}", answer_kebaruan=script)
    )
    attach_pdf(entry, pdf_bytes)
    for name in ("entry_edit", "entry_submit"):
        html = operator_client.get(url(name, entry)).content.decode()
        assert script not in html
        assert "&lt;script&gt;" in html
    operator_client.post(url("entry_submit", entry))
    for name in ("entry_receipt", "entry_status"):
        html = operator_client.get(url(name, entry)).content.decode()
        assert script not in html
    assert script not in operator_client.get(reverse("wagtail_kipp_portal:dashboard")).content.decode()


def test_submit_lists_what_is_missing(operator_client):
    entry = operator_client.entry
    entry.answers = {"ringkasan": " ".join(["kata"] * 25)}
    entry.save()
    response = operator_client.post(url("entry_submit", entry))
    assert response.status_code == 400
    html = response.content.decode()
    assert "SK Inovator" in html  # the required attachment
    assert "Kebaruan" in html  # an unanswered section
    assert "Ringkasan" in html  # over its word limit
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT and not entry.reference


def test_submit_gives_a_reference_a_receipt_and_an_email_and_is_idempotent(
    operator_client, pdf_bytes, mailoutbox, django_capture_on_commit_callbacks
):
    entry = operator_client.entry
    attach_pdf(entry, pdf_bytes)
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url("entry_submit", entry))
    assert response["Location"] == url("entry_receipt", entry)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.reference == "KIPP-2026-0001"
    assert entry.template_snapshot["sections"][0]["key"] == "ringkasan"
    assert len(mailoutbox) == 1 and "KIPP-2026-0001" in mailoutbox[0].subject
    receipt = operator_client.get(url("entry_receipt", entry)).content.decode()
    assert "KIPP-2026-0001" in receipt and "WIB" in receipt
    # A double click: nothing changes, no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        again = operator_client.post(url("entry_submit", entry))
    assert again.status_code == 302
    entry.refresh_from_db()
    assert entry.reference == "KIPP-2026-0001" and len(mailoutbox) == 1
    # The entry is read-only now.
    assert operator_client.get(url("entry_edit", entry))["Location"] == url("entry_status", entry)
    refused = operator_client.post(
        url("entry_autosave", entry), form_data(entry), HTTP_ACCEPT="application/json"
    )
    assert refused.status_code == 409


def test_reference_numbers_are_gap_free_per_round_and_kept_on_resubmission(
    competition, make_entry, make_operator, pdf_bytes
):
    entries = [make_entry() for _ in range(3)]
    users = [make_operator(entry.organisation) for entry in entries]
    for entry in entries:
        attach_pdf(entry, pdf_bytes)
    services.submit(entries[0], users[0])
    services.submit(entries[1], users[1])
    services.reopen(entries[0], users[0])
    services.submit(entries[2], users[2])
    services.submit(entries[0], users[0])
    assert [Entry.objects.get(pk=e.pk).reference_number for e in entries] == [1, 2, 3]


@override_settings(TIME_ZONE="UTC")
def test_submitting_one_second_after_the_deadline_in_wib_is_refused(
    make_competition, make_entry, make_operator, pdf_bytes
):
    deadline = datetime.datetime(2026, 5, 2, 23, 59, 59, tzinfo=WIB)
    round_ = make_competition(opens=deadline - datetime.timedelta(days=30), closes=deadline)
    entry = make_entry(competition_page=round_)
    user = make_operator(entry.organisation)
    attach_pdf(entry, pdf_bytes)
    late = datetime.datetime(2026, 5, 2, 17, 0, 0, tzinfo=datetime.UTC)
    with pytest.raises(services.SubmissionProblems) as refused:
        services.submit(entry, user, now=late)
    assert refused.value.messages[0] == CLOSED
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT
    on_time = late - datetime.timedelta(seconds=1)
    assert services.submit(entry, user, now=on_time).status == EntryStatus.SUBMITTED


def test_a_closed_round_refuses_saves_and_a_late_exception_reopens_one_entry(
    client, make_competition, make_entry, make_operator, make_secretariat, pdf_bytes
):
    now = timezone.now()
    round_ = make_competition(
        opens=now - datetime.timedelta(days=10), closes=now - datetime.timedelta(hours=1)
    )
    entry = make_entry(competition_page=round_)
    user = make_operator(entry.organisation)
    attach_pdf(entry, pdf_bytes)
    client.force_login(user)
    response = client.post(url("entry_autosave", entry), form_data(entry), HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0] == CLOSED
    services.grant_late_exception(
        entry, make_secretariat(), until=now + datetime.timedelta(hours=2), reason="Gangguan jaringan"
    )
    assert ModelLogEntry.objects.filter(action="wagtail_kipp.entry.late_exception").exists()
    entry.refresh_from_db()
    assert services.submit(entry, user).status == EntryStatus.SUBMITTED


def test_a_grace_period_accepts_submissions_after_the_deadline(
    make_competition, make_entry, make_operator, pdf_bytes
):
    now = timezone.now()
    round_ = make_competition(
        opens=now - datetime.timedelta(days=10), closes=now - datetime.timedelta(minutes=5), grace_minutes=30
    )
    entry = make_entry(competition_page=round_)
    attach_pdf(entry, pdf_bytes)
    assert services.submit(entry, make_operator(entry.organisation)).status == EntryStatus.SUBMITTED


def test_an_innovation_younger_than_the_minimum_age_cannot_be_submitted(operator_client, pdf_bytes):
    entry = operator_client.entry
    attach_pdf(entry, pdf_bytes)
    entry.started_on = timezone.now().date()
    entry.save()
    with pytest.raises(services.SubmissionProblems) as refused:
        services.submit(entry, operator_client.user)
    assert any(problem.field == "started_on" for problem in refused.value.problems)


def test_withdraw_and_reopen_before_the_deadline_are_logged(operator_client, pdf_bytes):
    entry = operator_client.entry
    attach_pdf(entry, pdf_bytes)
    operator_client.post(url("entry_submit", entry))
    response = operator_client.post(url("entry_transition", entry, "reopen"))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DRAFT and entry.reference
    assert response["Location"] == entry.get_absolute_url()
    operator_client.post(url("entry_transition", entry, "withdraw"))
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN
    actions = set(ModelLogEntry.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True))
    assert {
        "wagtail_kipp.entry.submit",
        "wagtail_kipp.entry.reopen",
        "wagtail_kipp.entry.withdraw",
    } <= actions
    assert operator_client.post(url("entry_transition", entry, "explode")).status_code == 404


def test_with_coordinator_approval_submit_goes_to_the_secretariat(
    make_competition,
    make_entry,
    make_operator,
    make_secretariat,
    pdf_bytes,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    round_ = make_competition(coordinator_approval=True)
    entry = make_entry(competition_page=round_)
    user = make_operator(entry.organisation)
    attach_pdf(entry, pdf_bytes)
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.submit(entry, user)
    assert entry.status == EntryStatus.AWAITING_APPROVAL and entry.reference
    secretariat = make_secretariat()
    with django_capture_on_commit_callbacks(execute=True):
        entry = services.return_for_correction(entry, secretariat, "Lampiran SK belum ditandatangani.")
    assert entry.status == EntryStatus.RETURNED and entry.is_editable
    assert "ditandatangani" in mailoutbox[-1].body
    entry = services.submit(entry, user)
    entry = services.approve(entry, secretariat)
    assert entry.status == EntryStatus.SUBMITTED
    with pytest.raises(services.NotAllowed):
        services.approve(entry, secretariat)


def test_operators_cannot_use_secretariat_transitions(operator_client, pdf_bytes):
    from django.core.exceptions import PermissionDenied

    entry = operator_client.entry
    attach_pdf(entry, pdf_bytes)
    services.submit(entry, operator_client.user)
    with pytest.raises(PermissionDenied):
        services.record_check(entry, operator_client.user, passed=True, reason="")


def test_the_status_page_hides_the_unpublished_administrative_check(
    operator_client, pdf_bytes, make_secretariat
):
    entry = operator_client.entry
    attach_pdf(entry, pdf_bytes)
    services.submit(entry, operator_client.user)
    services.record_check(entry, make_secretariat(), passed=False, reason="Judul ganda")
    html = operator_client.get(url("entry_status", entry)).content.decode()
    assert "Judul ganda" not in html
    assert str(EntryStatus.INELIGIBLE.label) not in html


def test_posts_without_a_csrf_token_are_refused(operator_client):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(operator_client.user)
    entry = operator_client.entry
    assert csrf_client.post(url("entry_edit", entry), form_data(entry)).status_code == 403
    assert csrf_client.post(url("entry_submit", entry)).status_code == 403
    entry.refresh_from_db()
    assert entry.version == 1


def test_the_dashboard_query_count_does_not_grow_with_the_entries(
    client, competition, make_entry, make_organisation, make_operator, django_assert_max_num_queries
):
    organisation = make_organisation()
    user = make_operator(organisation)
    client.force_login(user)
    competition.max_entries_per_group = 10
    competition.save()
    make_entry(organisation=organisation)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("wagtail_kipp_portal:dashboard")).status_code == 200
    for _ in range(6):
        make_entry(organisation=organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("wagtail_kipp_portal:dashboard")).content.decode()
    assert html.count("/portal/entries/") >= 7


def test_state_changes_send_signals_after_commit(
    operator_client, pdf_bytes, django_capture_on_commit_callbacks
):
    from wagtail_kipp.signals import entry_status_changed, entry_submitted

    received = []

    def on_change(sender, entry, transition, previous_status, user, **kwargs):
        received.append((transition, previous_status, entry.status, user))

    def on_submit(sender, entry, user, **kwargs):
        received.append(("submitted", entry.reference))

    entry_status_changed.connect(on_change)
    entry_submitted.connect(on_submit)
    try:
        entry = operator_client.entry
        attach_pdf(entry, pdf_bytes)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.submit(entry, operator_client.user)
        assert received == []  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        entry_status_changed.disconnect(on_change)
        entry_submitted.disconnect(on_submit)
    assert ("submit", "draft", "submitted", operator_client.user) in received
    assert ("submitted", "KIPP-2026-0001") in received


def test_e_mails_are_plain_text_in_indonesian_with_links_in_the_default_language(
    operator_client,
    pdf_bytes,
    mailoutbox,
    django_capture_on_commit_callbacks,
    make_competition,
    make_entry,
    make_operator,
):
    from django.utils import translation
    from wagtail.models import Site

    from wagtail_kipp.models import KippSettings

    settings = KippSettings.for_site(Site.objects.get(is_default_site=True))
    settings.secretariat_email = "sekretariat@example.com"
    settings.save()
    round_ = make_competition(title="KIPP Kota & Kabupaten", coordinator_approval=True)
    entry = make_entry(competition_page=round_, title="Layanan <Cepat> & Mudah")
    user = make_operator(entry.organisation)
    attach_pdf(entry, pdf_bytes)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.submit(entry, user)
    to_operator = next(m for m in mailoutbox if user.email in m.to)
    assert "Layanan <Cepat> & Mudah" in to_operator.body and "&amp;" not in to_operator.body
    assert "KIPP Kota & Kabupaten" in to_operator.body
    assert f"http://testserver/portal/entries/{entry.uuid}/" in to_operator.body  # not /en/portal/
    to_secretariat = next(m for m in mailoutbox if "sekretariat@example.com" in m.to)
    assert entry.reference in to_secretariat.subject
    assert (
        f"/admin/kipp/entries/inspect/{entry.pk}/" in to_secretariat.body
        or str(entry.pk) in to_secretariat.body
    )
