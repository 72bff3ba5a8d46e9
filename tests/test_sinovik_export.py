"""The SINOVIK-ready export of one entry: national forms, JSON document and schema, PDF, downloads."""

import copy
import hashlib
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import Site

from wagtail_kipp.exchange import national_forms, sinovik, sinovik_pdf
from wagtail_kipp.exchange.downloads import export_filename
from wagtail_kipp.models import (
    AttachmentSlot,
    EntryAttachment,
    EntryStatus,
    GroupKind,
    KippSettings,
    ProposalTemplate,
    StageResult,
    TemplateSection,
)
from wagtail_kipp.proposal_presets import SECTIONS_2021, SECTIONS_2023_KHUSUS, SECTIONS_2023_UMUM

User = get_user_model()

#: The 2023 general form's keys, in its order.
NATIONAL_2023 = [section["key"] for section in SECTIONS_2023_UMUM]
JPEG = b"\xff\xd8\xff uji"
INDONESIAN = "Warga menyebut layanan ini “Pelayanan Prima” – café desa buka 24 jam, ‘cepat’ & <gratis>."


@pytest.fixture
def proposal_template(db):
    """
    A local form that departs from the national one: its own order and limits, a section and a file slot the
    national form lacks, and most national sections left out.
    """
    template = ProposalTemplate.objects.create(name="Formulir KIPP Kota")
    for position, (key, heading, limit, required) in enumerate(
        [
            ("keberlanjutan", "Keberlanjutan Inovasi", 600, True),
            ("ringkasan", "Ringkasan", 20, True),
            ("kebaruan", "Kebaruan", None, True),
            ("catatan_lokal", "Catatan untuk Juri Kota", 100, False),
        ]
    ):
        TemplateSection.objects.create(
            template=template,
            sort_order=position,
            key=key,
            heading=heading,
            word_limit=limit,
            required=required,
        )
    for position, (key, label, types) in enumerate(
        [("sk_inovator", "SK Inovator", ["pdf"]), ("foto_kegiatan", "Foto Kegiatan", ["jpg"])]
    ):
        AttachmentSlot.objects.create(
            template=template,
            sort_order=position,
            key=key,
            label=label,
            required=key == "sk_inovator",
            allowed_types=types,
            max_size_mb=2,
        )
    return template


def words(count, word="kata"):
    return " ".join([word] * count)


