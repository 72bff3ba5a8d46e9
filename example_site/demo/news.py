"""
The demo's news area: a few stories written by the portal's editors (in Indonesian and English, some with the
competition blocks), and the results stories the package drafted when the 2025 round's finalists and winners
were published, approved and published as an editor would.

Idempotent like the rest of the demo: pages are looked up by slug and written only when they differ.
"""

from __future__ import annotations

import datetime
import html
import uuid
from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page

from wagtail_kipp.models import CompetitionPage, NewsPage, ResultsNews

from .text import T

BLOCK_NAMESPACE = uuid.UUID("5b0c7e1e-1f40-4d2c-9f55-3f6e0f1a2b77")
WIB = datetime.timezone(datetime.timedelta(hours=7))


@dataclass(frozen=True)
class Story:
    slug: str
    title: T
    lead: T
    #: The story's date: a fixed date, or days after the open round's entry stage opened.
    date: datetime.date | None
    tags: tuple[str, ...]
    #: ("heading" | "paragraph", text) pairs, and ("call" | "timeline" | "winners", round slug) blocks.
    body: tuple[tuple[str, T | str], ...]
    days_after_opening: int = 0


STORIES = (
    Story(
        "pendaftaran-kipp-2026-dibuka",
        T("Pendaftaran KIPP Kota Sukamaju 2026 resmi dibuka", "Entries open for Sukamaju City KIPP 2026"),
        T(
            "Seluruh perangkat daerah dan unit layanan di Kota Sukamaju dapat mengirimkan proposal inovasi "
            "melalui portal ini hingga batas waktu pendaftaran.",
            "Every department and service unit of Sukamaju City can submit its innovation proposal through "
            "this portal until the entry deadline.",
        ),
        None,
        ("kipp-2026", "pendaftaran"),
        (
            (
                "paragraph",
                T(
                    "Sekretaris Daerah Kota Sukamaju membuka pendaftaran KIPP 2026 dalam rapat koordinasi "
                    "bersama kepala perangkat daerah di Balai Kota. Tahun ini setiap instansi dapat "
                    "mengirimkan paling banyak tiga proposal pada setiap kelompok.",
                    "The City Secretary opened the entries for KIPP 2026 at a coordination meeting with the "
                    "heads of department at City Hall. This year every agency may submit up to three "
                    "proposals in each group.",
                ),
            ),
            ("call", "kipp-2026"),
            ("heading", T("Jadwal kompetisi", "The competition's timetable")),
            ("timeline", "kipp-2026"),
            (
                "paragraph",
                T(
                    "Proposal ditulis dan dikirim melalui portal pengusul. Admin lokal setiap instansi "
                    "menerima undangan dari sekretariat untuk membuat akun.",
                    "Proposals are written and sent through the entrant portal. Each agency's local "
                    "administrator receives an invitation from the secretariat to create an account.",
                ),
            ),
        ),
        days_after_opening=0,
    ),
    Story(
        "bimtek-penyusunan-proposal-2026",
        T(
            "Empat puluh unit layanan ikut bimbingan teknis penyusunan proposal",
            "Forty service units attend a proposal-writing workshop",
        ),
        T(
            "Bagian Organisasi mengajak operator dan inovator membedah kriteria penilaian dan contoh "
            "proposal pemenang tahun lalu.",
            "The Organisation Division walked operators and innovators through the assessment criteria and "
            "last year's winning proposals.",
        ),
        None,
        ("kipp-2026", "bimtek"),
        (
            (
                "paragraph",
                T(
                    "Bimbingan teknis berlangsung sehari penuh. Peserta berlatih menulis ringkasan dalam 200 "
                    "kata, menunjukkan dampak dengan data sebelum dan sesudah, serta menyiapkan video tiga "
                    "menit.",
                    "The workshop took a full day. Participants practised writing a 200-word summary, "
                    "showing impact with before-and-after figures, and preparing a three-minute video.",
                ),
            ),
            ("heading", T("Pemenang 2025 berbagi pengalaman", "The 2025 winners share their experience")),
            ("winners", "kipp-2025"),
        ),
        days_after_opening=7,
    ),
    Story(
        "tpi-kipp-2025-verifikasi-lapangan",
        T(
            "Tim Panel Independen memverifikasi inovasi finalis di lapangan",
            "The independent panel checks the finalists' innovations on site",
        ),
        T(
            "Juri mengunjungi puskesmas, kelurahan dan kantor pelayanan untuk melihat langsung inovasi yang "
            "dipresentasikan.",
            "The jurors visited health centres, urban villages and service offices to see the innovations "
            "they had heard presented.",
        ),
        datetime.date(2025, 10, 8),
        ("kipp-2025", "verifikasi-lapangan"),
        (
            (
                "paragraph",
                T(
                    "Dalam verifikasi lapangan, juri mewawancarai pengguna layanan dan memeriksa data yang "
                    "dilaporkan dalam proposal. Hasilnya menjadi bagian dari nilai akhir.",
                    "During the field visits the jurors interviewed service users and checked the figures "
                    "reported in the proposals. What they found counts towards the final score.",
                ),
            ),
        ),
    ),
    Story(
        "inovasi-sukamaju-ke-kipp-provinsi",
        T(
            "Inovasi pemenang Sukamaju diusulkan ke KIPP Provinsi Jawa Tengah",
            "Sukamaju's winning innovations go forward to the Central Java provincial round",
        ),
        T(
            "Pemenang KIPP Kota Sukamaju 2025 menyiapkan proposal untuk kompetisi tingkat provinsi dan "
            "nasional.",
            "The winners of Sukamaju City KIPP 2025 are preparing their entries for the provincial and "
            "national rounds.",
        ),
        datetime.date(2025, 11, 20),
        ("kipp-2025", "provinsi"),
        (
            (
                "paragraph",
                T(
                    "Sekretariat mendampingi para pemenang menyesuaikan proposal dengan format nasional di "
                    "SINOVIK, termasuk batas jumlah kata dan lampiran yang diwajibkan.",
                    "The secretariat is helping the winners adapt their proposals to the national format in "
                    "SINOVIK, including its word limits and required attachments.",
                ),
            ),
            ("results", "kipp-2025"),
        ),
    ),
)


