# ruff: noqa: E501 - the answer templates and the round's rules are prose, kept one sentence per line
"""The demo's competition rounds: the open round of this year with proposals at every step, and last year's.

``load_rounds(loader)`` runs after the catalogue and the demo accounts. It creates, idempotently:

- the round *KIPP Kota Sukamaju 2026*, whose stages are placed around the moment the demo is loaded, so
  that it accepts proposals whenever someone runs ``make demo`` (a later run moves the dates again once
  fewer than a week of the entry period is left), and the finished round *KIPP Kota Sukamaju 2025*;
- an editable copy of the national 2023 proposal form (umum and replikasi) for each round;
- operator accounts with their memberships, the secretariat account and its group;
- proposals of several organisations, written, submitted, returned and withdrawn through the service
  layer (so the audit log and the reference numbers are those of real use), then dated back into the
  entry period. Proposals are looked up by round, organisation and title: a second run adds nothing.

The answers are composed from the same innovation concepts as the catalogue, in Indonesian only (the
entrant portal works in the default language), and never exceed a section's word limit.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import GroupPagePermission, ModelLogEntry, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from wagtail_kipp.entrant_portal.uploads import store_attachment
from wagtail_kipp.judging import services
from wagtail_kipp.judging.rules import count_words
from wagtail_kipp.models import (
    AttachmentSlot,
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryGroup,
    EntryStatus,
    InnovationPage,
    Invitation,
    Membership,
    NewsDrafts,
    Organisation,
    ProposalTemplate,
    Stage,
    SustainableDevelopmentGoal,
    TemplateSection,
    Theme,
)

from . import data
from .data import ORGS_BY_SLUG
from .generate import ADAPTATIONS, DocumentSpec, InnovationSpec, build_innovations, nice
from .media import render_pdf
from .text import MONTHS_ID, T, money, number

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
SEED = 2026

# -- accounts -----------------------------------------------------------------------------------------

OPERATOR_PASSWORD = "kipp-operator-2026"  # noqa: S105 - a published login of the local demo
SECRETARIAT = ("sekretariat", "kipp-sekretariat-2026", "sekretariat@sukamaju.example")
SECRETARIAT_GROUP = "Sekretariat KIPP"
EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class Operator:
    username: str
    first_name: str
    last_name: str
    organisations: tuple[str, ...]
    #: Printed at the end of ``kipp_demo`` with what to try.
    note: str = ""


OPERATORS: list[Operator] = [
    Operator("operator-dinkes", "Ratna", "Wulandari", ("dinas-kesehatan",), "Dinas Kesehatan"),
    Operator(
        "operator-dinkes-2",
        "Fajar",
        "Nugroho",
        ("dinas-kesehatan",),
        "Dinas Kesehatan; open the same draft as operator-dinkes to see the conflict handling",
    ),
    Operator(
        "operator-disdukcapil",
        "Heru",
        "Prasetyo",
        ("dinas-kependudukan-dan-pencatatan-sipil",),
        "Disdukcapil; one proposal returned for correction",
    ),
    Operator(
        "operator-sukamaju-utara",
        "Lestari",
        "Handayani",
        ("kecamatan-sukamaju-utara", "kelurahan-mekarsari"),
        "Kecamatan Sukamaju Utara and Kelurahan Mekarsari (two organisations)",
    ),
    Operator("operator-pkm-sidomulyo", "Anisa", "Permatasari", ("puskesmas-sidomulyo",)),
    Operator("operator-pkm-sukorejo", "Yuni", "Astuti", ("puskesmas-sukorejo",)),
    Operator("operator-pkm-karangrejo", "Bayu", "Saputra", ("puskesmas-karangrejo",)),
    Operator("operator-pkm-candirejo", "Tri", "Utami", ("puskesmas-candirejo",)),
    Operator("operator-rsud", "Indah", "Maharani", ("rsud-kota-sukamaju",)),
    Operator("operator-dkpp", "Slamet", "Hartono", ("dinas-ketahanan-pangan-dan-pertanian",)),
    Operator("operator-dinkop", "Dewi", "Rahayu", ("dinas-koperasi-dan-usaha-mikro",)),
    Operator("operator-dpmptsp", "Arif", "Setiawan", ("dinas-penanaman-modal-dan-ptsp",)),
    Operator("operator-bkpsdm", "Wulan", "Pratiwi", ("badan-kepegawaian-dan-pengembangan-sdm",)),
    Operator("operator-bapenda", "Rizky", "Firmansyah", ("badan-pendapatan-daerah",)),
    Operator("operator-sukamaju-selatan", "Sigit", "Purnomo", ("kecamatan-sukamaju-selatan",)),
    Operator("operator-sukamaju-timur", "Puji", "Kurniawan", ("kecamatan-sukamaju-timur",)),
    Operator("operator-wonosari", "Mega", "Susanti", ("kelurahan-wonosari",)),
    Operator("operator-kel-sidomulyo", "Yoga", "Hidayat", ("kelurahan-sidomulyo",)),
]
OPERATORS_BY_NAME = {operator.username: operator for operator in OPERATORS}

#: A pending invitation, so that the secretariat's invitation list is not empty.
INVITATION = ("operator.dinsos@sukamaju.example", "dinas-sosial")

# -- rounds -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageSpec:
    kind: str
    opens: tuple[int, int, int]  # day offset, hour, minute
    closes: tuple[int, int, int]
    advancing: int | None = None
    passing_score: Decimal | None = None
    weight: Decimal = Decimal("0")
    reviewers: int = 3


@dataclass(frozen=True)
class RoundSpec:
    slug: str
    title: str
    year: int
    intro: str
    rules: str
    themes: tuple[str, ...]
    #: Day offsets from the entry deadline's date (WIB); the entry stage itself is given separately.
    stages: tuple[StageSpec, ...]
    show_in_menus: bool = False
    #: The title of the round's English version (made with wagtail-localize).
    title_en: str = ""


RULES = """
<h3>Peserta</h3>
<ul>
<li>Perangkat daerah, kecamatan, kelurahan, puskesmas, RSUD, sekolah negeri dan BUMD di lingkungan Pemerintah Kota Sukamaju.</li>
<li>Setiap unit boleh mengirim paling banyak tiga proposal untuk setiap kelompok. Proposal yang ditarik tidak dihitung.</li>
<li>Inovasi sudah diterapkan paling singkat 12 bulan pada batas akhir pengiriman proposal.</li>
</ul>
<h3>Kelompok</h3>
<ul>
<li><b>Kelompok umum</b>: inovasi yang lahir dari unit pengusul sendiri.</li>
<li><b>Kelompok replikasi</b>: adaptasi dari inovasi unggulan terdahulu; sebutkan inovasi asal yang direplikasi.</li>
</ul>
<h3>Proposal</h3>
<ul>
<li>Proposal ditulis dalam bahasa Indonesia mengikuti formulir KIPP Nasional 2023. Setiap bagian memiliki batas jumlah kata.</li>
<li>Lampiran dalam format PDF: surat pernyataan bahwa inovasi telah diterapkan, SK inovator atau tim inovasi, surat pernyataan kesediaan direplikasi, serta dokumen pendukung seperti laporan evaluasi.</li>
<li>Draf tersimpan otomatis. Rekan satu unit dapat menulis proposal yang sama dari akun masing-masing.</li>
</ul>
<h3>Batas waktu</h3>
<p>Proposal diterima sampai pukul 23.59 WIB pada hari terakhir pendaftaran. Masa tenggang 15 menit disediakan untuk gangguan jaringan; setelah itu sistem menolak pengiriman. Sebelum batas akhir, proposal yang sudah dikirim masih dapat ditarik atau dibuka kembali untuk diperbaiki.</p>
<h3>Penilaian</h3>
<p>Sekretariat memeriksa kelengkapan administrasi, lalu Tim Evaluasi menilai proposal berdasarkan lima kriteria: kebaruan, efektivitas, kebermanfaatan, kemampuan untuk direplikasi dan keberlanjutan. Tim Panel Independen menetapkan finalis yang mempresentasikan inovasinya dan menerima kunjungan lapangan. Tiga inovasi terbaik diusulkan ke KIPP Provinsi Jawa Tengah dan KIPP Nasional.</p>
<h3>Kontak</h3>
<p>Sekretariat KIPP, Bagian Organisasi Setda Kota Sukamaju: kipp@sukamaju.example, telepon (024) 3580 1234, pada hari dan jam kerja.</p>
""".strip().replace("\n", "")

OPEN_ROUND = RoundSpec(
    slug="kipp-2026",
    title="KIPP Kota Sukamaju 2026",
    title_en="Sukamaju City KIPP 2026",
    year=2026,
    intro=(
        "Kompetisi Inovasi Pelayanan Publik Kota Sukamaju 2026 terbuka bagi seluruh perangkat daerah, unit "
        "pelayanan dan BUMD. Tiga inovasi terbaik diusulkan ke KIPP Provinsi Jawa Tengah dan KIPP Nasional."
    ),
    rules=RULES,
    themes=(
        "penanggulangan-kemiskinan",
        "pendidikan",
        "kesehatan",
        "pertumbuhan-ekonomi-dan-lapangan-kerja",
        "pemberdayaan-masyarakat",
        "pelayanan-publik-responsif-gender",
        "lingkungan-hidup",
        "tata-kelola-pemerintahan",
    ),
    stages=(
        StageSpec("administrative_check", (1, 8, 0), (5, 16, 0)),
        StageSpec("desk_evaluation", (8, 8, 0), (22, 23, 59), 10, Decimal("70"), Decimal("40")),
        StageSpec("finalists", (26, 9, 0), (27, 16, 0), 10),
        StageSpec("objection", (28, 0, 0), (32, 23, 59)),
        StageSpec("interview", (36, 8, 0), (40, 17, 0), 5, None, Decimal("40")),
        StageSpec("field_verification", (43, 8, 0), (47, 17, 0), None, None, Decimal("20")),
        StageSpec("final", (50, 9, 0), (51, 17, 0), 3),
        StageSpec("award", (64, 19, 0), (64, 22, 0)),
    ),
    show_in_menus=True,
)
#: The entry period of the open round: opened this many days before the demo ran, closes this many after.
OPENED_DAYS_AGO = 20
CLOSES_IN_DAYS = 21
#: A later run moves the dates when fewer than this many days of the entry period are left.
MINIMUM_DAYS_LEFT = 7

FINISHED_ROUND = RoundSpec(
    slug="kipp-2025",
    title="KIPP Kota Sukamaju 2025",
    title_en="Sukamaju City KIPP 2025",
    year=2025,
    intro=(
        "Kompetisi Inovasi Pelayanan Publik Kota Sukamaju 2025: pendaftaran telah ditutup dan pemenang telah "
        "diumumkan."
    ),
    rules=RULES,
    themes=OPEN_ROUND.themes,
    stages=OPEN_ROUND.stages,
)
FINISHED_ENTRY_PERIOD = (
    datetime.datetime(2025, 6, 2, 8, 0, tzinfo=WIB),
    datetime.datetime(2025, 7, 31, 23, 59, tzinfo=WIB),
)

EVALUATION_ROUND = RoundSpec(
    slug="kipp-kesehatan-2026",
    title="KIPP Tematik Kesehatan Kota Sukamaju 2026",
    title_en="Sukamaju City Health Innovation KIPP 2026",
    year=2026,
    intro=(
        "Kompetisi inovasi pelayanan kesehatan bagi puskesmas dan RSUD Kota Sukamaju 2026: pendaftaran telah "
        "ditutup dan Tim Evaluasi sedang menilai proposal."
    ),
    rules=RULES,
    themes=("kesehatan", "pemberdayaan-masyarakat", "pelayanan-publik-responsif-gender"),
    stages=(
        StageSpec("administrative_check", (1, 8, 0), (5, 16, 0)),
        StageSpec("desk_evaluation", (8, 8, 0), (32, 23, 59), 4, None, Decimal("60")),
        StageSpec("finalists", (35, 9, 0), (35, 16, 0), 4),
        StageSpec("objection", (36, 0, 0), (40, 23, 59)),
        StageSpec("interview", (43, 8, 0), (45, 17, 0), 3, None, Decimal("40")),
        StageSpec("final", (48, 9, 0), (48, 17, 0), 3),
    ),
)
#: The evaluation round's entry period: opened this many days before the demo ran, closed this many before.
EVALUATION_OPENED_DAYS_AGO = 55
EVALUATION_CLOSED_DAYS_AGO = 25

GROUPS = (
    ("umum", "Kelompok Umum", "General group", "kipp2023_umum"),
    ("replikasi", "Kelompok Replikasi", "Replication group", "kipp2023_replikasi"),
)

# -- the proposals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    label: str
    before: str
    after: str
    down: bool


@dataclass(frozen=True)
class Idea:
    """An innovation as a proposal describes it (Indonesian); see ``data.Concept`` for the phrase shapes."""

    key: str
    acronym: str
    title: str
    org: str
    started_on: datetime.date
    stage: str
    digital: bool
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    innovator: str
    what: str
    problem: str
    how: str
    target: str
    aim: str
    benefits: tuple[str, ...]
    partners: str
    results: tuple[Result, ...]
    reach: str
    video_url: str = ""
    #: Who replicated it: units of the city, then other regions.
    replicated_by: tuple[str, ...] = ()
    #: For a replication: the catalogue slug, title, organisation and best award of the original.
    origin: tuple[str, str, str, str] | None = None
    #: The catalogue page of this innovation, when it has one.
    catalogue_slug: str = ""


#: Innovations written for the open round only (not in the catalogue yet).
NEW_IDEAS = [
    Idea(
        key="gaspol-hipertensi",
        acronym="GASPOL HIPERTENSI",
        title="GASPOL HIPERTENSI: Gerakan Skrining dan Pengobatan Hipertensi di Tempat Kerja",
        org="dinas-kesehatan",
        started_on=datetime.date(2024, 5, 6),
        stage="penerapan",
        digital=False,
        themes=("kesehatan", "pertumbuhan-ekonomi-dan-lapangan-kerja"),
        sdgs=(3, 8),
        innovator="dr. Ratna Wulandari, M.Kes.",
        what="memeriksa tekanan darah dan gula darah pekerja langsung di pabrik, pasar dan kantor, lalu memastikan pekerja yang berisiko berobat rutin di puskesmas",
        problem="sebagian besar penderita hipertensi usia produktif tidak tahu dirinya sakit karena jam kerja mereka bersamaan dengan jam buka puskesmas",
        how="tim puskesmas datang ke tempat kerja sesuai jadwal yang disepakati dengan pengelolanya, hasil pemeriksaan dicatat dalam aplikasi skrining Kementerian Kesehatan, dan pekerja yang berisiko dirujuk serta diingatkan lewat pesan singkat untuk kontrol",
        target="pekerja pabrik, pedagang pasar dan pegawai kantor berusia 15 sampai 59 tahun",
        aim="menemukan penderita hipertensi dan diabetes sedini mungkin dan menjaga mereka tetap berobat",
        benefits=(
            "pekerja dapat diperiksa tanpa meninggalkan pekerjaan",
            "penderita hipertensi yang berobat teratur bertambah",
            "perusahaan memperoleh data kesehatan karyawan untuk program kesehatan kerja",
        ),
        partners="Apindo Kota Sukamaju, pengelola pasar tradisional dan BPJS Kesehatan",
        results=(
            Result(
                "Pekerja usia produktif yang diskrining",
                "4.200 orang per tahun",
                "21.600 orang per tahun",
                False,
            ),
            Result("Penderita hipertensi yang berobat teratur", "38%", "71%", False),
        ),
        reach="21.600 pekerja di 146 tempat kerja telah diperiksa",
    ),
    Idea(
        key="paket-akrab",
        acronym="PAKET AKRAB",
        title="PAKET AKRAB: Akta Kelahiran, Kartu Keluarga dan KIA Langsung dari Ruang Bersalin",
        org="dinas-kependudukan-dan-pencatatan-sipil",
        started_on=datetime.date(2024, 2, 12),
        stage="penerapan",
        digital=True,
        themes=("tata-kelola-pemerintahan", "pelayanan-publik-responsif-gender"),
        sdgs=(5, 16),
        innovator="Tim Inovasi Disdukcapil",
        what="menerbitkan akta kelahiran, kartu keluarga baru dan Kartu Identitas Anak sebelum ibu dan bayi pulang dari rumah sakit atau puskesmas",
        problem="banyak orang tua menunda mengurus akta kelahiran sampai anak akan masuk sekolah, sehingga bayi tidak tercatat dan keluarga harus bolak-balik ke kantor dinas membawa berkas",
        how="petugas ruang bersalin mengunggah surat keterangan lahir dan berkas orang tua melalui aplikasi, petugas dinas memverifikasinya pada hari yang sama, lalu dokumen dicetak dan diserahkan kepada ibu sebelum pulang",
        target="ibu yang melahirkan di fasilitas kesehatan di Kota Sukamaju dan keluarganya",
        aim="memastikan setiap bayi memiliki akta kelahiran dan tercatat dalam kartu keluarga sejak hari pertama",
        benefits=(
            "orang tua tidak perlu datang ke kantor dinas",
            "cakupan akta kelahiran anak meningkat",
            "bayi dapat langsung didaftarkan sebagai peserta jaminan kesehatan",
        ),
        partners="RSUD, puskesmas, rumah sakit swasta, bidan praktik mandiri dan BPJS Kesehatan",
        results=(
            Result("Cakupan akta kelahiran anak usia 0-1 tahun", "64%", "96%", False),
            Result("Waktu penerbitan akta kelahiran", "14 hari", "1 hari", True),
        ),
        reach="9.800 bayi telah menerima akta kelahiran sebelum pulang dari tempat bersalin",
        video_url="https://www.youtube.com/watch?v=pKtAkrb2024",
    ),
]


@dataclass(frozen=True)
class Plan:
    """What happens to one proposal: who writes it, how far, and when (days after the entry period opened)."""

    idea: str
    group: str
    operator: str
    status: str = EntryStatus.DRAFT
    #: Sections answered in a draft (None: all) and required files uploaded (None: all).
    sections: int | None = None
    files: int | None = None
    header: bool = True
    #: The optional supporting document as well.
    supporting: bool = False
    started: int = 0
    submitted: int | None = None
    #: Days after submission for a return, a withdrawal or the administrative check.
    later: int = 2
    note: str = ""


RETURN_NOTE = (
    "Mohon lengkapi lampiran SK inovator: berkas yang diunggah belum ditandatangani Kepala Dinas. Bagian "
    "Signifikansi juga perlu menyebut sumber data cakupan akta kelahiran sebelum dan sesudah inovasi."
)

# fmt: off
OPEN_PLANS = [
    Plan("gaspol-hipertensi", "umum", "operator-dinkes", EntryStatus.SUBMITTED, supporting=True, started=2, submitted=15),
    Plan("toss-tb", "umum", "operator-dinkes", sections=6, files=1, started=9),
    Plan("paket-akrab", "umum", "operator-disdukcapil", EntryStatus.RETURNED, started=1, submitted=8, later=3, note=RETURN_NOTE),
    Plan("dolan", "umum", "operator-pkm-sidomulyo", EntryStatus.SUBMITTED, started=3, submitted=12),
    Plan("si-pahat", "umum", "operator-dkpp", EntryStatus.SUBMITTED, supporting=True, started=4, submitted=14),
    Plan("pulang-sehat", "umum", "operator-rsud", EntryStatus.SUBMITTED, started=5, submitted=17),
    Plan("klinik-umkm", "umum", "operator-dinkop", sections=3, files=0, started=11),
    Plan("si-rt", "umum", "operator-sukamaju-utara", files=1, started=6),
    Plan("mpp-keliling", "umum", "operator-dpmptsp", EntryStatus.WITHDRAWN, started=2, submitted=10, later=4),
    Plan("si-mantri", "umum", "operator-bkpsdm", sections=1, files=0, header=False, started=16),
    Plan("warung-pajak", "umum", "operator-bapenda", sections=4, files=0, started=13),
    Plan("sehati-puskesmas-sukorejo", "replikasi", "operator-pkm-sukorejo", EntryStatus.SUBMITTED, started=3, submitted=16),
    Plan("sapa-anak-kecamatan-sukamaju-utara", "replikasi", "operator-sukamaju-utara", sections=7, files=2, started=8),
    Plan("jempol-emas-kelurahan-wonosari", "replikasi", "operator-wonosari", EntryStatus.SUBMITTED, started=6, submitted=18),
    Plan("si-cantik-kecamatan-sukamaju-selatan", "replikasi", "operator-sukamaju-selatan", sections=10, files=3, started=7),
    Plan("siap-antri-puskesmas-sidomulyo", "replikasi", "operator-pkm-sidomulyo", sections=5, files=0, started=12),
    Plan("gercep-stunting-puskesmas-karangrejo", "replikasi", "operator-pkm-karangrejo", EntryStatus.SUBMITTED, supporting=True, started=4, submitted=13),
]
# fmt: on

INELIGIBLE_REASON = (
    "SEHATI telah meraih penghargaan tingkat nasional (Top 45 KIPP Nasional) dan finalis UNPSA. Sesuai "
    "ketentuan, inovasi yang sudah menjadi pemenang utama tidak dapat diikutkan kembali pada kelompok umum."
)

# fmt: off
FINISHED_PLANS = [
    Plan("sehati", "umum", "operator-dinkes", EntryStatus.INELIGIBLE, started=3, submitted=40, later=5, note=INELIGIBLE_REASON),
    Plan("jempol-emas-kelurahan-sidomulyo", "replikasi", "operator-kel-sidomulyo", EntryStatus.ELIGIBLE, started=5, submitted=38, later=4),
    Plan("toss-tb-puskesmas-candirejo", "replikasi", "operator-pkm-candirejo", EntryStatus.ELIGIBLE, started=10, submitted=52, later=4),
    Plan("bergotong-kelurahan-sidomulyo", "replikasi", "operator-kel-sidomulyo", EntryStatus.ELIGIBLE, started=12, submitted=55, later=4),
    Plan("sahabat-jiwa-puskesmas-candirejo", "replikasi", "operator-pkm-candirejo", EntryStatus.ELIGIBLE, started=8, submitted=44, later=5),
    Plan("blk-keliling-kecamatan-sukamaju-timur", "replikasi", "operator-sukamaju-timur", EntryStatus.ELIGIBLE, started=20, submitted=58, later=3),
]
# fmt: on


# fmt: off
EVALUATION_PLANS = [
    Plan("posbindu-keliling-puskesmas-karangrejo", "replikasi", "operator-pkm-karangrejo", EntryStatus.ELIGIBLE, started=2, submitted=20, later=3),
    Plan("posbindu-keliling-puskesmas-sukorejo", "replikasi", "operator-pkm-sukorejo", EntryStatus.ELIGIBLE, started=4, submitted=24, later=3),
    Plan("siap-antri-puskesmas-candirejo", "replikasi", "operator-pkm-candirejo", EntryStatus.ELIGIBLE, started=3, submitted=22, later=3),
    Plan("pulang-sehat-puskesmas-sukorejo", "replikasi", "operator-pkm-sukorejo", EntryStatus.ELIGIBLE, started=6, submitted=27, later=2),
    Plan("sahabat-jiwa-puskesmas-sidomulyo", "replikasi", "operator-pkm-sidomulyo", EntryStatus.ELIGIBLE, started=5, submitted=25, later=2),
    Plan("toss-tb-puskesmas-karangrejo", "replikasi", "operator-pkm-karangrejo", EntryStatus.ELIGIBLE, started=7, submitted=28, later=2),
]
# fmt: on


# -- composing the answers ----------------------------------------------------------------------------


TIER_NAMES = {
    "juara_1": "Juara I",
    "juara_2": "Juara II",
    "juara_3": "Juara III",
    "harapan": "Juara Harapan",
    "top_99": "Top 99",
    "top_45": "Top 45",
    "terpuji": "Top Inovasi Terpuji",
    "finalis": "finalis",
    "favorit": "inovasi favorit",
}
LEVEL_RANK = {"lokal": 0, "provinsi": 1, "nasional": 2, "internasional": 3}
EVALUATORS = ["perguruan tinggi setempat", "Inspektorat Daerah", "Bapperida Kota Sukamaju"]


@cache
def catalogue_specs() -> dict[str, InnovationSpec]:
    return {spec.slug: spec for spec in build_innovations()}


def ideas() -> dict[str, Idea]:
    found = {idea.key: idea for idea in NEW_IDEAS}
    specs = catalogue_specs()
    for plan in OPEN_PLANS + FINISHED_PLANS + EVALUATION_PLANS:
        if plan.idea not in found and plan.idea in specs:
            found[plan.idea] = idea_from_spec(specs[plan.idea], specs)
    return found


def idea_from_spec(spec: InnovationSpec, specs: dict[str, InnovationSpec]) -> Idea:
    """The proposal's view of a catalogue innovation (the Indonesian side of its concept and record)."""
    concept = spec.concept
    results = []
    blocks = [block["value"] for block in spec.body if block["type"] == "result"]
    for index, value in enumerate(blocks):
        metric = concept.metrics[min(index, len(concept.metrics) - 1)]
        down = metric.unit_after is not metric.unit or metric.after < metric.before
        results.append(Result(value["label"], value["before"], value["after"], down))
    rng = random.Random(f"{SEED}-{spec.slug}")
    reach = concept.reach[0] if spec.origin is None else nice(concept.reach[0] * rng.uniform(0.08, 0.35))
    replicated_by = [other.org.name for other in specs.values() if other.origin is spec]
    replicated_by += [line for line in spec.replicated_elsewhere.id.splitlines() if line]
    origin = None
    if spec.origin is not None:
        best = max(spec.origin.awards, key=lambda a: (LEVEL_RANK.get(a.level, 0), a.year), default=None)
        award = (
            f"yang meraih {TIER_NAMES.get(best.tier, best.tier)} {best.competition.id} {best.year}"
            if best
            else ""
        )
        origin = (spec.origin.slug, spec.origin.title.id, spec.origin.org.name, award)
    return Idea(
        key=spec.slug,
        acronym=concept.acronym,
        title=spec.title.id,
        org=spec.org.slug,
        started_on=spec.started_on,
        stage=spec.stage,
        digital=spec.is_digital,
        themes=spec.themes,
        sdgs=spec.sdgs,
        innovator=spec.innovator.id,
        what=concept.what.id,
        problem=concept.problem.id,
        how=concept.how.id,
        target=concept.target.id,
        aim=concept.aim.id,
        benefits=tuple(benefit.id for benefit in concept.benefits),
        partners=concept.partners.id,
        results=tuple(results),
        reach=concept.reach[1].format(n=number(reach)).id,
        video_url=spec.video_url,
        replicated_by=tuple(replicated_by),
        origin=origin,
        catalogue_slug=spec.slug,
    )


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def low(text: str) -> str:
    return T(text, text).low().id


