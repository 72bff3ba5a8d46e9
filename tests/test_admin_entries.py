"""The secretariat's entries in the admin: listing, exports, inspection, decisions, bulk pass, permissions."""

import csv
import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.users import in_english
from wagtail_kipp.judging import services
from wagtail_kipp.models import Entry, EntryAttachment, EntryStatus

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def url(name, *args):
    return reverse(f"kipp_entries:{name}", args=args)


def bulk_url(query=""):
    return reverse("wagtail_bulk_action", args=["wagtail_kipp", "entry", "pass_check"]) + query


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged(entry, action):
    return ModelLogEntry.objects.filter(object_id=str(entry.pk), action=action)


def content_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def editor(db):
    """A Wagtail editor: admin access and page permissions, but not the secretariat's entry permission."""
    user = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=["add_page", "change_page"]
        ),
    )
    return in_english(user)


@pytest.fixture
def submitted(make_entry):
    """Make a submitted entry with a reference number and the template snapshot."""
    numbers = iter(range(1, 1000))

    def make(status=EntryStatus.SUBMITTED, **fields):
        entry = make_entry(**fields)
        number = next(numbers)
        entry.status = status
        entry.reference_number = number
        entry.reference = f"KIPP-2026-{number:04d}"
        entry.submitted_at = timezone.now()
        entry.template_snapshot = entry.group.template.snapshot()
        entry.save()
        return entry

    return make


@pytest.fixture
def attached(pdf_bytes):
    def attach(entry, slot="sk_inovator"):
        attachment = EntryAttachment(
            entry=entry,
            slot=slot,
            original_name="SK Tim.pdf",
            file_type="pdf",
            size=len(pdf_bytes),
            sha256="a" * 64,
        )
        attachment.file.save("sk.pdf", ContentFile(pdf_bytes), save=False)
        attachment.save()
        return attachment

    return attach


# Listing -------------------------------------------------------------------------------------------


def test_the_listing_shows_entries_with_their_flags(admin_client, submitted, make_entry):
    entry = submitted(title="Layanan Antar Dokumen")
    make_entry(title="Layanan Antar Dokumen")  # a duplicate title in the same round
    response = admin_client.get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "KIPP-2026-0001" in html and "Layanan Antar Dokumen" in html
    assert entry.organisation.name in html and "Umum" in html
    row = next(e for e in response.context["object_list"] if e.pk == entry.pk)
    assert {flag.code for flag in row.eligibility_flags} == {"duplicate_title", "missing_attachment"}
    # Read-only for what entrants wrote: no add or edit views.
    assert "kipp/entries/new/" not in html and "/edit/" not in html
    assert url("inspect", entry.pk) in html
    # Row actions come back to the listing (with its filters), not to the results fragment.
    assert url("pass_check", entry.pk) + "?next=%2Fadmin%2Fkipp%2Fentries%2F" in html


def test_the_audit_report_links_entries_to_their_inspect_view(admin_client, secretariat, submitted):
    entry = submitted()
    services.record_check(entry, secretariat, passed=True, reason="")
    secretariat.is_superuser = True  # the site history report is for administrators
    secretariat.save()
    response = admin_client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    assert url("inspect", entry.pk) in response.content.decode()


def test_the_listing_filters_by_status_group_organisation_round_and_theme(
    admin_client, submitted, make_entry, make_competition, make_theme, make_organisation
):
    health = make_theme("Kesehatan")
    dinkes = make_organisation("Dinas Kesehatan")
    one = submitted(title="Klinik Keliling", organisation=dinkes)
    one.themes.add(health)
    two = make_entry(title="Bank Sampah")
    other_round = make_competition(year=2025, groups=("umum", "replikasi"))
    three = make_entry(title="Replikasi Pasar", competition_page=other_round)
    three.group = other_round.entry_groups.get(slug="replikasi")
    three.save()

    def titles(**params):
        response = admin_client.get(url("index"), params)
        assert response.status_code == 200
        return {entry.title for entry in response.context["object_list"]}

    assert titles() == {"Klinik Keliling", "Bank Sampah", "Replikasi Pasar"}
    assert titles(status="submitted") == {"Klinik Keliling"}
    assert titles(status="draft") == {"Bank Sampah", "Replikasi Pasar"}
    assert titles(organisation=dinkes.pk) == {"Klinik Keliling"}
    assert titles(competition=other_round.pk) == {"Replikasi Pasar"}
    assert titles(group=three.group_id) == {"Replikasi Pasar"}
    assert titles(theme=health.pk) == {"Klinik Keliling"}
    assert titles(q="sampah") == {"Bank Sampah"}
    assert titles(q="KIPP-2026-0001") == {"Klinik Keliling"}
    assert two.pk  # a draft is listed too


