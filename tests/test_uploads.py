"""Attachment uploads: checked by content, size-limited, hashed, private, retry-safe; insiders download."""

import datetime
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from wagtail_kipp.entrant_portal import uploads
from wagtail_kipp.judging import services
from wagtail_kipp.models import AttachmentSlot

User = get_user_model()
JSON = {"HTTP_ACCEPT": "application/json"}
SLOT = "sk_inovator"  # the conftest template's required PDF slot, at most 1 MB

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\0" * 64 + b"\xff\xd9"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def office_bytes(folder="word/", extra=(), members=None):
    """A minimal Office Open XML container: content types, one part in ``folder``, and ``extra`` members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if members is None:
            archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            archive.writestr(f"{folder}document.xml", "<document>" + "isi " * 50 + "</document>")
        else:
            for name, data in members:
                archive.writestr(name, data)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def upload_url(entry, slot=SLOT):
    return reverse("wagtail_kipp_portal:attachment_upload", args=[entry.uuid, slot])


def download_url(entry, slot=SLOT):
    return reverse("wagtail_kipp_portal:attachment_download", args=[entry.uuid, slot])


def delete_url(entry, slot=SLOT):
    return reverse("wagtail_kipp_portal:attachment_delete", args=[entry.uuid, slot])


def a_file(content, name="sk.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files():
    root = Path(settings.WAGTAIL_KIPP_PRIVATE_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


def in_portal_language(message):
    """``message`` as the portal shows it (unprefixed URLs are in the default language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(message)


def upload_logs(entry, action="wagtail_kipp.entry.attachment_upload"):
    return ModelLogEntry.objects.filter(action=action, object_id=str(entry.pk))


@pytest.fixture
def entry(make_entry):
    return make_entry()


@pytest.fixture
def operator(entry, make_operator):
    return make_operator(entry.organisation)


@pytest.fixture
def op_client(client, operator):
    client.force_login(operator)
    return client


@pytest.fixture
def any_type_slot(proposal_template):
    """An optional slot of the same form that takes every file type, at most 1 MB."""
    return AttachmentSlot.objects.create(
        template=proposal_template,
        sort_order=1,
        key="lampiran",
        label="Lampiran",
        required=False,
        allowed_types=["pdf", "jpg", "png", "docx", "xlsx", "pptx"],
        max_size_mb=1,
    )


# Accepting a real file ----------------------------------------------------------------------------------


def test_a_real_pdf_is_stored_privately_with_its_sha256(op_client, entry, pdf_bytes):
    before = stored_files()
    response = op_client.post(upload_url(entry), {"file": a_file(pdf_bytes, "SK Inovator 2026.pdf")})
    assert response.status_code == 302
    assert response["Location"] == entry.get_absolute_url() + "#attachments"
    attachment = entry.attachments.get()
    assert attachment.sha256 == hashlib.sha256(pdf_bytes).hexdigest()
    assert attachment.size == len(pdf_bytes)
    assert attachment.file_type == "pdf"
    assert attachment.original_name == "SK Inovator 2026.pdf"
    # Stored under a random name with the checked extension, outside MEDIA_ROOT, in the private root.
    assert "Inovator" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    path = Path(attachment.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.WAGTAIL_KIPP_PRIVATE_ROOT).resolve())
    assert stored_files() - before == {path}
    assert path.read_bytes() == pdf_bytes
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018
    assert op_client.get(settings.MEDIA_URL + attachment.file.name).status_code == 404
    log = upload_logs(entry).get()
    assert log.data["sha256"] == attachment.sha256 and log.data["slot"] == SLOT


def test_office_documents_and_images_are_accepted_in_a_slot_that_allows_them(op_client, entry, any_type_slot):
    for content, name, file_type in [
        (office_bytes("word/"), "proposal.docx", "docx"),
        (office_bytes("xl/"), "anggaran.xlsx", "xlsx"),
        (office_bytes("ppt/"), "paparan.pptx", "pptx"),
        (JPEG, "foto.jpeg", "jpg"),
        (PNG, "bagan.png", "png"),
    ]:
        response = op_client.post(upload_url(entry, "lampiran"), {"file": a_file(content, name)}, **JSON)
        assert response.status_code == 200, (name, response.json())
        attachment = entry.attachments.get(slot="lampiran")
        assert (attachment.file_type, attachment.original_name) == (file_type, name)
        assert attachment.file.name.endswith("." + file_type)