def block_id(slug: str, index: int) -> str:
    return str(uuid.uuid5(BLOCK_NAMESPACE, f"news/{slug}/{index}"))


def story_body(story: Story, rounds: dict[str, Page]) -> list[dict]:
    """Raw StreamField data (stable block ids) of a story's body, in Indonesian."""
    blocks = []
    for index, (kind, value) in enumerate(story.body):
        if kind == "heading":
            data = {"type": "heading", "value": value.id}
        elif kind == "paragraph":
            data = {"type": "paragraph", "value": f"<p>{html.escape(value.id, quote=False)}</p>"}
        elif kind == "call":
            data = {
                "type": "call_for_proposals",
                "value": {"heading": "", "text": "", "round": rounds[value].pk},
            }
        elif kind == "timeline":
            data = {"type": "round_timeline", "value": {"round": rounds[value].pk}}
        elif kind == "winners":
            data = {
                "type": "latest_winners",
                "value": {"heading": "", "round": rounds[value].pk, "number": 6},
            }
        elif kind == "results":
            data = {"type": "results_table", "value": {"round": rounds[value].pk, "show": "winners"}}
        else:
            raise ValueError(kind)
        blocks.append({**data, "id": block_id(story.slug, index)})
    return blocks


def story_strings(story: Story) -> dict[str, str]:
    strings = {story.title.id: story.title.en, story.lead.id: story.lead.en}
    for kind, value in story.body:
        if kind == "heading":
            strings[value.id] = value.en
        elif kind == "paragraph":
            strings[html.escape(value.id, quote=False)] = html.escape(value.en, quote=False)
    return strings


def load_news_area(loader) -> None:
    """The editors' stories in the news area, with their English versions, and the rounds in English."""
    rounds = {
        page.slug: page
        for page in CompetitionPage.objects.child_of(loader.home).filter(locale=loader.id_locale)
    }
    opening = _open_round_opening(rounds.get("kipp-2026"))
    with transaction.atomic():
        index = loader.news_index
        for story in STORIES:
            date = story.date or opening + datetime.timedelta(days=story.days_after_opening)
            page = loader.upsert_page(
                index,
                NewsPage,
                story.slug,
                {
                    "title": story.title.id,
                    "lead": story.lead.id,
                    "date": date,
                    "body": story_body(story, rounds),
                },
                extra=lambda page, story=story: _set_tags(page, story.tags),
                published_at=datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=WIB),
            )
            loader.translate(page, story_strings(story))


def _open_round_opening(round_page) -> datetime.date:
    stage = round_page.get_stage("entry") if round_page is not None else None
    return stage.opens_at.astimezone(WIB).date() if stage else datetime.date(2026, 6, 1)


def _set_tags(page, tags: tuple[str, ...]) -> bool:
    current = sorted(tag.name for tag in page.tags.all()) if page.pk else []
    if current == sorted(tags):
        return False
    page.tags.set(list(tags))
    return True


def publish_results_news(loader) -> None:
    """Approve the results stories the package drafted for the 2025 round, as an editor would."""
    records = ResultsNews.objects.filter(competition__slug="kipp-2025", page__isnull=False).select_related(
        "competition"
    )
    for record in records:
        story = record.page.specific
        published = record.competition.stages.filter(
            kind="final" if record.stage_kind == "final" else "finalists"
        )
        stage = published.first()
        date = stage.opens_at.astimezone(WIB).date() if stage else story.date
        for page in [story, *[p.specific for p in story.get_translations()]]:
            if page.live and not page.has_unpublished_changes:
                continue
            page.date = date
            page.tags.set(["kipp-2025", "pemenang" if record.stage_kind == "final" else "finalis"])
            page.save_revision().publish()
            loader.touched[type(page)].add(page.pk)


def home_blocks(loader) -> list[dict]:
    """The home page's blocks: the call for proposals of the open round and the latest winners."""
    rounds = {page.slug: page for page in CompetitionPage.objects.child_of(loader.home)}
    blocks = []
    if "kipp-2026" in rounds:
        blocks.append(
            {
                "type": "call_for_proposals",
                "value": {"heading": "", "text": "", "round": rounds["kipp-2026"].pk},
                "id": block_id("home", 0),
            }
        )
    blocks.append(
        {
            "type": "latest_winners",
            "value": {"heading": "", "round": None, "number": 6},
            "id": block_id("home", 1),
        }
    )
    return blocks