def month_year(date: datetime.date) -> str:
    return f"{MONTHS_ID[date.month - 1]} {date.year}"


def listing(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " dan " + items[-1]


def fit(paragraphs: list[str], limit: int | None) -> str:
    """The paragraphs, dropping whole sentences from the end until the text is within ``limit`` words."""
    parts = [[sentence for sentence in split_sentences(paragraph)] for paragraph in paragraphs if paragraph]
    while limit and count_words(" ".join(s for part in parts for s in part)) > limit:
        parts[-1].pop()
        if not parts[-1]:
            parts.pop()
    return "\n\n".join(" ".join(part) for part in parts)


def split_sentences(paragraph: str) -> list[str]:
    sentences, current = [], []
    for word in paragraph.split(" "):
        current.append(word)
        if word.endswith((".", "!")) and not word.endswith(("dr.", "M.Kes.", "S.Kep.")):
            sentences.append(" ".join(current))
            current = []
    if current:
        sentences.append(" ".join(current))
    return sentences


class Writer:
    """Writes an idea's answers to the sections of the 2023 form (and the replication sections)."""

    def __init__(self, idea: Idea, as_of: datetime.date):
        self.idea = idea
        self.as_of = as_of
        self.rng = random.Random(f"{SEED}-answers-{idea.key}")
        self.org = ORGS_BY_SLUG[idea.org]

    def choice(self, options):
        return options[self.rng.randrange(len(options))]

    def answers(self, sections: list[dict]) -> dict[str, str]:
        answers = {}
        for section in sections:
            write = getattr(self, f"section_{section['key']}", self.section_other)
            answers[section["key"]] = fit(write(), section.get("word_limit"))
        return answers

    # helpers

    @property
    def acr(self) -> str:
        return self.idea.acronym

    @property
    def short(self) -> str:
        return self.org.short.id

    def result_sentence(self, result: Result) -> str:
        verbs = (
            ["turun dari {b} menjadi {a}", "berhasil ditekan dari {b} menjadi {a}"]
            if result.down
            else [
                "naik dari {b} menjadi {a}",
                "meningkat dari {b} menjadi {a}",
            ]
        )
        return f"{cap(result.label)} {self.choice(verbs).format(b=result.before, a=result.after)}."

    def target_sentence(self) -> str:
        targets = [
            f"{low(result.label)} {'turun' if result.down else 'naik'} menjadi {result.after}"
            for result in self.idea.results
        ]
        return f"Target terukur yang ditetapkan sejak awal: {listing(targets)} dalam dua tahun penerapan."

    # sections of the general form

    def section_ringkasan(self) -> list[str]:
        idea = self.idea
        first = self.choice(
            [
                f"{self.acr} adalah inovasi {self.org.name} yang {idea.what}.",
                f"Melalui {self.acr}, {self.org.name} {idea.what}.",
            ]
        )
        results = [self.result_sentence(result) for result in idea.results[:1]]
        return [
            f"{first} Inovasi ini lahir karena {idea.problem}. Sasaran utamanya adalah {idea.target}.",
            " ".join([*results, f"Sejak {month_year(idea.started_on)}, {idea.reach}."]),
        ]

    def section_latar_belakang(self) -> list[str]:
        idea = self.idea
        opening = self.choice(
            [
                f"Sebelum {self.acr} diterapkan, {idea.problem}.",
                f"Selama bertahun-tahun {idea.problem}.",
                f"Kajian {self.short} pada {idea.started_on.year - 1} menunjukkan bahwa {idea.problem}.",
            ]
        )
        return [
            f"{cap(opening)} Kondisi ini paling memberatkan {idea.target}.",
            f"{self.acr} bertujuan {idea.aim}. {self.target_sentence()}",
            f"Data awal diambil dari laporan tahunan {self.short} tahun {idea.started_on.year - 1} dan "
            "dipantau setiap bulan sejak inovasi berjalan.",
        ]

    def section_kebaruan(self) -> list[str]:
        idea = self.idea
        support = (
            "Layanan didukung aplikasi yang dikembangkan bersama Diskominfo dan terhubung dengan Satu Data "
            "Kota Sukamaju, sehingga setiap tahap dapat dipantau secara terbuka."
            if idea.digital
            else "Kebaruannya tidak terletak pada teknologi, melainkan pada cara kerja: pembagian peran yang "
            "jelas antara petugas, kader dan warga, dituangkan dalam SOP."
        )
        return [
            f"Yang baru dari {self.acr} adalah cara layanan diberikan: kini {self.short} {idea.what}. {support}",
            f"Dibandingkan cara sebelumnya, nilai tambah bagi warga adalah {idea.benefits[0]}.",
        ]

    def section_implementasi(self) -> list[str]:
        idea = self.idea
        pilot = {
            "puskesmas": "satu posyandu",
            "kelurahan": "dua RW",
            "kecamatan": "satu kelurahan",
            "rsud": "satu poliklinik",
        }.get(self.org.kind, "satu kecamatan")
        return [
            f"{self.acr} mulai diterapkan pada {month_year(idea.started_on)}. {cap(idea.how)}.",
            f"Tahapan penerapannya: sosialisasi kepada {idea.target}; pelatihan petugas dan penyusunan SOP; "
            f"uji coba selama tiga bulan di {pilot}; lalu penerapan penuh dengan evaluasi setiap triwulan.",
            f"Pelaksanaannya melibatkan {idea.partners}.",
        ]

    def section_signifikansi(self) -> list[str]:
        idea = self.idea
        year = min(self.as_of.year, idea.started_on.year + 1)
        satisfaction = number(self.rng.uniform(82, 94), 1).id
        return [
            f"Dampak {self.acr} diukur dengan membandingkan data sebelum dan sesudah penerapan, yang dicatat "
            f"setiap bulan oleh {self.short}.",
            " ".join(
                [
                    *(self.result_sentence(result) for result in idea.results),
                    f"Hingga {month_year(self.as_of)}, {idea.reach}.",
                ]
            ),
            f"Manfaat yang paling dirasakan: {listing(idea.benefits)}.",
            f"Angka-angka tersebut bersumber dari laporan evaluasi {year} yang disusun bersama "
            f"{self.choice(EVALUATORS)}; laporannya kami lampirkan sebagai dokumen pendukung. Survei kepuasan "
            f"masyarakat terhadap layanan ini menghasilkan indeks {satisfaction} dari skala 100.",
        ]

    def section_adaptabilitas_replikasi(self) -> list[str]:
        idea = self.idea
        if idea.origin is not None:
            return [
                f"{self.acr} di {self.org.name} sendiri merupakan replikasi dari inovasi {idea.origin[2]}. "
                f"Belum ada unit lain yang mereplikasi versi {self.short}, tetapi dua unit di sekitar kami "
                "sudah melakukan studi tiru."
            ]
        if idea.replicated_by:
            return [
                f"{self.acr} telah direplikasi oleh {listing(idea.replicated_by[:5])}, melalui studi tiru dan "
                f"pendampingan langsung oleh tim {self.acr}."
            ]
        return [
            f"Belum ada. {self.acr} dipaparkan dalam forum inovasi kota pada {self.as_of.year}, dan beberapa "
            "unit telah menyatakan minat untuk menirunya."
        ]

    def section_adaptabilitas_potensi(self) -> list[str]:
        reason = (
            "aplikasinya dapat dipasang ulang tanpa biaya lisensi dan prosedurnya sudah dibakukan dalam SOP"
            if self.idea.digital
            else "tidak membutuhkan teknologi khusus, cukup pembagian peran yang jelas dan komitmen petugas"
        )
        return [
            f"{self.acr} dapat diterapkan di instansi atau daerah lain karena {reason}.",
            f"Syarat utamanya adalah dukungan pimpinan, petugas yang terlatih dan kerja sama dengan "
            f"{self.idea.partners}. Tim {self.acr} siap mendampingi instansi yang ingin mereplikasi, termasuk "
            "berbagi SOP dan materi pelatihan.",
        ]

    def section_sumber_daya(self) -> list[str]:
        budget = money(self.choice([45, 60, 85, 120, 150, 240]) * 1_000_000).id
        staff = self.rng.randint(4, 12)
        equipment = (
            "aplikasi dan server di pusat data pemerintah kota, serta komputer dan ponsel petugas yang sudah ada"
            if self.idea.digital
            else "kendaraan operasional, perlengkapan lapangan dan ruang layanan yang sudah ada"
        )
        return [
            f"Anggaran: sekitar {budget} per tahun dari APBD melalui DPA {self.short}.",
            f"Sumber daya manusia: {staff} petugas yang ditetapkan dalam SK tim inovasi, dibantu "
            f"{self.idea.partners}.",
            "Metode: SOP layanan, rapat evaluasi bulanan dan survei kepuasan pengguna setiap semester.",
            f"Sarana dan peralatan: {equipment}.",
        ]

    def section_keberlanjutan(self) -> list[str]:
        legal = self.choice(
            [
                "Keputusan Wali Kota Sukamaju",
                "Peraturan Wali Kota Sukamaju",
                f"surat keputusan Kepala {self.short}",
            ]
        )
        return [
            f"Secara kelembagaan, {self.acr} telah ditetapkan dengan {legal} dan masuk dalam rencana "
            f"strategis {self.short}, sehingga tidak bergantung pada pimpinan yang sedang menjabat.",
            f"Secara manajerial, {self.acr} dikelola tim inovasi yang ditetapkan dengan SK. SOP ditinjau setiap "
            "tahun, petugas baru mendapat pelatihan berkala, dan biaya operasionalnya menjadi belanja rutin "
            "dalam APBD.",
            f"Secara sosial, {self.acr} didukung {self.idea.partners}. Warga dilibatkan melalui forum "
            "konsultasi publik dan dapat menyampaikan masukan melalui SP4N-LAPOR!.",
        ]

    # sections of the replication group

    def section_inspirasi(self) -> list[str]:
        origin = self.idea.origin
        if origin is None:
            return [f"{self.acr} tidak mereplikasi inovasi lain."]
        _slug, title, org_name, award = origin
        award = f", {award}" if award else ""
        return [
            f"{self.acr} mereplikasi inovasi {title} dari {org_name}{award}. Inovasi asal dipilih karena "
            f"{self.idea.target} di wilayah kami menghadapi masalah yang sama."
        ]

    def section_proses_replikasi(self) -> list[str]:
        origin = self.idea.origin
        source = origin[2] if origin else "unit asal"
        return [
            f"Tim {self.short} melakukan studi tiru ke {source} pada {self.idea.started_on.year}, lalu "
            "menyepakati pendampingan dengan tim asal.",
            "Petugas dilatih langsung oleh tim asal, SOP disesuaikan dengan kondisi wilayah, dan layanan "
            f"diujicobakan selama tiga bulan sebelum diterapkan penuh pada {month_year(self.idea.started_on)}.",
        ]

    def section_perbedaan(self) -> list[str]:
        adaptations = self.rng.sample(ADAPTATIONS, 2)
        return [" ".join(adaptation.format(acr=T(self.acr, self.acr)).id for adaptation in adaptations)]

    def section_other(self) -> list[str]:
        return [f"{self.acr}: {self.org.name} {self.idea.what}.", f"{cap(self.idea.how)}."]


# -- attachments --------------------------------------------------------------------------------------

ATTACHMENT_TEXT = {
    "pernyataan_implementasi": (
        "Surat Pernyataan Implementasi Inovasi",
        "Yang bertanda tangan di bawah ini, Kepala {org}, menyatakan bahwa inovasi {title} telah "
        "diimplementasikan sejak {started} dan masih berjalan sampai surat ini dibuat.",
    ),
    "sk_inovator": (
        "Keputusan Kepala {org} tentang Tim Inovasi {acr}",
        "Menetapkan {innovator} sebagai inovator dan pengelola inovasi {title}, dengan tugas menjalankan, "
        "memantau dan melaporkan pelaksanaan inovasi setiap triwulan.",
    ),
    "pernyataan_replikasi": (
        "Surat Pernyataan Kesediaan Direplikasi",
        "Kepala {org} menyatakan bersedia inovasi {title} direplikasi oleh instansi lain dan bersedia "
        "mendampingi proses replikasinya.",
    ),
    "dokumen_pendukung": (
        "Laporan Evaluasi Inovasi {acr}",
        "Laporan evaluasi pelaksanaan inovasi {title}: data sebelum dan sesudah penerapan, hasil survei "
        "kepuasan masyarakat dan rencana tindak lanjut.",
    ),
}


def attachment_pdf(idea: Idea, slot: dict, signed: datetime.date) -> tuple[str, bytes]:
    org = ORGS_BY_SLUG[idea.org]
    title, text = ATTACHMENT_TEXT.get(slot["key"], (slot["label"], "Lampiran inovasi {title}."))
    values = {
        "org": org.name,
        "title": idea.title,
        "acr": idea.acronym,
        "innovator": idea.innovator,
        "started": f"{idea.started_on.day} {month_year(idea.started_on)}",
    }
    lines = [
        f"{org.name} - {data.GOVERNMENT_NAME}",
        "",
        text.format(**values),
        "",
        f"Sukamaju, {signed.day} {month_year(signed)}",
        f"Kepala {org.name}",
        "",
        "(tertanda)",
        "",
        "Dokumen contoh untuk portal demo wagtail-kipp. Seluruh organisasi, nama dan angka di dalamnya fiktif.",
    ]
    spec = DocumentSpec(key=f"{idea.key}-{slot['key']}", title=T(title.format(**values), ""), lines=lines)
    name = f"{slugify(idea.acronym)}-{slot['key'].replace('_', '-')}.pdf"
    return name, render_pdf(spec)


# -- loading ------------------------------------------------------------------------------------------


def load_rounds(loader) -> None:
    """Create the rounds, accounts and proposals (see the module's docstring); ``loader`` is the DemoLoader."""
    # The services e-mail every change to the organisation: not from a demo load.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        RoundLoader(loader).run()


class RoundLoader:
    def __init__(self, loader):
        self.loader = loader
        self.progress = loader.progress
        self.now = timezone.now()

    def run(self) -> None:
        with transaction.atomic():
            self.load_accounts()
            self.open_round = self.load_round(OPEN_ROUND, self.open_entry_period())
            self.finished_round = self.load_round(FINISHED_ROUND, FINISHED_ENTRY_PERIOD)
            self.evaluation_round = self.load_round(EVALUATION_ROUND, self.evaluation_entry_period())
            self.load_secretariat_page_permissions()
        self.ideas = ideas()
        self.load_entries(self.finished_round, FINISHED_PLANS)
        self.load_entries(self.evaluation_round, EVALUATION_PLANS)
        self.load_entries(self.open_round, OPEN_PLANS)
        from .jury import load_jury

        load_jury(self)

    # accounts

    def load_accounts(self) -> None:
        user_model = get_user_model()
        organisations = self.loader.organisations
        # One hash for all operators (they share the demo password), checked once per stored hash.
        hashed = None
        verified: dict[str, bool] = {}
        existing = {user.username: user for user in user_model.objects.filter(username__in=OPERATORS_BY_NAME)}
        self.operators = {}
        for operator in OPERATORS:
            user = existing.get(operator.username)
            if user is None:
                hashed = hashed or make_password(OPERATOR_PASSWORD)
                user = user_model.objects.create(
                    username=operator.username,
                    email=f"{operator.username}@sukamaju.example",
                    first_name=operator.first_name,
                    last_name=operator.last_name,
                    password=hashed,
                )
            else:
                if user.password not in verified:
                    verified[user.password] = user.check_password(OPERATOR_PASSWORD)
                if not verified[user.password] or not user.is_active:
                    hashed = hashed or make_password(OPERATOR_PASSWORD)
                    user.password = hashed
                    user.is_active = True
                    user.save(update_fields=["password", "is_active"])
            self.operators[operator.username] = user
            have = set(Membership.objects.filter(user=user).values_list("organisation__slug", flat=True))
            for slug in operator.organisations:
                if slug not in have:
                    Membership.objects.create(user=user, organisation=organisations[slug])

        username, password, email = SECRETARIAT
        secretariat, created = user_model.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": "Sekretariat", "last_name": "KIPP Kota Sukamaju"},
        )
        if created or not secretariat.check_password(password) or not secretariat.is_active:
            secretariat.is_active = True
            secretariat.set_password(password)
            secretariat.save()
        group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
        self.secretariat_group = group
        wanted = Permission.objects.filter(
            content_type__in=ContentType.objects.get_for_models(
                Entry, EntryAttachment, Invitation, Membership
            ).values()
        ) | Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        missing = wanted.exclude(pk__in=group.permissions.values("pk"))
        if missing.exists():
            group.permissions.add(*missing)
        secretariat.groups.add(group)
        # Fetched again: permissions are cached on the user object.
        self.secretariat = user_model.objects.get(pk=secretariat.pk)

        # The editors maintain the catalogue's snippets (organisations, themes, SDGs, proposal forms).
        editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
        snippet_types = ContentType.objects.get_for_models(Organisation, Theme, ProposalTemplate).values()
        wanted = Permission.objects.filter(content_type__in=snippet_types) | Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(SustainableDevelopmentGoal),
            codename__in=["view_sustainabledevelopmentgoal", "change_sustainabledevelopmentgoal"],
        )
        missing = wanted.exclude(pk__in=editors.permissions.values("pk"))
        if missing.exists():
            editors.permissions.add(*missing)

        email, slug = INVITATION
        if not Invitation.objects.filter(email=email).exists():
            invitation = Invitation(
                email=email, organisation=organisations[slug], invited_by=self.secretariat
            )
            invitation.issue_token(datetime.timedelta(days=14))
            invitation.save()

    def load_secretariat_page_permissions(self) -> None:
        """The secretariat edits and publishes the rounds (their dates, rules and groups)."""
        for page in (self.open_round, self.finished_round, self.evaluation_round):
            for kind in ("change", "publish"):
                if not GroupPagePermission.objects.filter(
                    group=self.secretariat_group, page=page, permission__codename__startswith=f"{kind}_"
                ).exists():
                    GroupPagePermission.objects.create(
                        group=self.secretariat_group, page=page, permission_type=kind
                    )

    # rounds

    def open_entry_period(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Opened 20 days ago, closing in 21 days at 23:59 WIB; kept from the last run while a week is left."""
        existing = CompetitionPage.objects.child_of(self.loader.home).filter(slug=OPEN_ROUND.slug).first()
        stage = existing.get_stage("entry") if existing else None
        if (
            stage
            and stage.opens_at <= self.now
            and stage.closes_at - self.now >= datetime.timedelta(days=MINIMUM_DAYS_LEFT)
        ):
            today = stage.opens_at.astimezone(WIB).date() + datetime.timedelta(days=OPENED_DAYS_AGO)
        else:
            today = self.now.astimezone(WIB).date()
        opens = at(today - datetime.timedelta(days=OPENED_DAYS_AGO), 8, 0)
        closes = at(today + datetime.timedelta(days=CLOSES_IN_DAYS), 23, 59)
        return opens, closes

    def evaluation_entry_period(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Closed weeks ago, so that the desk evaluation runs now; kept from the last run while it does."""
        existing = (
            CompetitionPage.objects.child_of(self.loader.home).filter(slug=EVALUATION_ROUND.slug).first()
        )
        desk = existing.get_stage("desk_evaluation") if existing else None
        if desk and desk.opens_at <= self.now <= desk.closes_at - datetime.timedelta(days=3):
            stage = existing.entry_stage
            return stage.opens_at, stage.closes_at
        today = self.now.astimezone(WIB).date()
        return (
            at(today - datetime.timedelta(days=EVALUATION_OPENED_DAYS_AGO), 8, 0),
            at(today - datetime.timedelta(days=EVALUATION_CLOSED_DAYS_AGO), 23, 59),
        )

    def load_round(
        self, spec: RoundSpec, period: tuple[datetime.datetime, datetime.datetime]
    ) -> CompetitionPage:
        opens, closes = period
        deadline = closes.astimezone(WIB).date()
        stages = [{"kind": "entry", "name": "", "opens_at": opens, "closes_at": closes}]
        for stage in spec.stages:
            stages.append(
                {
                    "kind": stage.kind,
                    "name": "",
                    "opens_at": at(deadline + datetime.timedelta(days=stage.opens[0]), *stage.opens[1:]),
                    "closes_at": at(deadline + datetime.timedelta(days=stage.closes[0]), *stage.closes[1:]),
                    "advancing": stage.advancing,
                    "passing_score": stage.passing_score,
                    "weight": stage.weight,
                    "reviewers_per_entry": stage.reviewers,
                }
            )
        groups = [
            {
                "slug": slug,
                "name": name,
                "name_en": name_en,
                "kind": slug,
                "template_id": self.template(spec, name, preset).pk,
                "invitation_only": False,
            }
            for slug, name, name_en, preset in GROUPS
        ]
        themes = [self.loader.themes[slug] for slug in spec.themes]

        def relations(page) -> bool:
            changed = sync_children(page, "stages", Stage, "kind", stages)
            changed = sync_children(page, "entry_groups", EntryGroup, "slug", groups) or changed
            current = sorted(theme.pk for theme in page.themes.all()) if page.pk else []
            if current != sorted(theme.pk for theme in themes):
                page.themes = themes
                changed = True
            return changed

        values = {
            "title": spec.title,
            "year": spec.year,
            "intro": spec.intro,
            "rules": spec.rules,
            "timezone": "Asia/Jakarta",
            "sdgs_enabled": True,
            "max_entries_per_group": 3,
            "minimum_age_months": 12,
            "coordinator_approval": False,
            "grace_minutes": 15,
            "show_in_menus": spec.show_in_menus,
            "search_description": spec.intro,
            # The demo shows both kinds of results story.
            "news_drafts": NewsDrafts.FINALISTS_AND_WINNERS,
        }
        page = self.loader.upsert_page(self.loader.home, CompetitionPage, spec.slug, values, relations)
        if spec.title_en:
            # Before the jury publishes anything, so that the English results stories carry the English title.
            self.loader.translate(page, {spec.title: spec.title_en})
        return CompetitionPage.objects.get(pk=page.pk)

    def template(self, spec: RoundSpec, group_name: str, preset: str) -> ProposalTemplate:
        """The round's own copy of the national form: a preset duplicated, or built from the 2023 list."""
        name = f"{spec.title}: {group_name}"
        template = ProposalTemplate.objects.filter(name=name, preset="").first()
        if template is not None:
            return template
        source = ProposalTemplate.objects.filter(preset=preset).first()
        if source is not None:
            template = source.duplicate(name=name)
        else:
            template = build_template(name, replication=preset.endswith("replikasi"))
        template.description = (
            f"Formulir {group_name.lower()} {spec.title}, disalin dari formulir KIPP Nasional 2023."
        )
        template.save(update_fields=["description"])
        return template

    # proposals

    def load_entries(self, competition: CompetitionPage, plans: list[Plan]) -> None:
        organisations = self.loader.organisations
        groups = {group.slug: group for group in competition.entry_groups.select_related("template")}
        existing = set(
            Entry.objects.filter(competition=competition).values_list("organisation__slug", "title")
        )
        opens = competition.entry_stage.opens_at
        deadline = competition.entry_deadline
        slugs = {idea.catalogue_slug for idea in self.ideas.values()}
        slugs |= {idea.origin[0] for idea in self.ideas.values() if idea.origin}
        pages = {
            page.slug: page
            for page in InnovationPage.objects.filter(locale=self.loader.id_locale, slug__in=slugs)
        }
        work = []
        for plan in plans:
            idea = self.ideas.get(plan.idea)
            if idea is None or (idea.org, idea.title) in existing:
                continue
            origin_page = pages.get(idea.origin[0]) if idea.origin else None
            if plan.group == "replikasi" and origin_page is None:
                continue  # a smaller catalogue (--innovations) may lack the original
            work.append(
                Work(
                    plan=plan,
                    idea=idea,
                    user=self.operators[plan.operator],
                    organisation=organisations[idea.org],
                    group=groups[plan.group],
                    innovation=pages.get(idea.catalogue_slug),
                    replicated=origin_page,
                    times=Times(plan, opens, deadline, self.now),
                )
            )
        if not work:
            return
        sdgs = self.loader.sdgs
        offered = {theme.slug: theme for theme in competition.themes.all()}
        # Every service call saves the entry; index its references once, at the end.
        with transaction.atomic(), disable_reference_index_auto_update():
            for item in sorted(work, key=lambda item: item.times.created):
                self.write(competition, item, sdgs, offered)
            # Submissions in the order they happened, so that reference numbers follow it.
            for item in sorted((w for w in work if w.times.submitted), key=lambda item: item.times.submitted):
                self.submit(item)
            for item in work:
                self.after_submission(item)
            for item in work:
                self.date_back(item)
        if ReferenceIndex.is_indexed(Entry):
            for item in work:
                ReferenceIndex.create_or_update_for_object(item.entry)
        self.progress(f"  {competition.title}: {len(work)} proposals")

    def write(self, competition, item: Work, sdgs, offered) -> None:
        plan, idea, user, times = item.plan, item.idea, item.user, item.times
        entry = services.create_entry(
            user, competition, item.organisation, item.group, idea.title, now=times.created
        )
        item.entry = entry
        item.events.append(("create", times.created))
        sections = item.group.template.snapshot()["sections"]
        answers = Writer(idea, as_of=times.created.date()).answers(sections)
        if plan.sections is not None:
            answers = {section["key"]: answers[section["key"]] for section in sections[: plan.sections]}
        fields = {"started_on": idea.started_on, "innovation_stage": idea.stage}
        themes = sdg_list = None
        if plan.header:
            org = ORGS_BY_SLUG[idea.org]
            rng = random.Random(f"{SEED}-contact-{idea.key}")
            fields.update(
                is_digital=idea.digital,
                video_url=idea.video_url,
                innovator_name=idea.innovator,
                innovator_phone=f"0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                innovator_email=f"inovasi.{slugify(org.acronym or org.name)}@sukamaju.example",
                innovation=item.innovation,
                replicated_innovation=item.replicated,
            )
            themes = [offered[slug] for slug in idea.themes if slug in offered] or list(offered.values())[:1]
            sdg_list = [sdgs[goal] for goal in idea.sdgs if goal in sdgs]
        services.save_draft(
            entry,
            user,
            based_on_version=entry.version,
            fields=fields,
            answers=answers,
            themes=themes,
            sdgs=sdg_list,
            now=times.saved,
        )
        slots = item.group.template.snapshot()["attachment_slots"]
        required = [slot for slot in slots if slot["required"]]
        chosen = required if plan.files is None else required[: plan.files]
        if plan.supporting:
            chosen += [slot for slot in slots if not slot["required"]]
        for slot in chosen:
            name, content = attachment_pdf(idea, slot, times.saved.date())
            store_attachment(entry, user, slot["key"], ContentFile(content, name=name), now=times.saved)
            item.events.append(("attachment_upload", times.saved))

    def submit(self, item: Work) -> None:
        try:
            services.submit(item.entry, item.user, now=item.times.submitted)
        except services.SubmissionProblems as problems:
            self.progress(f"  not submitted: {item.idea.title}: {'; '.join(problems.messages)}")
            item.times.submitted = None
            return
        item.events.append(("submit", item.times.submitted))

    def after_submission(self, item: Work) -> None:
        plan, entry = item.plan, item.entry
        if not item.times.submitted:
            return
        if plan.status == EntryStatus.RETURNED:
            services.return_for_correction(entry, self.secretariat, plan.note)
            item.events.append(("return", item.times.later))
        elif plan.status == EntryStatus.WITHDRAWN:
            services.withdraw(entry, item.user, now=item.times.later)
            item.events.append(("withdraw", item.times.later))
        elif plan.status in (EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE):
            passed = plan.status == EntryStatus.ELIGIBLE
            reason = plan.note or "Lengkap dan memenuhi syarat."
            services.record_check(entry, self.secretariat, passed=passed, reason=reason)
            item.events.append(("pass_check" if passed else "fail_check", item.times.later))

    def date_back(self, item: Work) -> None:
        """Give the proposal and its history the dates of the plan (the services stamp the present)."""
        entry, times = item.entry, item.times
        last = max(time for _action, time in item.events)
        values = {"created_at": times.created, "updated_at": max(last, times.saved)}
        if item.plan.status in (EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE) and times.submitted:
            values["checked_at"] = times.later
        Entry.objects.filter(pk=entry.pk).update(**values)
        EntryAttachment.objects.filter(entry=entry).update(uploaded_at=times.saved)
        pending = list(item.events)
        logs = ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Entry), object_id=str(entry.pk)
        ).order_by("pk")
        for log_entry in logs:
            verb = log_entry.action.rsplit(".", 1)[-1]
            match = next((event for event in pending if event[0] == verb), None)
            if match is not None:
                pending.remove(match)
                ModelLogEntry.objects.filter(pk=log_entry.pk).update(timestamp=match[1])