def test_group_filter_names_the_round(admin_client, competition):
    html = admin_client.get(url("index")).content.decode()
    assert f"{competition.title}: Umum" in html


@pytest.mark.parametrize("count", [5, 25])
def test_the_listing_takes_a_constant_number_of_queries(
    count,
    admin_client,
    submitted,
    make_entry,
    make_organisation,
    make_innovation,
    django_assert_max_num_queries,
):
    innovation = make_innovation(
        awards=[{"year": 2022, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99"}]
    )
    for number in range(count):
        # Submitted entries (with snapshots) and drafts (read against the group's template), some linked.
        make = submitted if number % 2 else make_entry
        make(
            title=f"Inovasi Pelayanan Nomor {number}", organisation=make_organisation(), innovation=innovation
        )
    admin_client.get(url("index"))  # the session and the permission caches
    with django_assert_max_num_queries(23):
        response = admin_client.get(url("index"))
    assert len(response.context["object_list"]) == count


# Exports -------------------------------------------------------------------------------------------


def test_csv_export_has_word_counts_and_flags(admin_client, submitted, attached):
    entry = submitted(
        title="=Layanan Antar Dokumen",
        answers={"ringkasan": "Satu dua tiga empat lima.", "kebaruan": "Baru sekali."},
    )
    attached(entry)
    submitted(title="Bank Sampah", answers={"ringkasan": "Satu.", "kebaruan": ""})
    response = admin_client.get(url("index"), {"export": "csv", "status": "submitted"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(content_of(response).decode())))
    assert len(rows) == 2
    row = next(r for r in rows if r["Reference"] == entry.reference)
    assert row["Words: Ringkasan"] == "5"
    assert row["Words: Kebaruan"] == "2"
    assert row["Flags"] == "0"
    # A title that a spreadsheet would run as a formula is neutralised.
    assert row["Innovation title"] == "'=Layanan Antar Dokumen"
    assert row["Status"] == "submitted"
    other = next(r for r in rows if r["Reference"] != entry.reference)
    assert other["Flags"] == "1" and "SK Inovator" in other["Eligibility flags"]


def test_xlsx_export_has_word_counts_and_times_in_the_rounds_zone(admin_client, submitted):
    entry = submitted(title="Klinik Keliling", answers={"ringkasan": "Satu dua tiga.", "kebaruan": "Ya."})
    entry.submitted_at = datetime.datetime(2026, 5, 2, 16, 30, tzinfo=datetime.UTC)
    entry.save()
    response = admin_client.get(url("index"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(content_of(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    headings, values = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "Words: Ringkasan" in headings and "Words: Kebaruan" in headings
    assert values["Words: Ringkasan"] == 3
    assert values["Innovation title"] == "Klinik Keliling"
    assert values["Submitted"] == datetime.datetime(2026, 5, 2, 23, 30)  # WIB


# Inspect -------------------------------------------------------------------------------------------


def test_inspect_shows_answers_files_flags_and_history(admin_client, submitted, attached, secretariat):
    entry = submitted(
        title="Klinik Keliling",
        answers={"ringkasan": "<script>alert(1)</script> satu dua", "kebaruan": "Baru."},
    )
    attachment = attached(entry)
    services.record_check(entry, secretariat, passed=False, reason="Belum satu tahun berjalan.")
    response = admin_client.get(url("inspect", entry.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klinik Keliling" in html and entry.organisation.name in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "3 of 20 words" in html  # the script tag counts as one word, as everywhere
    assert url("download", entry.pk, "sk_inovator") in html
    assert attachment.file.name not in html  # never the storage path or a media URL
    assert "Proposal did not pass the administrative check" in html
    assert "Belum satu tahun berjalan." in html
    assert "Eligibility flags" in html


def test_inspect_offers_only_the_decisions_the_status_allows(admin_client, submitted):
    entry = submitted(status=EntryStatus.AWAITING_APPROVAL)
    html = admin_client.get(url("inspect", entry.pk)).content.decode()
    assert url("approve", entry.pk) in html and url("return", entry.pk) in html
    assert url("pass_check", entry.pk) not in html


def test_download_streams_the_private_file_as_an_attachment(admin_client, submitted, attached, pdf_bytes):
    entry = submitted()
    attached(entry)
    response = admin_client.get(url("download", entry.pk, "sk_inovator"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "SK Tim.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert content_of(response) == pdf_bytes
    assert admin_client.get(url("download", entry.pk, "pernyataan")).status_code == 404


# Decisions -----------------------------------------------------------------------------------------


def test_pass_the_check(admin_client, submitted):
    entry = submitted()
    assert admin_client.get(url("pass_check", entry.pk)).status_code == 200
    response = admin_client.post(url("pass_check", entry.pk), {"reason": "Lengkap."})
    assert response.status_code == 302 and response.url == url("inspect", entry.pk)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.ELIGIBLE and entry.check_reason == "Lengkap."
    assert logged(entry, "wagtail_kipp.entry.pass_check").get().data["reason"] == "Lengkap."
    assert any("passed the administrative check" in m for m in messages_of(response))


def test_a_decision_from_the_listing_returns_to_the_filtered_listing(admin_client, submitted):
    entry = submitted()
    listing = url("index") + "?status=submitted"
    response = admin_client.post(url("pass_check", entry.pk) + "?next=" + listing, {"reason": ""})
    assert response.status_code == 302 and response.url == listing
    foreign = admin_client.post(url("fail_check", entry.pk) + "?next=https://evil.example/", {"reason": "x"})
    assert foreign.url == url("inspect", entry.pk)


def test_fail_the_check_needs_a_reason(admin_client, submitted):
    entry = submitted()
    response = admin_client.post(url("fail_check", entry.pk), {"reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    response = admin_client.post(url("fail_check", entry.pk), {"reason": "Judul sama dengan usulan lain."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == EntryStatus.INELIGIBLE
    assert (
        logged(entry, "wagtail_kipp.entry.fail_check").get().data["reason"]
        == "Judul sama dengan usulan lain."
    )


def test_approve_and_return(admin_client, submitted, mailoutbox):
    waiting = submitted(status=EntryStatus.AWAITING_APPROVAL)
    response = admin_client.post(url("approve", waiting.pk))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EntryStatus.SUBMITTED
    assert logged(waiting, "wagtail_kipp.entry.approve").exists()

    response = admin_client.post(url("return", waiting.pk), {"note": ""})
    assert response.status_code == 200 and response.context["form"].errors
    response = admin_client.post(url("return", waiting.pk), {"note": "Lengkapi SK inovator."})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == EntryStatus.RETURNED and waiting.return_note == "Lengkapi SK inovator."
    assert logged(waiting, "wagtail_kipp.entry.return").get().data["note"] == "Lengkapi SK inovator."
    assert any("returned" in m for m in messages_of(response))


def test_late_exception_is_entered_in_the_rounds_zone(admin_client, make_entry, make_competition):
    page = make_competition(timezone="Asia/Jayapura")
    entry = make_entry(competition_page=page)
    form = admin_client.get(url("late_exception", entry.pk))
    assert form.status_code == 200 and "WIT" in form.content.decode()
    response = admin_client.post(
        url("late_exception", entry.pk), {"until": "2030-05-03T10:00", "reason": "Listrik padam."}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.late_until == datetime.datetime(2030, 5, 3, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura"))
    log = logged(entry, "wagtail_kipp.entry.late_exception").get()
    assert log.data["reason"] == "Listrik padam."
    assert any("10:00" in m and "WIT" in m for m in messages_of(response))


def test_late_exception_refuses_a_past_moment_and_a_missing_reason(admin_client, make_entry):
    entry = make_entry()
    response = admin_client.post(url("late_exception", entry.pk), {"until": "2020-01-01T10:00", "reason": ""})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"until", "reason"}
    entry.refresh_from_db()
    assert entry.late_until is None
    assert not logged(entry, "wagtail_kipp.entry.late_exception").exists()


def test_a_decision_the_status_does_not_allow_is_refused_with_a_message(admin_client, make_entry):
    draft = make_entry()
    for method in (admin_client.get, admin_client.post):
        response = method(url("pass_check", draft.pk), {"reason": "x"})
        assert response.status_code == 302 and response.url == url("inspect", draft.pk)
        assert any("cannot be done" in m for m in messages_of(response))
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT
    assert admin_client.post(url("approve", draft.pk)).status_code == 302


def test_a_refusal_of_the_service_layer_becomes_a_message(admin_client, submitted, monkeypatch):
    entry = submitted()

    def refuse(*args, **kwargs):
        raise services.NotAllowed("Sudah diperiksa oleh rekan Anda.")

    monkeypatch.setattr(services, "record_check", refuse)
    response = admin_client.post(url("pass_check", entry.pk), {"reason": ""})
    assert response.status_code == 302 and response.url == url("inspect", entry.pk)
    assert any("Sudah diperiksa oleh rekan Anda." in m for m in messages_of(response))


def test_actions_need_a_csrf_token(secretariat, submitted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    entry = submitted()
    assert client.post(url("pass_check", entry.pk), {"reason": ""}).status_code == 403
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED


# Bulk ----------------------------------------------------------------------------------------------


def test_bulk_pass_passes_what_it_may_and_reports_the_rest(admin_client, submitted, make_entry):
    first, second = submitted(title="Satu"), submitted(title="Dua")
    draft = make_entry(title="Masih Draf")
    query = f"?id={first.pk}&id={second.pk}&id={draft.pk}&next={url('index')}"
    confirm = admin_client.get(bulk_url(query))
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Satu" in html and "Masih Draf" in html and "skipped" in html
    response = admin_client.post(bulk_url(query), {"reason": "Lengkap."})
    assert response.status_code == 302 and response.url == url("index")
    statuses = dict(Entry.objects.values_list("title", "status"))
    assert statuses == {"Satu": "eligible", "Dua": "eligible", "Masih Draf": "draft"}
    assert logged(first, "wagtail_kipp.entry.pass_check").exists()
    assert logged(second, "wagtail_kipp.entry.pass_check").exists()
    messages = messages_of(response)
    assert any("2 entries passed" in m for m in messages)
    assert any("skipped" in m and "Masih Draf" in m for m in messages)


def test_bulk_pass_of_all_in_the_listing_follows_its_filters(admin_client, submitted, make_entry):
    submitted(title="Satu")
    make_entry(title="Masih Draf")
    response = admin_client.post(bulk_url("?id=all&status=draft"), {"reason": ""})
    assert response.status_code == 302
    assert set(Entry.objects.values_list("status", flat=True)) == {"submitted", "draft"}
    response = admin_client.post(bulk_url("?id=all&status=submitted"), {"reason": ""})
    assert set(Entry.objects.values_list("status", flat=True)) == {"eligible", "draft"}


# Permissions ---------------------------------------------------------------------------------------


def test_an_editor_is_refused_everywhere(client, editor, submitted, attached):
    entry = submitted()
    attached(entry)
    client.force_login(editor)
    gets = [
        url("index"),
        url("index") + "?export=csv",
        url("inspect", entry.pk),
        url("inspect", 999999),
        url("pass_check", entry.pk),
        url("fail_check", entry.pk),
        url("approve", entry.pk),
        url("return", entry.pk),
        url("late_exception", entry.pk),
        url("download", entry.pk, "sk_inovator"),
        bulk_url(f"?id={entry.pk}"),
    ]
    for address in gets:
        response = client.get(address)
        assert response.status_code in (302, 403), address
        assert b"%PDF" not in content_of(response)
    # A missing entry answers like an existing one: nothing to learn from the numbers.
    assert client.get(url("inspect", 999999)).status_code == client.get(url("inspect", entry.pk)).status_code
    for address in (url("pass_check", entry.pk), bulk_url(f"?id={entry.pk}")):
        assert client.post(address, {"reason": "x"}).status_code in (302, 403)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.SUBMITTED
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert url("index") not in menu


def test_anonymous_visitors_are_sent_to_the_login(client, submitted, attached):
    entry = submitted()
    attached(entry)
    for address in (url("index"), url("inspect", entry.pk), url("download", entry.pk, "sk_inovator")):
        response = client.get(address)
        assert response.status_code == 302 and reverse("wagtailadmin_login") in response.url


def test_the_secretariat_sees_the_menu(admin_client):
    assert url("index") in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_secretariat_opens_a_proposal_in_an_invitation_only_group(
    admin_client, competition, make_organisation, make_operator, editor, client
):
    from wagtail_kipp.models import EntryGroup

    group = competition.entry_groups.first()
    EntryGroup.objects.filter(pk=group.pk).update(invitation_only=True)
    organisation = make_organisation("Dinas Pemenang")
    assert url("open") in admin_client.get(url("index")).content.decode()
    response = admin_client.post(
        url("open"),
        {
            "competition": competition.pk,
            "group": group.pk,
            "organisation": organisation.pk,
            "title": "Inovasi Khusus",
        },
    )
    entry = Entry.objects.get(title="Inovasi Khusus")
    assert response["Location"] == url("inspect", entry.pk)
    assert entry.organisation == organisation and entry.status == "draft"
    assert logged(entry, "wagtail_kipp.entry.create")
    # Missing fields are refused with the form again, not an error page.
    refused = admin_client.post(url("open"), {"competition": competition.pk, "group": "", "title": ""})
    assert refused.status_code == 200 and Entry.objects.count() == 1
    # Its operators write it in the portal, though they could not have opened it themselves.
    client.force_login(make_operator(organisation))
    assert client.get(entry.get_absolute_url()).status_code == 200
    client.force_login(editor)
    assert client.get(url("open")).status_code in (302, 403)
