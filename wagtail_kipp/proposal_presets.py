"""The national KIPP proposal forms (2021 and 2023) shipped as proposal-template presets, and their loader."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# The national forms are in Indonesian, so are the headings and guidance of the presets: they are data, not
# interface strings, and a round that needs another wording edits its own copy.

#: Attachment slots of the national forms: PDF files of about 1 MB, supporting documents up to 2 MB.
ATTACHMENT_SLOTS: list[dict[str, Any]] = [
    {
        "key": "pernyataan_implementasi",
        "label": "Surat pernyataan bahwa inovasi telah diimplementasikan",
        "guidance": "Ditandatangani pimpinan instansi; menyebut nama inovasi dan sejak kapan diterapkan.",
        "required": True,
        "allowed_types": ["pdf"],
        "max_size_mb": Decimal("1"),
    },
    {
        "key": "sk_inovator",
        "label": "SK inovator atau tim inovasi",
        "guidance": "Surat keputusan yang menetapkan inovator atau tim pengelola inovasi.",
        "required": True,
        "allowed_types": ["pdf"],
        "max_size_mb": Decimal("1"),
    },
    {
        "key": "pernyataan_replikasi",
        "label": "Surat pernyataan kesediaan inovasi untuk direplikasi",
        "guidance": "Pernyataan pimpinan instansi bahwa inovasi boleh ditiru dan instansi bersedia membantu.",
        "required": True,
        "allowed_types": ["pdf"],
        "max_size_mb": Decimal("1"),
    },
    {
        "key": "dokumen_pendukung",
        "label": "Dokumen pendukung",
        "guidance": (
            "Misalnya standar pelayanan, SK pengelolaan pengaduan dan laporan evaluasi inovasi, digabung "
            "dalam satu berkas PDF."
        ),
        "required": False,
        "allowed_types": ["pdf"],
        "max_size_mb": Decimal("2"),
    },
]


def _section(key: str, heading: str, word_limit: int | None, guidance: str) -> dict[str, Any]:
    return {"key": key, "heading": heading, "word_limit": word_limit, "guidance": guidance, "required": True}


#: The sections of the 2023 national form, general group (kelompok umum).
SECTIONS_2023_UMUM = [
    _section(
        "ringkasan",
        "Ringkasan",
        200,
        "Gambarkan inovasi secara singkat: masalah yang diatasi, apa yang dilakukan dan hasil utamanya. "
        "Juri membaca bagian ini lebih dulu untuk memahami inti inovasi.",
    ),
    _section(
        "latar_belakang",
        "Latar Belakang dan Tujuan",
        300,
        "Jelaskan masalah yang dihadapi, siapa kelompok sasarannya, dan target yang terukur. "
        "Juri mencari masalah yang nyata dan tujuan yang jelas ukurannya.",
    ),
    _section(
        "kebaruan",
        "Kebaruan/Nilai Tambah",
        200,
        "Terangkan apa yang baru atau berbeda dibandingkan cara sebelumnya dan layanan serupa di tempat "
        "lain. Juri menilai orisinalitas dan nilai tambahnya bagi pengguna layanan.",
    ),
    _section(
        "implementasi",
        "Implementasi",
        200,
        "Uraikan langkah penerapan inovasi, sejak kapan berjalan, dan siapa saja yang terlibat. "
        "Juri ingin melihat bahwa inovasi benar-benar sudah diterapkan, bukan sekadar rencana.",
    ),
    _section(
        "signifikansi",
        "Signifikansi",
        600,
        "Tunjukkan dampak inovasi dengan membandingkan kondisi sebelum dan sesudah, serta cara mengukurnya; "
        "lampirkan laporan evaluasinya. Juri mencari bukti berupa data, bukan klaim.",
    ),
    _section(
        "adaptabilitas_replikasi",
        "Adaptabilitas: Inovasi yang Telah Direplikasi",
        100,
        "Sebutkan instansi atau daerah yang sudah mereplikasi inovasi ini dan kapan. "
        "Tulis 'belum ada' bila inovasi belum direplikasi.",
    ),
    _section(
        "adaptabilitas_potensi",
        "Adaptabilitas: Potensi Replikasi",
        200,
        "Jelaskan mengapa inovasi ini dapat diterapkan di instansi atau daerah lain dan apa syaratnya. "
        "Juri menilai seberapa mudah inovasi ditiru.",
    ),
    _section(
        "sumber_daya",
        "Sumber Daya",
        200,
        "Sebutkan sumber daya yang digunakan: anggaran, sumber daya manusia, metode, serta sarana dan "
        "peralatan. Juri menilai kecukupan dan efisiensinya.",
    ),
    _section(
        "keberlanjutan",
        "Strategi Keberlanjutan",
        500,
        "Uraikan strategi agar inovasi tetap berjalan secara kelembagaan (regulasi), manajerial dan sosial "
        "(dukungan masyarakat). Juri mencari jaminan bahwa inovasi tidak berhenti saat pimpinan berganti.",
    ),
]

#: What the replication group (kelompok replikasi) adds to the general form.
SECTIONS_REPLIKASI = [
    _section(
        "inspirasi",
        "Inspirasi Replikasi",
        100,
        "Sebutkan inovasi unggulan terdahulu yang direplikasi: nama inovasi, instansi asal dan tahun "
        "penghargaannya.",
    ),
    _section(
        "proses_replikasi",
        "Proses Replikasi",
        200,
        "Ceritakan bagaimana inovasi asal dipelajari dan diterapkan: kerja sama dengan instansi asal, "
        "penyesuaian dan waktu yang dibutuhkan.",
    ),
    _section(
        "perbedaan",
        "Perbedaan dengan Inovasi Asal",
        100,
        "Jelaskan apa yang diubah atau ditambahkan dibandingkan inovasi asal dan mengapa. "
        "Juri menilai kemampuan menyesuaikan inovasi dengan kondisi setempat.",
    ),
]

#: The special group (kelompok khusus, earlier winners by invitation): what changed since the award.
SECTIONS_2023_KHUSUS = [
    _section(
        "inovasi_awal",
        "Inovasi Awal",
        None,
        "Gambarkan inovasi sebagaimana saat meraih penghargaan: masalah, solusi dan hasilnya waktu itu.",
    ),
    _section(
        "pembaruan",
        "Pembaruan/Penyempurnaan Inovasi",
        200,
        "Jelaskan pembaruan atau penyempurnaan sejak inovasi mendapat penghargaan. "
        "Juri mencari perkembangan yang nyata, bukan pengulangan inovasi awal.",
    ),
    _section(
        "dampak",
        "Dampak",
        None,
        "Tunjukkan dampak pembaruan dengan data sebelum dan sesudah, serta cara mengukurnya.",
    ),
    _section(
        "adaptabilitas",
        "Adaptabilitas",
        200,
        "Sebutkan replikasi yang sudah terjadi dan potensi penerapan inovasi di tempat lain.",
    ),
    _section(
        "penguatan_sumber_daya",
        "Penguatan Sumber Daya",
        None,
        "Jelaskan penambahan atau penguatan anggaran, sumber daya manusia, metode dan sarana sejak "
        "penghargaan.",
    ),
    _section(
        "penguatan_keberlanjutan",
        "Penguatan Keberlanjutan",
        300,
        "Uraikan langkah yang memperkuat keberlanjutan inovasi secara kelembagaan, manajerial dan sosial.",
    ),
]

#: The sections of the 2021 national form.
SECTIONS_2021 = [
    _section(
        "ringkasan",
        "Ringkasan",
        200,
        "Gambarkan inovasi secara singkat: masalah, solusi dan hasil utamanya. "
        "Juri membaca bagian ini lebih dulu.",
    ),
    _section(
        "ide_inovatif",
        "Ide Inovatif",
        600,
        "Jelaskan masalah yang diatasi, gagasan pemecahannya, dan apa yang baru dibandingkan cara "
        "sebelumnya. Juri menilai kebaruan dan ketepatan gagasan terhadap masalah.",
    ),
    _section(
        "signifikansi",
        "Signifikansi",
        600,
        "Tunjukkan dampak inovasi dengan data sebelum dan sesudah penerapan, serta cara mengukurnya. "
        "Juri mencari bukti, bukan klaim.",
    ),
    _section(
        "kontribusi_sdgs",
        "Kontribusi terhadap SDGs",
        200,
        "Jelaskan tujuan pembangunan berkelanjutan (SDGs) mana yang didukung inovasi dan bagaimana "
        "kontribusinya terukur.",
    ),
    _section(
        "adaptabilitas",
        "Adaptabilitas",
        400,
        "Sebutkan replikasi yang sudah terjadi dan mengapa inovasi dapat diterapkan di instansi atau daerah "
        "lain. Juri menilai seberapa mudah inovasi ditiru.",
    ),
    _section(
        "keberlanjutan",
        "Keberlanjutan",
        600,
        "Uraikan strategi keberlanjutan secara kelembagaan, manajerial dan sosial, termasuk regulasi dan "
        "anggaran yang menjamin inovasi tetap berjalan.",
    ),
    _section(
        "kolaborasi",
        "Kolaborasi Pemangku Kepentingan",
        200,
        "Sebutkan pemangku kepentingan yang terlibat (instansi lain, swasta, akademisi, masyarakat, media) "
        "dan peran masing-masing.",
    ),
]

#: The presets by key: name, description, sections and attachment slots.
PRESETS: dict[str, dict[str, Any]] = {
    "kipp2023_umum": {
        "name": "KIPP Nasional 2023: Kelompok Umum",
        "description": "Formulir proposal nasional 2023 untuk kelompok umum.",
        "sections": SECTIONS_2023_UMUM,
        "attachment_slots": ATTACHMENT_SLOTS,
    },
    "kipp2023_replikasi": {
        "name": "KIPP Nasional 2023: Kelompok Replikasi",
        "description": (
            "Formulir umum 2023 ditambah tiga bagian replikasi: inspirasi, proses replikasi dan perbedaan "
            "dengan inovasi asal."
        ),
        "sections": SECTIONS_2023_UMUM[:1] + SECTIONS_REPLIKASI + SECTIONS_2023_UMUM[1:],
        "attachment_slots": ATTACHMENT_SLOTS,
    },
    "kipp2023_khusus": {
        "name": "KIPP Nasional 2023: Kelompok Khusus",
        "description": "Formulir nasional 2023 untuk kelompok khusus (pemenang terdahulu, atas undangan).",
        "sections": SECTIONS_2023_KHUSUS,
        "attachment_slots": ATTACHMENT_SLOTS,
    },
    "kipp2021": {
        "name": "KIPP Nasional 2021",
        "description": "Formulir proposal nasional 2021 (tujuh bagian).",
        "sections": SECTIONS_2021,
        "attachment_slots": ATTACHMENT_SLOTS,
    },
}


def _sync_rows(model, template, rows: list[dict[str, Any]]) -> None:
    """Make ``template``'s rows of ``model`` exactly ``rows``, matched by key, in their order."""
    keys = [row["key"] for row in rows]
    model.objects.filter(template=template).exclude(key__in=keys).delete()
    for position, row in enumerate(rows):
        model.objects.update_or_create(
            template=template, key=row["key"], defaults={**row, "sort_order": position}
        )


def load_presets(template_model, section_model, slot_model, presets: dict[str, dict[str, Any]] | None = None):
    """
    Create or update the preset templates, matched by their ``preset`` key; running it again changes nothing.

    Takes the model classes so that a data migration can pass its historical models; only fields that exist
    since migration 0003 are written. Returns the templates by preset key.
    """
    templates = {}
    for key, preset in (PRESETS if presets is None else presets).items():
        template, _created = template_model.objects.update_or_create(
            preset=key, defaults={"name": preset["name"], "description": preset["description"]}
        )
        _sync_rows(section_model, template, preset["sections"])
        _sync_rows(slot_model, template, preset["attachment_slots"])
        templates[key] = template
    return templates


def unload_presets(template_model) -> None:
    """Delete the presets that no entry group uses (the reverse of the data migration)."""
    template_model.objects.exclude(preset="").filter(entry_groups__isnull=True).delete()