def test_the_json_answer_describes_the_stored_file(op_client, entry, pdf_bytes):
    response = op_client.post(upload_url(entry), {"file": a_file(pdf_bytes)}, **JSON)
    assert response.status_code == 200
    data = response.json()
    assert data["ok"] is True and data["created"] is True
    assert data["attachment"]["slot"] == SLOT
    assert data["attachment"]["name"] == "sk.pdf"
    assert data["attachment"]["size"] == len(pdf_bytes)
    assert data["attachment"]["sha256"] == hashlib.sha256(pdf_bytes).hexdigest()
    assert data["attachment"]["download_url"] == download_url(entry)
    assert data["messages"]


def test_a_file_name_is_cleaned_for_display_and_gets_the_right_extension(entry, operator, pdf_bytes):
    attachment, _created = uploads.store_attachment(
        entry, operator, SLOT, a_file(pdf_bytes, "..\\..\\C:\\laporan\u202e\x00akhir.pdf")
    )
    assert attachment.original_name == "laporanakhir.pdf"
    assert uploads.sanitise_name('a<b>:"c|?*.pdf') == "abc.pdf"
    assert uploads.sanitise_name("x" * 300 + ".pdf").endswith("x.pdf")
    assert len(uploads.sanitise_name("x" * 300 + ".pdf")) == 255
    # A name without an extension (some phones send these) takes the extension of the checked content.
    checked = uploads.check_upload(a_file(pdf_bytes, "scan"), uploads.get_slot(entry, SLOT))
    assert checked.original_name == "scan.pdf"


# Refusing what is not what it claims ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [PNG, JPEG, HTML, office_bytes("word/"), b"just some text, not a PDF at all", b"\x00" * 500],
    ids=["png", "jpeg", "html", "zip", "text", "zeros"],
)
def test_a_pdf_name_on_other_content_is_refused(op_client, entry, content):
    before = stored_files()
    response = op_client.post(upload_url(entry), {"file": a_file(content, "sk.pdf")}, **JSON)
    assert response.status_code == 400
    data = response.json()
    assert data["ok"] is False and data["errors"]
    assert not entry.attachments.exists()
    assert stored_files() == before
    assert not upload_logs(entry).exists()


@pytest.mark.parametrize(
    "polyglot",
    [
        "zip_appended",
        "script_in_head",
        "html_in_head",
        "zip_with_pdf_header",
    ],
)
def test_a_pdf_polyglot_is_refused(op_client, entry, pdf_bytes, polyglot):
    content = {
        "zip_appended": pdf_bytes + office_bytes("word/"),
        "script_in_head": pdf_bytes[:9] + b"%<script>alert(1)</script>\n" + pdf_bytes[9:],
        "html_in_head": b"%PDF-1.4\n<html><body>hello</body></html>\n" + pdf_bytes[9:],
        "zip_with_pdf_header": b"%PDF-1.4\n" + office_bytes("word/") + b"\n%%EOF\n",
    }[polyglot]
    response = op_client.post(upload_url(entry), {"file": a_file(content, "sk.pdf")}, **JSON)
    assert response.status_code == 400, response.json()
    assert not entry.attachments.exists()


HIDDEN = {
    "png_with_zip": (PNG + office_bytes("word/"), "a.png"),
    "jpeg_with_script": (JPEG[:20] + b"<script>x</script>" + JPEG[20:], "a.jpg"),
    "word_and_excel_at_once": (office_bytes("word/", extra=[("xl/workbook.xml", "<w/>")]), "a.docx"),
    "macros": (office_bytes("word/", extra=[("word/vbaProject.bin", b"\0" * 10)]), "a.docx"),
    "plain_zip": (office_bytes(members=[("notes.txt", "hello")]), "a.docx"),
    "data_before_the_zip": (b"GIF89a" + office_bytes("word/"), "a.docx"),
    "truncated_zip": (office_bytes("word/")[:-30], "a.docx"),
}