def attach(entry, slot, *, name="sk.pdf", file_type="pdf", size=None, content=b"%PDF-1.4 uji"):
    attachment = EntryAttachment(
        entry=entry,
        slot=slot,
        original_name=name,
        file_type=file_type,
        size=len(content) if size is None else size,
        sha256=hashlib.sha256(content).hexdigest(),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def submitted_entry(make_entry, make_theme):
    """A submitted entry with a reference, a theme, two SDGs, answers of every kind and two files."""
    entry = make_entry(
        title="Antar Dokumen Kependudukan",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        innovator_phone="0812-3456-7890",
        answers={
            "ringkasan": words(205),
            "kebaruan": INDONESIAN + "\n\nParagraf kedua.\nBaris ketiga.",
            "keberlanjutan": "Diatur dalam Peraturan Wali Kota.",
            "catatan_lokal": "Catatan tambahan untuk juri kota.",
            "kunci_lama": "Jawaban dari templat lama.",
            "kosong": "",
        },
    )
    entry.themes.add(make_theme("Kesehatan", "Health"))
    entry.sdgs.add(*entry.sdgs.model.objects.filter(number=16))
    entry.status = EntryStatus.SUBMITTED
    entry.reference_number = 7
    entry.reference = "KIPP-2026-0007"
    entry.submitted_at = timezone.now()
    entry.template_snapshot = entry.group.template.snapshot()
    entry.save()
    attach(entry, "sk_inovator", name="SK Tim Inovasi.pdf")
    attach(entry, "foto_kegiatan", name="foto.jpg", file_type="jpg", content=JPEG)
    return entry


def document_of(entry, **kwargs):
    with translation.override("en"):
        return sinovik.entry_document(sinovik.entry_queryset().get(pk=entry.pk), **kwargs)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def codes(document, target=None):
    return [w["code"] for w in document["warnings"] if target is None or w["target"] == target]


# National forms ------------------------------------------------------------------------------------


def test_each_group_kind_gets_its_2023_form_and_2021_is_one_form():
    assert national_forms.form_for(GroupKind.GENERAL).section_keys() == NATIONAL_2023
    replication = national_forms.form_for(GroupKind.REPLICATION).section_keys()
    assert replication[:4] == ["ringkasan", "inspirasi", "proses_replikasi", "perbedaan"]
    assert replication[4:] == NATIONAL_2023[1:]
    special = national_forms.form_for(GroupKind.SPECIAL)
    assert special.section_keys() == [section["key"] for section in SECTIONS_2023_KHUSUS]
    assert special.sections[0]["word_limit"] is None and special.sections[1]["word_limit"] == 200
    assert national_forms.form_for(GroupKind.OTHER).key == "kipp2023_umum"
    for kind in GroupKind.values:
        form = national_forms.form_for(kind, "2021")
        assert form.key == "kipp2021" and form.edition == "2021"
        assert form.section_keys() == [section["key"] for section in SECTIONS_2021]
    assert national_forms.form_for(GroupKind.GENERAL, "kipp2023_khusus").key == "kipp2023_khusus"
    assert national_forms.form_for(GroupKind.GENERAL).slot_keys() == [
        "pernyataan_implementasi",
        "sk_inovator",
        "pernyataan_replikasi",
        "dokumen_pendukung",
    ]
    assert national_forms.form_for(GroupKind.GENERAL).attachment_slots[0]["max_size_bytes"] == 1024 * 1024
    for wrong in ("2019", "umum", "../2023"):
        with pytest.raises(national_forms.UnknownForm):
            national_forms.form_for(GroupKind.GENERAL, wrong)
    kinds = {kind for kinds in national_forms.EDITION_PRESETS.values() for kind in kinds} - {""}
    assert kinds <= set(GroupKind.values)


# The document ----------------------------------------------------------------------------------------------


def test_sections_follow_the_national_form_not_the_local_template(submitted_entry):
    document = document_of(submitted_entry)
    assert [section["key"] for section in document["sections"]] == NATIONAL_2023
    by_key = {section["key"]: section for section in document["sections"]}
    assert by_key["keberlanjutan"]["heading"] == "Strategi Keberlanjutan"
    assert by_key["keberlanjutan"]["local_heading"] == "Keberlanjutan Inovasi"
    assert by_key["keberlanjutan"]["local_word_limit"] == 600 and by_key["keberlanjutan"]["word_limit"] == 500
    assert (
        by_key["implementasi"]["local_heading"] is None and by_key["implementasi"]["local_word_limit"] is None
    )
    assert by_key["kebaruan"]["text"] == INDONESIAN + "\n\nParagraf kedua.\nBaris ketiga."
    assert document["national_form"] == {
        "key": "kipp2023_umum",
        "edition": "2023",
        "name": "KIPP Nasional 2023: Kelompok Umum",
    }
    assert document["local_form"] == {"name": "Formulir KIPP Kota"}


def test_word_counts_and_statuses_use_the_national_limits(submitted_entry):
    document = document_of(submitted_entry)
    by_key = {section["key"]: section for section in document["sections"]}
    summary = by_key["ringkasan"]
    # Over the local limit of 20 too, but the national limit is what SINOVIK enforces.
    assert (summary["words"], summary["word_limit"], summary["local_word_limit"]) == (205, 200, 20)
    assert summary["status"] == "over_limit"
    assert by_key["keberlanjutan"]["status"] == "ok" and by_key["keberlanjutan"]["words"] == 5
    assert by_key["latar_belakang"]["status"] == "missing" and by_key["latar_belakang"]["words"] == 0
    assert codes(document, "ringkasan") == ["section_over_limit"]
    assert codes(document, "latar_belakang") == ["section_missing"]
    assert codes(document, "keberlanjutan") == []
    message = next(w["message"] for w in document["warnings"] if w["target"] == "ringkasan")
    assert message == "“Ringkasan” has 205 words; the national limit is 200 words."


def test_answers_outside_the_national_form_are_kept_as_extras(submitted_entry):
    document = document_of(submitted_entry)
    assert [(extra["key"], extra["heading"]) for extra in document["extra_sections"]] == [
        ("catatan_lokal", "Catatan untuk Juri Kota"),
        ("kunci_lama", "kunci_lama"),
    ]
    assert document["extra_sections"][0]["words"] == 5
    assert document["extra_sections"][0]["local_word_limit"] == 100
    assert codes(document, "catatan_lokal") == ["extra_section"] and codes(document, "kunci_lama") == [
        "extra_section"
    ]
    assert "kosong" not in json.dumps(document)


def test_the_attachment_checklist_follows_the_national_slots(submitted_entry):
    document = document_of(submitted_entry)
    checklist = {slot["key"]: slot for slot in document["attachments"]}
    assert list(checklist) == national_forms.form_for("umum").slot_keys()
    decree = checklist["sk_inovator"]
    assert decree["status"] == "present"
    assert decree["file"] == {
        "name": "SK Tim Inovasi.pdf",
        "type": "pdf",
        "size": len(b"%PDF-1.4 uji"),
        "sha256": submitted_entry.attachments.get(slot="sk_inovator").sha256,
    }
    assert decree["file"]["sha256"] == hashlib.sha256(b"%PDF-1.4 uji").hexdigest()
    assert checklist["pernyataan_implementasi"] == {
        **checklist["pernyataan_implementasi"],
        "status": "missing",
        "file": None,
        "required": True,
    }
    assert codes(document, "pernyataan_implementasi") == ["attachment_missing"]
    assert codes(document, "dokumen_pendukung") == []  # optional: missing without a warning
    assert codes(document, "sk_inovator") == []
    assert document["extra_attachments"] == [
        {
            "key": "foto_kegiatan",
            "label": "Foto Kegiatan",
            "file": {
                "name": "foto.jpg",
                "type": "jpg",
                "size": 7,
                "sha256": hashlib.sha256(JPEG).hexdigest(),
            },
        }
    ]
    assert codes(document, "foto_kegiatan") == ["extra_attachment"]


def test_a_file_over_the_national_size_or_of_another_type_is_flagged(make_entry):
    entry = make_entry()
    attach(entry, "sk_inovator", size=int(1.5 * 1024 * 1024))  # the local slot allows 2 MB, SINOVIK 1 MB
    attach(entry, "pernyataan_implementasi", name="surat.jpg", file_type="jpg")
    document = document_of(entry)
    assert codes(document, "sk_inovator") == ["attachment_too_large"]
    assert codes(document, "pernyataan_implementasi") == ["attachment_type"]


def test_the_header_holds_the_entrants_own_data(submitted_entry, home_page):
    KippSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"government_name": "Pemerintah Kota Uji"}
    )
    document = document_of(submitted_entry)
    header = document["header"]
    assert header["title"] == "Antar Dokumen Kependudukan"
    assert header["started_on"] == "2020-03-01"
    assert header["innovation_stage"] == {"value": "penerapan", "label": "implemented"}
    assert header["is_digital"] is True
    assert header["themes"] == [{"slug": "kesehatan", "name": "Health"}]
    assert [goal["number"] for goal in header["sdgs"]] == [3, 16]
    assert all(goal["name"] for goal in header["sdgs"])
    assert header["video_url"] == "https://www.youtube.com/watch?v=abcdefghijk"
    assert (header["innovator_name"], header["innovator_phone"], header["innovator_email"]) == (
        "Tim Inovasi",
        "0812-3456-7890",
        "tim@example.com",
    )
    assert document["source"]["government"] == "Pemerintah Kota Uji"
    assert document["source"]["site_url"] == "http://localhost"
    assert document["reference"] == "KIPP-2026-0007"
    assert document["round"]["year"] == 2026 and document["group"] == {"name": "Umum", "kind": "umum"}
    assert document["schema"] == {"id": sinovik.SCHEMA_ID, "version": "1.0"}
    assert document["generated_at"].endswith("+07:00")
    assert not [w for w in document["warnings"] if w["code"] in ("field_missing", "not_submitted")]


