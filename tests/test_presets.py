"""The national proposal forms shipped as presets: loaded by migration, exact word limits, safe to reload."""

from decimal import Decimal

import pytest

from wagtail_kipp.models import AttachmentSlot, ProposalTemplate, TemplateSection
from wagtail_kipp.proposal_presets import PRESETS, load_presets, unload_presets

pytestmark = pytest.mark.django_db

GENERAL_2023 = {
    "ringkasan": 200,
    "latar_belakang": 300,
    "kebaruan": 200,
    "implementasi": 200,
    "signifikansi": 600,
    "adaptabilitas_replikasi": 100,
    "adaptabilitas_potensi": 200,
    "sumber_daya": 200,
    "keberlanjutan": 500,
}


def limits(preset: str) -> dict:
    template = ProposalTemplate.objects.get(preset=preset)
    return {section.key: section.word_limit for section in template.sections.all()}


def test_the_migration_loads_the_four_national_forms():
    assert set(ProposalTemplate.objects.exclude(preset="").values_list("preset", flat=True)) == {
        "kipp2023_umum",
        "kipp2023_replikasi",
        "kipp2023_khusus",
        "kipp2021",
    }


def test_the_2023_general_form_has_its_nine_sections_with_the_national_limits():
    assert limits("kipp2023_umum") == GENERAL_2023
    template = ProposalTemplate.objects.get(preset="kipp2023_umum")
    assert [section.key for section in template.sections.all()] == list(GENERAL_2023)
    assert template.sections.get(key="ringkasan").heading == "Ringkasan"
    assert all(section.guidance and section.required for section in template.sections.all())


def test_the_replication_form_adds_inspiration_process_and_differences():
    assert limits("kipp2023_replikasi") == {
        **GENERAL_2023,
        "inspirasi": 100,
        "proses_replikasi": 200,
        "perbedaan": 100,
    }


def test_the_special_form_has_limits_only_where_the_national_form_states_them():
    assert limits("kipp2023_khusus") == {
        "inovasi_awal": None,
        "pembaruan": 200,
        "dampak": None,
        "adaptabilitas": 200,
        "penguatan_sumber_daya": None,
        "penguatan_keberlanjutan": 300,
    }


def test_the_2021_form_has_seven_sections():
    assert limits("kipp2021") == {
        "ringkasan": 200,
        "ide_inovatif": 600,
        "signifikansi": 600,
        "kontribusi_sdgs": 200,
        "adaptabilitas": 400,
        "keberlanjutan": 600,
        "kolaborasi": 200,
    }


@pytest.mark.parametrize("preset", list(PRESETS))
def test_every_preset_asks_for_the_national_pdf_attachments(preset):
    slots = {slot.key: slot for slot in ProposalTemplate.objects.get(preset=preset).attachment_slots.all()}
    assert list(slots) == [
        "pernyataan_implementasi",
        "sk_inovator",
        "pernyataan_replikasi",
        "dokumen_pendukung",
    ]
    assert all(slot.allowed_types == ["pdf"] for slot in slots.values())
    assert [slots[key].required for key in slots] == [True, True, True, False]
    assert slots["sk_inovator"].max_size_mb == Decimal("1")
    assert slots["dokumen_pendukung"].max_size_mb == Decimal("2")


def test_loading_again_changes_nothing():
    before = (TemplateSection.objects.count(), AttachmentSlot.objects.count())
    ids = dict(ProposalTemplate.objects.exclude(preset="").values_list("preset", "pk"))
    load_presets(ProposalTemplate, TemplateSection, AttachmentSlot)
    load_presets(ProposalTemplate, TemplateSection, AttachmentSlot)
    assert (TemplateSection.objects.count(), AttachmentSlot.objects.count()) == before
    assert dict(ProposalTemplate.objects.exclude(preset="").values_list("preset", "pk")) == ids


def test_loading_repairs_a_changed_preset_and_keeps_its_identity():
    template = ProposalTemplate.objects.get(preset="kipp2021")
    template.sections.filter(key="ringkasan").update(word_limit=999, heading="Diubah")
    template.sections.filter(key="kolaborasi").delete()
    TemplateSection.objects.create(template=template, key="tambahan", heading="Tambahan", sort_order=99)
    load_presets(ProposalTemplate, TemplateSection, AttachmentSlot)
    assert limits("kipp2021")["ringkasan"] == 200
    assert "kolaborasi" in limits("kipp2021") and "tambahan" not in limits("kipp2021")
    assert ProposalTemplate.objects.get(preset="kipp2021").pk == template.pk
    assert list(
        ProposalTemplate.objects.get(pk=template.pk).sections.values_list("sort_order", flat=True)
    ) == list(range(7))


def test_duplicate_copies_sections_and_slots_without_the_preset_mark():
    preset = ProposalTemplate.objects.get(preset="kipp2023_umum")
    copy = preset.duplicate(name="KIPP Kota Sukamaju 2026: Umum")
    assert copy.pk != preset.pk and copy.preset == ""
    assert copy.name == "KIPP Kota Sukamaju 2026: Umum"
    assert [s.as_dict() for s in copy.sections.all()] == [s.as_dict() for s in preset.sections.all()]
    assert [s.as_dict() for s in copy.attachment_slots.all()] == [
        s.as_dict() for s in preset.attachment_slots.all()
    ]
    copy.sections.filter(key="ringkasan").update(word_limit=150)
    assert limits("kipp2023_umum")["ringkasan"] == 200


def test_snapshot_of_a_preset_is_plain_data():
    import json

    snapshot = ProposalTemplate.objects.get(preset="kipp2023_replikasi").snapshot()
    assert json.loads(json.dumps(snapshot)) == snapshot
    assert [section["key"] for section in snapshot["sections"]][:4] == [
        "ringkasan",
        "inspirasi",
        "proses_replikasi",
        "perbedaan",
    ]
    assert snapshot["attachment_slots"][0]["max_size_bytes"] == 1024 * 1024
    assert snapshot["attachment_slots"][3]["max_size_bytes"] == 2 * 1024 * 1024


def test_unloading_keeps_presets_that_a_group_uses(make_competition):
    from wagtail_kipp.models import EntryGroup

    used = ProposalTemplate.objects.get(preset="kipp2021")
    page = make_competition()
    EntryGroup.objects.filter(competition=page).update(template=used)
    unload_presets(ProposalTemplate)
    assert list(ProposalTemplate.objects.exclude(preset="").values_list("preset", flat=True)) == ["kipp2021"]