@pytest.mark.parametrize("case", HIDDEN)
def test_images_and_office_files_with_something_hidden_in_them_are_refused(entry, any_type_slot, case):
    content, file_name = HIDDEN[case]
    with pytest.raises(uploads.UploadRefused):
        uploads.check_upload(a_file(content, file_name), uploads.get_slot(entry, "lampiran"))


@translation.override("en")
def test_zip_bombs_are_refused_by_their_directory_without_unpacking(entry, any_type_slot, monkeypatch):
    slot = uploads.get_slot(entry, "lampiran")
    monkeypatch.setattr(uploads, "ZIP_MAX_UNCOMPRESSED", 10_000)
    big = office_bytes("word/", extra=[("word/media/big.bin", b"\0" * 50_000)])
    assert len(big) < 10_000  # small on the wire, large once unpacked
    with pytest.raises(uploads.UploadRefused, match="unusually large"):
        uploads.check_upload(a_file(big, "a.docx"), slot)
    monkeypatch.setattr(uploads, "ZIP_MAX_UNCOMPRESSED", 300 * 1024 * 1024)
    monkeypatch.setattr(uploads, "ZIP_MAX_MEMBERS", 5)
    many = office_bytes("word/", extra=[(f"word/part{i}.xml", "<p/>") for i in range(10)])
    with pytest.raises(uploads.UploadRefused, match="too many parts"):
        uploads.check_upload(a_file(many, "a.docx"), slot)


def test_the_name_must_match_the_content(op_client, entry, any_type_slot, pdf_bytes):
    response = op_client.post(upload_url(entry, "lampiran"), {"file": a_file(pdf_bytes, "foto.png")}, **JSON)
    assert response.status_code == 400
    assert ".png" in response.json()["errors"][0] and ".pdf" in response.json()["errors"][0]
    response = op_client.post(upload_url(entry, "lampiran"), {"file": a_file(PNG, "bagan.jpg")}, **JSON)
    assert response.status_code == 400
    assert not entry.attachments.exists()


def test_a_type_the_slot_does_not_accept_is_refused_with_what_it_accepts(op_client, entry):
    response = op_client.post(upload_url(entry), {"file": a_file(PNG, "sk.png")}, **JSON)
    assert response.status_code == 400
    assert "PDF" in response.json()["errors"][0]


def test_an_oversized_file_is_refused_before_anything_is_stored(op_client, entry):
    before = stored_files()
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    response = op_client.post(upload_url(entry), {"file": a_file(content)}, **JSON)
    assert response.status_code == 400
    assert "MB" in response.json()["errors"][0]
    assert not entry.attachments.exists()
    assert stored_files() == before
    # A plain form post gets the same message, back on the form.
    response = op_client.post(upload_url(entry), {"file": a_file(content)}, follow=True)
    assert "kipp-message--error" in response.content.decode()
    assert stored_files() == before


def test_the_size_is_also_checked_while_reading(entry, operator):
    """A declared size cannot be trusted: the bytes are counted as they are read."""
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    lying = a_file(content)
    lying.size = 100
    before = stored_files()
    with pytest.raises(uploads.UploadRefused):
        uploads.store_attachment(entry, operator, SLOT, lying)
    assert stored_files() == before


def test_an_empty_file_or_no_file_is_refused(op_client, entry):
    response = op_client.post(upload_url(entry), {"file": a_file(b"")}, **JSON)
    assert response.status_code == 400 and response.json()["errors"]
    response = op_client.post(upload_url(entry), {}, **JSON)
    assert response.status_code == 400 and response.json()["errors"] == [
        in_portal_language("Choose a file to upload.")
    ]
    response = op_client.post(upload_url(entry), {"document": a_file(b"%PDF-")}, **JSON)
    assert response.status_code == 400
    assert not entry.attachments.exists()