def test_top_99_years_come_from_the_innovation_award_history(submitted_entry, make_innovation):
    assert document_of(submitted_entry)["header"]["top_99_years"] == []
    submitted_entry.innovation = make_innovation(
        awards=[
            {"year": 2024, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_45"},
            {"year": 2022, "competition": "KIPP Nasional", "level": "nasional", "tier": "top_99"},
            {"year": 2021, "competition": "KIPP Kota Uji", "level": "lokal", "tier": "juara_1"},
        ]
    )
    submitted_entry.save()
    document = document_of(submitted_entry)
    assert document["header"]["top_99_years"] == [2022, 2024]
    sinovik.validate_document(document)
    with translation.override("en"):
        text = pdf_text(sinovik_pdf.entry_pdf(submitted_entry, document=document))
    assert "Top 99 finalist in" in text and "2022, 2024" in text


def test_missing_header_fields_and_drafts_are_warned_about(make_entry):
    document = document_of(make_entry(complete=False))
    missing = {w["target"] for w in document["warnings"] if w["code"] == "field_missing"}
    assert missing == set(sinovik.REQUIRED_HEADER_FIELDS) - {"title"}
    assert codes(document)[0] == "not_submitted"
    assert "“Video link” is empty; the national form asks for it." in [
        w["message"] for w in document["warnings"]
    ]


def test_the_2021_form_can_be_chosen(submitted_entry):
    document = document_of(submitted_entry, form="2021")
    assert [section["key"] for section in document["sections"]] == [s["key"] for s in SECTIONS_2021]
    assert document["national_form"]["key"] == "kipp2021"
    # Sections of the 2023 form that 2021 does not have become extras.
    assert "kebaruan" in [extra["key"] for extra in document["extra_sections"]]
    with pytest.raises(national_forms.UnknownForm):
        document_of(submitted_entry, form="1999")


def test_a_replication_entry_gets_the_replication_form(make_competition, make_entry):
    page = make_competition(groups=("replikasi",))
    document = document_of(make_entry(competition_page=page))
    assert document["national_form"]["key"] == "kipp2023_replikasi"
    assert [s["key"] for s in document["sections"]][:2] == ["ringkasan", "inspirasi"]


# The schema ------------------------------------------------------------------------------------------------


def test_the_schema_is_valid_and_describes_every_field():
    from jsonschema import Draft202012Validator

    schema = sinovik.load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == sinovik.SCHEMA_ID

    undescribed = []

    def walk(node, path):
        for name, child in (node.get("properties") or {}).items():
            if "description" not in child:
                undescribed.append(f"{path}/{name}")
            walk(child, f"{path}/{name}")
        if isinstance(node.get("items"), dict):
            walk(node["items"], f"{path}[]")
        for name, child in (node.get("$defs") or {}).items():
            walk(child, f"#/$defs/{name}")

    walk(schema, "")
    assert not undescribed


def test_documents_validate_and_broken_ones_do_not(submitted_entry, make_entry):
    document = document_of(submitted_entry)
    sinovik.validate_document(document)
    sinovik.validate_document(json.loads(sinovik.dumps(document)))
    sinovik.validate_document(document_of(make_entry(complete=False)))
    breakages = [
        lambda d: d.pop("sections"),
        lambda d: d["sections"][0].update(status="fine"),
        lambda d: d["attachments"][1]["file"].update(sha256="not-a-hash"),
        lambda d: d["header"].update(score=9),
        lambda d: d["schema"].update(version="2.0"),
        lambda d: d["warnings"].append({"code": "juror_comment", "target": None, "message": "x"}),
    ]
    for breakage in breakages:
        broken = copy.deepcopy(document)
        breakage(broken)
        with pytest.raises(sinovik.DocumentInvalid) as error:
            sinovik.validate_document(broken)
        assert error.value.errors
    with pytest.raises(sinovik.DocumentInvalid):
        sinovik.validate_document([])


# The PDF ---------------------------------------------------------------------------------------------------


def test_the_pdf_holds_the_document(submitted_entry):
    document = document_of(submitted_entry)
    with translation.override("en"):
        data = sinovik_pdf.entry_pdf(submitted_entry, document=document)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    positions = [
        text.index(f"{number}. {section['heading']}")
        for number, section in enumerate(document["sections"], start=1)
    ]
    assert positions == sorted(positions)
    assert "205 / 200 words" in text and "5 / 500 words" in text
    assert "“Ringkasan” has 205 words; the national limit is 200 words." in text
    assert "“Latar Belakang dan Tujuan” is required by the national form but has no answer." in text
    flat = re.sub(r"\s+", " ", text)
    assert INDONESIAN in flat  # é, “ ”, ‘ ’, – and the escaped & < > come back as typed
    assert "Catatan untuk Juri Kota" in text and "Foto Kegiatan" in text
    assert "SK Tim Inovasi.pdf" in text
    assert hashlib.sha256(b"%PDF-1.4 uji").hexdigest()[:32] in text
    assert "KIPP-2026-0007" in text and "Page 1 of" in text and "Generated on" in text
    assert text.index("Sections of the national form") < text.index("Answers outside the national form")
    assert text.index("Answers outside the national form") < text.index("Attachments")


def test_the_pdf_is_built_from_the_document_alone(submitted_entry):
    document = document_of(submitted_entry)
    document["sections"][0]["text"] = "Teks yang hanya ada di dokumen."
    with translation.override("en"):
        text = pdf_text(sinovik_pdf.entry_pdf(submitted_entry, document=document))
    assert "Teks yang hanya ada di dokumen." in text


def test_characters_vera_lacks_are_substituted():
    assert sinovik_pdf.printable("a\u2009b\u200bc \u2011 \u2032 \u2713 \u25cf") == "a bc - ' \u221a \u2022"
    assert sinovik_pdf.printable("ā ő \U0001f600 e\u0301") == "a o ? é"
    assert sinovik_pdf.printable("x\x00y\r\nz\tw") == "xy\nz w"
    assert sinovik_pdf.markup("<b> & </b>\nx") == "&lt;b&gt; &amp; &lt;/b&gt;<br/>x"
    for char in "é–—“”‘’•…€":
        assert ord(char) in sinovik_pdf.covered()


def test_an_entry_without_answers_still_exports(make_entry):
    entry = make_entry(complete=False, answers={})
    corrupt = make_entry(complete=False)
    corrupt.answers = ["not", "a", "mapping"]
    corrupt.template_snapshot = {"version": 1, "sections": "broken", "attachment_slots": [None, {"key": 3}]}
    corrupt.save()
    for item in (entry, corrupt):
        document = document_of(item)
        sinovik.validate_document(document)
        assert all(section["status"] == "missing" for section in document["sections"])
        with translation.override("id"):  # the site's language, whatever its catalogue holds
            no_answer = translation.gettext("(no answer)")
            assert pdf_text(sinovik_pdf.entry_pdf(item)).count(no_answer) == len(NATIONAL_2023)


# Nothing confidential ------------------------------------------------------------------------------------


def test_no_score_juror_decision_or_check_reason_is_exported(judged):
    from tests.judged import JUROR_NAMES, publish

    publish(judged)
    entry = judged.entries[0]
    entry.check_reason = "Alasan pemeriksaan yang rahasia"
    entry.return_note = "Catatan pengembalian lama"
    entry.save()
    StageResult.objects.filter(entry=entry).update(
        override_reason="Alasan keputusan rahasia", feedback="Umpan balik juri"
    )
    result = StageResult.objects.get(entry=entry, stage_kind="desk_evaluation")
    assert result.score is not None and result.decision
    document = document_of(entry)
    with translation.override("en"):
        texts = [sinovik.dumps(document), pdf_text(sinovik_pdf.entry_pdf(entry, document=document))]
    secrets = [
        *JUROR_NAMES,
        "Catatan juri",
        "Alasan pemeriksaan",
        "Catatan pengembalian",
        "Alasan keputusan",
        "Umpan balik",
        "eligible",
        "advance",
        f"{result.score:.2f}",
    ]
    for text in texts:
        for secret in secrets:
            assert secret not in text, secret

    def keys(node):
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from keys(value)
        elif isinstance(node, list):
            for value in node:
                yield from keys(value)

    forbidden = {
        "score",
        "scores",
        "juror",
        "jurors",
        "decision",
        "rank",
        "status_check",
        "check_reason",
        "feedback",
    }
    assert not forbidden & set(keys(document))


# Downloads -----------------------------------------------------------------------------------------------


def portal_url(entry, export_format="pdf"):
    return reverse(f"wagtail_kipp_portal:entry_sinovik_{export_format}", args=[entry.uuid])


def admin_url(entry_or_pk, export_format="pdf"):
    pk = getattr(entry_or_pk, "pk", entry_or_pk)
    return reverse(f"kipp_entries:sinovik_{export_format}", args=[pk])


@pytest.fixture
def people(submitted_entry, make_organisation, make_operator, make_secretariat, make_juror):
    """Every kind of user against the submitted entry of organisation A."""
    editor = User.objects.create_user("editor-sinovik", "e@example.com", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return {
        "anonymous": None,
        "member": make_operator(submitted_entry.organisation),
        "other_member": make_operator(make_organisation("Dinas Lain")),
        "juror": make_juror(submitted_entry.competition).user,
        "editor": editor,
        "secretariat": make_secretariat(),
        "superuser": User.objects.create_superuser("super-sinovik", "s@example.com", "pw"),
    }


LOGIN, ADMIN_LOGIN, REFUSED = "login", "admin-login", "refused"
PORTAL_MATRIX = {
    "anonymous": LOGIN,
    "member": 200,
    "other_member": 404,
    "juror": 404,
    "editor": 404,
    "secretariat": 404,  # reads entries in the admin
    "superuser": 404,
}
ADMIN_MATRIX = {
    "anonymous": ADMIN_LOGIN,
    "member": ADMIN_LOGIN,
    "other_member": ADMIN_LOGIN,
    "juror": ADMIN_LOGIN,
    "editor": REFUSED,
    "secretariat": 200,
    "superuser": 200,
}


def check_answer(response, expected, login_url):
    if expected in (LOGIN, ADMIN_LOGIN):
        assert response.status_code == 302 and login_url in response["Location"]
    elif expected == REFUSED:
        assert response.status_code in (302, 403)
        assert reverse("wagtailadmin_login") not in response.get("Location", "")
    else:
        assert response.status_code == expected
    if expected != 200:
        assert b"%PDF" not in response.content and b"sections" not in response.content


@pytest.mark.parametrize("kind", list(PORTAL_MATRIX))
def test_portal_downloads_are_for_the_organisations_members(client, people, submitted_entry, kind):
    if people[kind]:
        client.force_login(people[kind])
    for export_format in ("pdf", "json"):
        response = client.get(portal_url(submitted_entry, export_format))
        check_answer(response, PORTAL_MATRIX[kind], reverse("wagtail_kipp_portal:login"))


@pytest.mark.parametrize("kind", list(ADMIN_MATRIX))
def test_admin_downloads_are_for_the_secretariat(client, people, submitted_entry, kind):
    if people[kind]:
        client.force_login(people[kind])
    for export_format in ("pdf", "json"):
        response = client.get(admin_url(submitted_entry, export_format))
        check_answer(response, ADMIN_MATRIX[kind], reverse("wagtailadmin_login"))
    # A missing entry answers like an existing one to those who may not download.
    missing = client.get(admin_url(999999))
    if ADMIN_MATRIX[kind] == 200:
        assert missing.status_code == 404
    else:
        assert missing.status_code == client.get(admin_url(submitted_entry)).status_code


def test_the_member_downloads_a_private_pdf_and_json(client, people, submitted_entry):
    client.force_login(people["member"])
    response = client.get(portal_url(submitted_entry))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="KIPP-2026-0007-sinovik.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert "205 / 200" in pdf_text(response.content)
    response = client.get(portal_url(submitted_entry, "json"))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="KIPP-2026-0007-sinovik.json"'
    assert response["Cache-Control"] == "private, no-store"
    document = json.loads(response.content)
    sinovik.validate_document(document)
    assert document["language"] == "id"  # the site's default language
    assert "“Pelayanan Prima”" in response.content.decode("utf-8")
    english = client.get("/en" + portal_url(submitted_entry, "json"))
    assert json.loads(english.content)["language"] == "en"
    assert client.get(portal_url(submitted_entry, "json") + "?form=2021").json()["national_form"]["key"] == (
        "kipp2021"
    )
    assert client.get(portal_url(submitted_entry) + "?form=bogus").status_code == 400


@pytest.mark.parametrize("status", [status for status in EntryStatus.values])
def test_members_download_in_every_status(client, make_entry, make_operator, status):
    entry = make_entry(status=status, complete=False)  # nothing answered: still an export, never an error
    client.force_login(make_operator(entry.organisation))
    response = client.get(portal_url(entry, "json"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{entry.uuid}-sinovik.json"'
    assert client.get(portal_url(entry)).status_code == 200


def test_the_secretariat_downloads_from_the_inspect_view(client, people, submitted_entry):
    client.force_login(people["secretariat"])
    html = client.get(reverse("kipp_entries:inspect", args=[submitted_entry.pk])).content.decode()
    assert admin_url(submitted_entry) in html and admin_url(submitted_entry, "json") in html
    assert "SINOVIK" in html
    response = client.get(admin_url(submitted_entry))
    assert response["Content-Disposition"] == 'attachment; filename="KIPP-2026-0007-sinovik.pdf"'
    assert response["Cache-Control"].startswith("private, no-store")  # Wagtail's admin adds never_cache
    assert pdf_text(response.content).count("SINOVIK") >= 1
    response = client.get(admin_url(submitted_entry, "json") + "?form=2021")
    assert response.json()["national_form"]["key"] == "kipp2021"
    assert client.get(admin_url(submitted_entry, "json") + "?form=bogus").status_code == 400


def test_the_status_and_receipt_pages_link_the_downloads_for_members_only(client, people, submitted_entry):
    links = (portal_url(submitted_entry), portal_url(submitted_entry, "json"))
    client.force_login(people["member"])
    for name in ("entry_status", "entry_receipt"):
        html = client.get(
            reverse(f"wagtail_kipp_portal:{name}", args=[submitted_entry.uuid])
        ).content.decode()
        assert all(link in html for link in links), name
    client.force_login(people["secretariat"])
    html = client.get(
        reverse("wagtail_kipp_portal:entry_status", args=[submitted_entry.uuid])
    ).content.decode()
    assert not any(link in html for link in links)


def test_downloads_take_a_bounded_number_of_queries(
    client, people, submitted_entry, make_theme, django_assert_max_num_queries
):
    for number in range(5):
        submitted_entry.themes.add(make_theme(f"Tema {number}"))
    submitted_entry.sdgs.add(*submitted_entry.sdgs.model.objects.all())
    for number in range(3):
        attach(submitted_entry, f"lampiran_{number}")
    client.force_login(people["member"])
    # Session, user, entry, membership, themes, SDGs, files, site, settings: however many rows there are.
    with django_assert_max_num_queries(13):
        assert client.get(portal_url(submitted_entry)).status_code == 200
    client.force_login(people["secretariat"])
    with django_assert_max_num_queries(13):
        assert client.get(admin_url(submitted_entry, "json")).status_code == 200


def test_file_names_are_safe():
    class Entry:
        uuid = "0f0e"
        reference = 'KIPP/2026 "7"'

    assert export_filename(Entry(), "pdf") == "KIPP-2026-7-sinovik.pdf"
    Entry.reference = ""
    assert export_filename(Entry(), "json") == "0f0e-sinovik.json"


def test_extreme_input_still_makes_a_pdf(make_entry, make_theme):
    """Words longer than a line, a title without spaces, long file names, every SDG and many themes."""
    entry = make_entry(
        title="Inovasi" * 36,
        answers={
            "ringkasan": "x" * 20000,
            # Control characters (NUL cannot be stored on PostgreSQL; ``printable`` drops it, tested above).
            "kebaruan": ("<tag> & " * 3000) + "\x1b\x07\ud7ff",
            "lain": "\n" * 500,
        },
    )
    entry.themes.add(*(make_theme(f"Tema Panjang Sekali Nomor {number}") for number in range(40)))
    entry.sdgs.add(*entry.sdgs.model.objects.all())
    attach(entry, "sk_inovator", name="n" * 250 + ".pdf")
    attach(entry, "lampiran_lain", name="m" * 250 + ".pdf")
    document = document_of(entry)
    sinovik.validate_document(document)
    with translation.override("en"):
        text = pdf_text(sinovik_pdf.entry_pdf(entry, document=document))
    assert "<tag> & <tag>" in text and "Page 1 of" in text