class Times:
    """The moments of one proposal's history, from the plan's day numbers."""

    def __init__(
        self, plan: Plan, opens: datetime.datetime, deadline: datetime.datetime, now: datetime.datetime
    ):
        rng = random.Random(f"{SEED}-times-{plan.idea}")
        first_day = opens.astimezone(WIB).date()
        latest = min(now, deadline) - datetime.timedelta(hours=1)

        def moment(day: int) -> datetime.datetime:
            when = at(first_day + datetime.timedelta(days=day), rng.randint(8, 15), rng.randint(0, 59))
            return max(opens + datetime.timedelta(minutes=5), min(when, latest))

        self.created = moment(plan.started)
        self.saved = max(self.created, moment(plan.started + rng.randint(0, 3)))
        self.submitted = None
        self.later = None
        if plan.submitted is not None:
            self.submitted = max(self.saved + datetime.timedelta(minutes=20), moment(plan.submitted))
            self.later = self.submitted + datetime.timedelta(days=plan.later, hours=rng.randint(1, 5))
            if plan.status not in (EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE):
                self.later = min(self.later, now - datetime.timedelta(minutes=30))


@dataclass
class Work:
    plan: Plan
    idea: Idea
    user: object
    organisation: Organisation
    group: EntryGroup
    innovation: InnovationPage | None
    replicated: InnovationPage | None
    times: Times
    entry: Entry | None = None
    #: (verb of the log action, when it happened), in the order the services ran.
    events: list[tuple[str, datetime.datetime]] = field(default_factory=list)