def test_a_broken_or_truncated_request_is_a_clear_400(op_client, entry):
    truncated = (
        b'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="sk.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\n1 0 obj<</Type/Catalog"
    )
    for content_type in ("multipart/form-data; boundary=XyZ", "multipart/form-data"):
        response = op_client.generic("POST", upload_url(entry), truncated, content_type=content_type, **JSON)
        assert response.status_code == 400, content_type
        assert response.json()["errors"] == [
            in_portal_language("The upload was interrupted before the whole file arrived. Try again.")
        ]
    response = op_client.generic("POST", upload_url(entry), truncated, content_type="multipart/form-data")
    assert response.status_code in (302, 400)
    assert not entry.attachments.exists()


def test_an_unknown_slot_is_not_found(op_client, entry, pdf_bytes):
    assert op_client.post(upload_url(entry, "rahasia"), {"file": a_file(pdf_bytes)}).status_code == 404
    response = op_client.post(upload_url(entry, "rahasia"), {"file": a_file(pdf_bytes)}, **JSON)
    assert response.status_code == 404 and response.json()["ok"] is False
    assert op_client.get(download_url(entry, "rahasia")).status_code == 404
    assert op_client.post(delete_url(entry, "rahasia")).status_code == 404
    assert not entry.attachments.exists()


def test_post_only_urls_answer_get_with_405(op_client, entry):
    assert op_client.get(upload_url(entry)).status_code == 405
    assert op_client.get(delete_url(entry)).status_code == 405
    assert op_client.post(download_url(entry)).status_code == 405


# Retry-safety and replacement ----------------------------------------------------------------------------


def test_the_same_file_sent_twice_is_one_upload(op_client, entry, pdf_bytes):
    """The contract: same content (SHA-256) for the same slot again = no change, no new file, no log entry."""
    first = op_client.post(upload_url(entry), {"file": a_file(pdf_bytes, "sk.pdf")}, **JSON).json()
    before = stored_files()
    second = op_client.post(upload_url(entry), {"file": a_file(pdf_bytes, "sk (1).pdf")}, **JSON).json()
    assert first["created"] is True and second["created"] is False
    assert second["ok"] is True and second["attachment"] == first["attachment"]
    assert entry.attachments.count() == 1
    assert entry.attachments.get().original_name == "sk.pdf"
    assert upload_logs(entry).count() == 1
    assert stored_files() == before