# -- helpers ------------------------------------------------------------------------------------------


def at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)


def sync_children(page, name: str, model, key: str, wanted: list[dict]) -> bool:
    """
    Make the inline objects ``name`` of ``page`` match ``wanted``, matched by ``key`` and updated in place
    (so that entries keep their group); return whether anything changed.
    """
    existing = {getattr(obj, key): obj for obj in getattr(page, name).all()} if page.pk else {}
    objects, changed = [], False
    for order, values in enumerate(wanted):
        obj = existing.pop(values[key], None)
        if obj is None:
            obj = model(**values)
            changed = True
        else:
            for attribute, value in values.items():
                if getattr(obj, attribute) != value:
                    setattr(obj, attribute, value)
                    changed = True
        if obj.sort_order != order:
            obj.sort_order = order
            changed = True
        objects.append(obj)
    if existing:
        changed = True
    if changed:
        setattr(page, name, objects)
    return changed


#: The 2023 national form (DOMAIN.md), used when the package's presets are not installed.
FALLBACK_SECTIONS = [
    ("ringkasan", "Ringkasan", 200),
    ("latar_belakang", "Latar Belakang dan Tujuan", 300),
    ("kebaruan", "Kebaruan/Nilai Tambah", 200),
    ("implementasi", "Implementasi", 200),
    ("signifikansi", "Signifikansi", 600),
    ("adaptabilitas_replikasi", "Adaptabilitas: Inovasi yang Telah Direplikasi", 100),
    ("adaptabilitas_potensi", "Adaptabilitas: Potensi Replikasi", 200),
    ("sumber_daya", "Sumber Daya", 200),
    ("keberlanjutan", "Strategi Keberlanjutan", 500),
]
FALLBACK_REPLICATION = [
    ("inspirasi", "Inspirasi Replikasi", 100),
    ("proses_replikasi", "Proses Replikasi", 200),
    ("perbedaan", "Perbedaan dengan Inovasi Asal", 100),
]
FALLBACK_SLOTS = [
    ("pernyataan_implementasi", "Surat pernyataan bahwa inovasi telah diimplementasikan", True, 1),
    ("sk_inovator", "SK inovator atau tim inovasi", True, 1),
    ("pernyataan_replikasi", "Surat pernyataan kesediaan inovasi untuk direplikasi", True, 1),
    ("dokumen_pendukung", "Dokumen pendukung", False, 2),
]


def build_template(name: str, replication: bool) -> ProposalTemplate:
    sections = (
        FALLBACK_SECTIONS[:1] + FALLBACK_REPLICATION + FALLBACK_SECTIONS[1:]
        if replication
        else FALLBACK_SECTIONS
    )
    template = ProposalTemplate.objects.create(name=name)
    for order, (key, heading, limit) in enumerate(sections):
        TemplateSection.objects.create(
            template=template, sort_order=order, key=key, heading=heading, word_limit=limit
        )
    for order, (key, label, required, size) in enumerate(FALLBACK_SLOTS):
        AttachmentSlot.objects.create(
            template=template,
            sort_order=order,
            key=key,
            label=label,
            required=required,
            allowed_types=["pdf"],
            max_size_mb=Decimal(size),
        )
    return template


# -- the command's summary ----------------------------------------------------------------------------


def logins() -> list[tuple[str, str, str]]:
    """(username, password, role) of the accounts to print."""
    rows = [(SECRETARIAT[0], SECRETARIAT[1], f"secretariat, group {SECRETARIAT_GROUP}: Wagtail admin")]
    rows += [
        (operator.username, OPERATOR_PASSWORD, f"operator, {operator.note}; entrant portal /portal/")
        for operator in OPERATORS
        if operator.note
    ]
    return rows


def other_operators() -> list[str]:
    return [operator.username for operator in OPERATORS if not operator.note]


def summary() -> str:
    rounds = CompetitionPage.objects.filter(
        slug__in=[OPEN_ROUND.slug, FINISHED_ROUND.slug, EVALUATION_ROUND.slug]
    )
    entries = Entry.objects.filter(competition__in=rounds)
    counts = {status: entries.filter(status=status).count() for status in EntryStatus.values}
    listed = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    return f"  {rounds.count()} competition rounds, {entries.count()} proposals ({listed})"