def test_a_new_file_replaces_the_old_one_and_its_stored_file(
    op_client, entry, pdf_bytes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        op_client.post(upload_url(entry), {"file": a_file(pdf_bytes, "lama.pdf")})
    old_path = Path(entry.attachments.get().file.path)
    newer = pdf_bytes.replace(b"200 200", b"300 300")
    with django_capture_on_commit_callbacks(execute=True):
        op_client.post(upload_url(entry), {"file": a_file(newer, "baru.pdf")})
    attachment = entry.attachments.get()
    assert attachment.original_name == "baru.pdf"
    assert attachment.sha256 == hashlib.sha256(newer).hexdigest()
    assert not old_path.exists()
    assert Path(attachment.file.path).read_bytes() == newer
    logs = upload_logs(entry).order_by("timestamp", "pk")
    assert logs.count() == 2
    assert logs.last().data["replaced"] == {
        "name": "lama.pdf",
        "sha256": hashlib.sha256(pdf_bytes).hexdigest(),
    }


def test_removing_a_file_deletes_it_and_is_harmless_twice(
    op_client, entry, pdf_bytes, django_capture_on_commit_callbacks
):
    op_client.post(upload_url(entry), {"file": a_file(pdf_bytes)})
    path = Path(entry.attachments.get().file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = op_client.post(delete_url(entry))
    assert response.status_code == 302
    assert not entry.attachments.exists() and not path.exists()
    assert upload_logs(entry, "wagtail_kipp.entry.attachment_delete").count() == 1
    response = op_client.post(delete_url(entry), **JSON)
    assert response.status_code == 200 and response.json()["removed"] is False
    assert upload_logs(entry, "wagtail_kipp.entry.attachment_delete").count() == 1


# Who may download -----------------------------------------------------------------------------------------


@pytest.fixture
def stored(entry, operator, pdf_bytes):
    attachment, _created = uploads.store_attachment(
        entry, operator, SLOT, a_file(pdf_bytes, "SK Tim Inovasi.pdf")
    )
    return attachment


def test_members_and_the_secretariat_download_with_safe_headers(
    client, entry, operator, stored, make_operator, make_secretariat, pdf_bytes
):
    colleague = make_operator(entry.organisation)
    for user in (operator, colleague, make_secretariat()):
        client.force_login(user)
        response = client.get(download_url(entry))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "SK Tim Inovasi.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_everybody_else_gets_404_and_anonymous_the_login(
    client, entry, stored, make_organisation, make_operator, pdf_bytes
):
    juror_group = Group.objects.get_or_create(name="Juri (uji)")[0]
    juror_group.permissions.add(Permission.objects.get(codename="access_admin"))
    juror = User.objects.create_user("juri-uji", "j@example.com", "pw")
    juror.groups.add(juror_group)
    outsiders = [
        make_operator(make_organisation()),
        User.objects.create_user("biasa", "b@example.com", "pw"),
        juror,
    ]
    for user in outsiders:
        client.force_login(user)
        assert client.get(download_url(entry)).status_code == 404
        assert client.post(upload_url(entry), {"file": a_file(pdf_bytes, "lain.pdf")}).status_code == 404
        assert client.post(delete_url(entry)).status_code == 404
        # The JSON answer is the same as for an entry that does not exist: nothing to probe.
        forbidden = client.post(upload_url(entry), {"file": a_file(pdf_bytes)}, **JSON)
        entry_uuid = str(entry.uuid)
        missing_url = upload_url(entry).replace(entry_uuid, "00000000-0000-4000-8000-000000000000")
        missing = client.post(missing_url, {"file": a_file(pdf_bytes)}, **JSON)
        assert forbidden.status_code == missing.status_code == 404
        assert forbidden.json() == missing.json()
    assert entry.attachments.get().original_name == "SK Tim Inovasi.pdf"
    client.logout()
    for response in (
        client.get(download_url(entry)),
        client.post(upload_url(entry), {"file": a_file(pdf_bytes)}),
    ):
        assert response.status_code == 302
        assert reverse("wagtail_kipp_portal:login") in response["Location"]
    assert client.post(upload_url(entry), {"file": a_file(pdf_bytes)}, **JSON).status_code == 401


def test_the_secretariat_cannot_change_files_in_the_portal(
    client, entry, stored, make_secretariat, pdf_bytes
):
    client.force_login(make_secretariat())
    assert client.post(upload_url(entry), {"file": a_file(pdf_bytes, "x.pdf")}).status_code == 404
    assert client.post(delete_url(entry)).status_code == 404
    assert entry.attachments.count() == 1


# When files can no longer change ---------------------------------------------------------------------


def test_no_upload_once_the_proposal_is_submitted(op_client, entry, stored, pdf_bytes):
    type(entry).objects.filter(pk=entry.pk).update(status="submitted")
    newer = pdf_bytes.replace(b"200 200", b"300 300")
    response = op_client.post(upload_url(entry), {"file": a_file(newer)}, **JSON)
    assert response.status_code == 403
    assert response.json()["errors"] == [
        in_portal_language("This proposal is no longer a draft, so its files cannot be changed.")
    ]
    response = op_client.post(upload_url(entry), {"file": a_file(newer)})
    assert response.status_code == 302
    assert op_client.post(delete_url(entry), **JSON).status_code == 403
    assert entry.attachments.get().sha256 == stored.sha256


def test_no_upload_after_the_deadline_unless_an_exception_is_granted(
    client, make_competition, make_entry, make_operator, make_secretariat, pdf_bytes
):
    now = timezone.now()
    closed = make_competition(
        opens=now - datetime.timedelta(days=10), closes=now - datetime.timedelta(minutes=1)
    )
    late = make_entry(competition_page=closed)
    client.force_login(make_operator(late.organisation))
    response = client.post(upload_url(late), {"file": a_file(pdf_bytes)}, **JSON)
    assert response.status_code == 403
    assert response.json()["errors"]
    assert not late.attachments.exists()
    services.grant_late_exception(
        late, make_secretariat(), until=now + datetime.timedelta(hours=2), reason="Server mati"
    )
    response = client.post(upload_url(late), {"file": a_file(pdf_bytes)}, **JSON)
    assert response.status_code == 200
    assert late.attachments.count() == 1


def test_csrf_is_enforced_on_uploads_and_removals(entry, operator, stored, pdf_bytes):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(operator)
    newer = pdf_bytes.replace(b"200 200", b"300 300")
    assert csrf_client.post(upload_url(entry), {"file": a_file(newer)}).status_code == 403
    assert csrf_client.post(delete_url(entry)).status_code == 403
    assert entry.attachments.get().sha256 == stored.sha256
    # With the token of the form, the same upload goes through.
    csrf_client.get(entry.get_absolute_url())
    token = csrf_client.cookies[settings.CSRF_COOKIE_NAME].value
    response = csrf_client.post(upload_url(entry), {"file": a_file(newer), "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert entry.attachments.get().sha256 == hashlib.sha256(newer).hexdigest()


# The slots on the page -----------------------------------------------------------------------------------


def test_the_slots_render_plain_forms_with_their_rules(entry, operator, stored, any_type_slot):
    request = RequestFactory().get("/")
    request.user = operator
    html = render_to_string(
        "wagtail_kipp/portal/includes/attachments.html",
        {
            "entry": entry,
            "slots": entry.get_template_spec()["attachment_slots"],
            "attachments": {a.slot: a for a in entry.attachments.all()},
            "can_edit": True,
        },
        request=request,
    )
    assert html.count('enctype="multipart/form-data"') == 2
    assert html.count('name="csrfmiddlewaretoken"') == 4
    assert 'accept=".pdf,application/pdf"' in html
    assert ".jpg,.jpeg,image/jpeg" in html
    assert "MB" in html and "SK Inovator" in html and "Lampiran" in html
    assert download_url(entry) in html and "SK Tim Inovasi.pdf" in html
    assert 'aria-live="polite"' in html
    read_only = render_to_string(
        "wagtail_kipp/portal/includes/attachments.html",
        {
            "entry": entry,
            "slots": entry.get_template_spec()["attachment_slots"],
            "attachments": {},
            "can_edit": False,
        },
        request=request,
    )
    assert "<form" not in read_only


def test_the_edit_page_shows_the_slot_and_the_upload_form(op_client, entry):
    html = op_client.get(entry.get_absolute_url()).content.decode()
    assert upload_url(entry) in html and "data-kipp-upload" in html
    assert "wagtail_kipp/js/uploads.js" in html


def test_a_file_name_is_escaped_on_the_page(op_client, entry, operator, pdf_bytes):
    uploads.store_attachment(entry, operator, SLOT, a_file(pdf_bytes, "Laporan 'A' & B.pdf"))
    html = op_client.get(entry.get_absolute_url()).content.decode()
    assert "Laporan &#x27;A&#x27; &amp; B.pdf" in html
    assert "Laporan 'A' & B.pdf" not in html


def test_with_csrf_checks_an_oversized_file_is_still_skipped_while_it_arrives(entry, operator, monkeypatch):
    """The CSRF check runs inside the upload view, after the size-limit handler is in place."""
    skipped = []
    receive = uploads.SlotSizeLimitHandler.receive_data_chunk

    def spy(handler, raw_data, start):
        try:
            return receive(handler, raw_data, start)
        except Exception as error:
            skipped.append(type(error).__name__)
            raise

    monkeypatch.setattr(uploads.SlotSizeLimitHandler, "receive_data_chunk", spy)
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(operator)
    csrf_client.get(entry.get_absolute_url())
    token = csrf_client.cookies[settings.CSRF_COOKIE_NAME].value
    before = stored_files()
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024) + b"\n%%EOF\n"
    response = csrf_client.post(
        upload_url(entry), {"csrfmiddlewaretoken": token, "file": a_file(content)}, **JSON
    )
    assert response.status_code == 400 and "MB" in response.json()["errors"][0]
    assert skipped == ["SkipFile"]
    assert stored_files() == before and not entry.attachments.exists()
