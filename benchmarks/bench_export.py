"""
A round's exports and winner bundles at provincial size: 300 entries with their attachments, in one run.

Run from the repository root::

    .venv/bin/python benchmarks/bench_export.py              # 300 entries, SQLite in a new file
    .venv/bin/python benchmarks/bench_export.py --smoke      # 10 entries: a check that the harness works
    .venv/bin/python benchmarks/bench_export.py --postgres   # a throw-away PostgreSQL cluster (servers.py)
    .venv/bin/python benchmarks/bench_export.py --postgres-url postgres://postgres@127.0.0.1:5432/
    .venv/bin/python benchmarks/bench_export.py --database-url postgres://…/kipp_bench   # an existing one

Steps, in one run:

1. a new database (SQLite by default), migrated; media and private storage in a temporary folder;
2. one round of the 2023 national form (groups *umum* and *replikasi*) with ``--entries`` submitted entries
   from the demo's innovations over 35 regencies' departments: every section answered in Indonesian to 85-98%
   of its word limit, themes, SDGs, and the 4 national attachments as real PDF files of 230 to 966 KB
   (made once with reportlab and checked as the entrant portal checks uploads, then written to the private
   storage for every entry); 3 submitted reviews per entry; the desk evaluation computed, decided and
   published, then the final decision, making ``--winners`` winners with published results;
3. measured, each step with its wall time, the peak resident memory of this process during the step (Linux's
   ``VmHWM``, reset before each step through ``/proc/self/clear_refs``), the size of the file and the SQL
   queries (counted by a ``connection.execute_wrapper``, which has no 9,000-query cap):

   - the SINOVIK package (ZIP) of the winners and of all entries, by ``run_export`` (the real task, called
     synchronously as a worker would);
   - the entries, scores and results as XLSX and CSV, likewise;
   - a winner bundle of the winners and of all entries (``export_bundle``), each imported into a new round
     of the same site (``import_bundle``, all or nothing), then imported again (a no-op);
   - each entry's SINOVIK document alone: JSON (the document and its serialisation) and PDF (drawn from the
     document), median and 95th percentile per entry.

Prints a Markdown table (also written to ``--out``) and exits with 1 when a check fails: a job not done, a
package or bundle without every entry and attachment, an import that did not create every entry, or a second
import that was not a no-op. There is no speed target.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import io
import json
import os
import platform
import random
import re
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_catalogue  # noqa: E402
import setup_django  # noqa: E402
from bench_harvest import QueryCounter  # noqa: E402

SEED = 2026
REVIEWS_PER_ENTRY = 3
JUROR_POOL = 12
DESK = "desk_evaluation"
FINAL = "final"
#: The national attachments: slot, file name, pages of scans, size wanted in bytes.
ATTACHMENTS = (
    ("pernyataan_implementasi", "Surat Pernyataan Implementasi Inovasi.pdf", 1, 260_000),
    ("sk_inovator", "SK Kepala Dinas tentang Tim Inovasi.pdf", 2, 480_000),
    ("pernyataan_replikasi", "Surat Pernyataan Kesediaan Direplikasi.pdf", 1, 230_000),
    ("dokumen_pendukung", "Laporan Evaluasi dan Standar Pelayanan.pdf", 4, 960_000),
)
MIB = 1024 * 1024


# Measuring ------------------------------------------------------------------------------------------------


def _status_kib(field: str) -> int:
    match = re.search(rf"^{field}:\s+(\d+) kB", Path("/proc/self/status").read_text(), re.MULTILINE)
    return int(match.group(1)) if match else 0


def reset_peak() -> bool:
    """Start a new peak of resident memory (Linux: ``5`` to ``clear_refs``); ``False`` where impossible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


@dataclass
class Row:
    name: str
    entries: int
    seconds: float = 0.0
    size: int = 0  # bytes of the file made (exports) or read (imports)
    queries: int = 0
    rss_before: float = 0.0  # MiB
    rss_peak: float = 0.0  # MiB
    peak_of_step: bool = True  # False: the peak since the process started (no way to reset it here)
    note: str = ""


@contextlib.contextmanager
def metered(row: Row):
    """Time, SQL queries and peak resident memory of the block, into ``row``."""
    from django.db import connection

    gc.collect()
    row.rss_before = _status_kib("VmRSS") / 1024
    row.peak_of_step = reset_peak()
    counter = QueryCounter()
    began = time.perf_counter()
    with connection.execute_wrapper(counter):
        yield row
    row.seconds = time.perf_counter() - began
    row.queries = counter.count
    row.rss_peak = _status_kib("VmHWM") / 1024


# The attachments: real PDFs of realistic sizes, made once ------------------------------------------------


def scan_jpeg(seed: str, wanted: int) -> bytes:
    """A grey "scanned page" (noise on paper, A4 proportions) whose JPEG is about ``wanted`` bytes."""
    from PIL import Image

    width, height = 600, 848
    data = b""
    for _attempt in range(4):
        rng = random.Random(seed)
        noise = rng.randbytes(width * height)
        image = Image.frombytes("L", (width, height), noise).point(lambda value: 170 + value // 3)
        output = io.BytesIO()
        image.save(output, "JPEG", quality=70)
        data = output.getvalue()
        if abs(len(data) - wanted) < wanted * 0.03:
            break
        scale = (wanted / len(data)) ** 0.5
        width, height = max(64, round(width * scale)), max(90, round(height * scale))
    return data


def attachment_pdf(slot: str, name: str, pages: int, wanted: int) -> bytes:
    """A letter page (the demo's wording) followed by ``pages`` scanned pages; about ``wanted`` bytes."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from demo.rounds import ATTACHMENT_TEXT

    values = {
        "org": "Dinas Kesehatan Kabupaten Kudus",
        "title": "GASPOL HIPERTENSI: Gerakan Skrining dan Pengobatan Hipertensi di Tempat Kerja",
        "acr": "GASPOL HIPERTENSI",
        "innovator": "dr. Ratna Wulandari, M.Kes.",
        "started": "6 Mei 2024",
    }
    title, text = ATTACHMENT_TEXT[slot]
    buffer = io.BytesIO()
    # Scans are embedded as they are (DCT), not ASCII85-encoded: the size and content of a real scanned PDF.
    use_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        pdf = canvas.Canvas(buffer, pagesize=A4)
        pdf.setTitle(name.removesuffix(".pdf"))
        width, height = A4
        lines = pdf.beginText(56, height - 80)
        lines.setFont("Helvetica-Bold", 13)
        for line in textwrap.wrap(title.format(**values), 70):
            lines.textLine(line)
        lines.setFont("Helvetica", 10.5)
        lines.textLine("")
        for line in textwrap.wrap(text.format(**values), 92) + ["", "Kudus, 2 Mei 2026", "Kepala Dinas"]:
            lines.textLine(line)
        pdf.drawText(lines)
        pdf.showPage()
        for page in range(pages):
            scan = scan_jpeg(f"{SEED}-{slot}-{page}", (wanted - 4000) // pages)
            pdf.drawImage(ImageReader(io.BytesIO(scan)), 0, 0, width, height)
            pdf.showPage()
        pdf.save()
    finally:
        rl_config.useA85 = use_a85
    return buffer.getvalue()


def attachment_files() -> dict[str, tuple[str, bytes, str]]:
    """The 4 national attachments by slot: (file name, bytes, type), each checked as an upload is."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail_kipp.entrant_portal.uploads import check_upload
    from wagtail_kipp.exchange.national_forms import form_for

    slots = {slot["key"]: slot for slot in form_for("umum").attachment_slots}
    files = {}
    for slot, name, pages, wanted in ATTACHMENTS:
        data = attachment_pdf(slot, name, pages, wanted)
        checked = check_upload(SimpleUploadedFile(name, data, "application/pdf"), slots[slot])
        files[slot] = (checked.original_name, data, checked.file_type)
    return files


# The proposals' text: the demo's answers, filled to near each section's word limit -------------------------


def sentences_of(html: str) -> list[str]:
    from django.utils.html import strip_tags

    from demo.rounds import split_sentences

    text = strip_tags(html.replace("</p>", "</p>\n"))
    return [
        sentence for line in text.splitlines() if line.strip() for sentence in split_sentences(line.strip())
    ]


def near_limit(text: str, pool: list[str], limit: int | None, rng: random.Random) -> str:
    """``text`` with sentences of ``pool`` added, in paragraphs of four, up to 85-98% of ``limit`` words."""
    from demo.rounds import fit
    from wagtail_kipp.judging.rules import count_words

    if not limit or not pool:
        return text
    wanted = int(limit * rng.uniform(0.85, 0.98))
    paragraphs = [paragraph for paragraph in text.split("\n\n") if paragraph]
    words = count_words(text)
    start, added, current = rng.randrange(len(pool)), 0, []
    while words < wanted and added < 4 * len(pool):
        sentence = pool[(start + added) % len(pool)]
        added += 1
        if words + count_words(sentence) > limit:
            continue
        current.append(sentence)
        words += count_words(sentence)
        if len(current) == 4:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return fit(paragraphs, limit)


def proposal_answers(spec, specs, sections: list[dict], rng: random.Random) -> dict[str, str]:
    """The demo's answers to the 2023 form for ``spec``, each filled to near its word limit."""
    from demo.rounds import Writer, idea_from_spec, split_sentences

    writer = Writer(idea_from_spec(spec, specs), datetime.date(2026, 4, 1))
    answers = writer.answers(sections)
    others = rng.sample(list(specs.values()), 2)
    pool = [
        sentence
        for source in (spec, *others)
        for block in source.body
        if block["type"] == "section"
        for sentence in sentences_of(block["value"]["text"])
    ]
    limits = {section["key"]: section.get("word_limit") for section in sections}
    for key, text in answers.items():
        own = [s for other, answer in answers.items() if other != key for s in split_sentences(answer)]
        answers[key] = near_limit(text, pool + own, limits[key], rng)
    return answers


# Seeding -------------------------------------------------------------------------------------------------


def make_round(home, title: str, slug: str, templates: dict, *, judged: bool, winners: int = 0):
    """A round of the 2023 national form under ``home``; ``judged`` adds the check, desk and final stages."""
    from django.utils import timezone

    from wagtail_kipp.judging.criteria_presets import apply_preset
    from wagtail_kipp.models import CompetitionPage, EntryGroup, Stage

    now = timezone.now()
    day = datetime.timedelta(days=1)
    page = CompetitionPage(title=title, slug=slug, year=2026)
    kinds = [("entry", -120, -90)]
    if judged:
        kinds += [("administrative_check", -89, -80), (DESK, -79, -40), (FINAL, -10, -5)]
    page.stages = [
        Stage(
            kind=kind,
            opens_at=now + opens * day,
            closes_at=now + closes * day,
            sort_order=position,
            reviewers_per_entry=REVIEWS_PER_ENTRY,
            advancing={DESK: winners * 2, FINAL: winners}.get(kind),
        )
        for position, (kind, opens, closes) in enumerate(kinds)
    ]
    page.entry_groups = [
        EntryGroup(name=name, slug=kind, kind=kind, template=templates[kind], sort_order=position)
        for position, (name, kind) in enumerate((("Umum", "umum"), ("Replikasi", "replikasi")))
    ]
    home.add_child(instance=page)
    if judged:
        apply_preset(page, DESK)
    return CompetitionPage.objects.get(pk=page.pk)


def seed(entries: int, winners: int, stamp: str) -> SimpleNamespace:
    """A judged round of ``entries`` submitted entries with their files; two empty rounds to import into."""
    import hashlib

    import seed_catalogue
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile
    from django.utils import timezone
    from wagtail.models import Site

    from demo.generate import build_innovations
    from wagtail_kipp.entrant_portal.uploads import stored_name
    from wagtail_kipp.judging import results
    from wagtail_kipp.judging.rules import count_words
    from wagtail_kipp.models import (
        Entry,
        EntryAttachment,
        EntryStatus,
        KippSettings,
        ProposalTemplate,
        ReferenceCounter,
    )

    rng = random.Random(SEED)  # the same text and scores on every run
    now = timezone.now()
    home, _catalogue, _plain = seed_catalogue.site_pages()
    site = Site.objects.get(is_default_site=True)
    KippSettings.objects.update_or_create(
        site=site,
        defaults={"government_name": "Pemerintah Provinsi Jawa Tengah", "reference_prefix": "JATENG"},
    )
    admin = get_user_model().objects.filter(username="bench-export").first()
    if admin is None:
        admin = get_user_model().objects.create_superuser("bench-export", "bench-export@example.com", None)
    templates = {
        kind: ProposalTemplate.objects.get(preset=f"kipp2023_{kind}") for kind in ("umum", "replikasi")
    }
    page = make_round(
        home,
        f"KIPP Provinsi Jawa Tengah 2026 ({stamp})",
        f"kipp-jateng-2026-{stamp}",
        templates,
        judged=True,
        winners=winners,
    )
    receivers = [
        make_round(
            home,
            f"KIPP Nasional 2026: {label} ({stamp})",
            f"kipp-nasional-{slug}-{stamp}",
            templates,
            judged=False,
        )
        for label, slug in (("pemenang provinsi", "pemenang"), ("semua usulan", "semua"))
    ]
    groups = {group.kind: group for group in page.entry_groups.all()}
    snapshots = {kind: groups[kind].template.snapshot() for kind in groups}
    sections = {kind: snapshots[kind]["sections"] for kind in groups}

    specs = build_innovations()
    by_slug = {spec.slug: spec for spec in specs}
    general = [spec for spec in specs if not spec.is_replication]
    replications = [spec for spec in specs if spec.is_replication] or general
    organisations = seed_catalogue.organisations_for(specs, seed_catalogue.REGIONS)
    themes, sdgs = seed_catalogue.taxonomy()
    prefix = page.get_reference_prefix()
    rows, words = [], 0
    for number in range(entries):
        kind = "replikasi" if number % 5 == 4 else "umum"
        pool = replications if kind == "replikasi" else general
        spec = pool[(number // 5 if kind == "replikasi" else number) % len(pool)]
        region_index = number % len(seed_catalogue.REGIONS)
        region_kind, region = seed_catalogue.REGIONS[region_index]
        organisation = organisations[(spec.org.slug, region_index)]
        answers = proposal_answers(spec, by_slug, sections[kind], rng)
        words += sum(count_words(text) for text in answers.values())
        submitted = now - datetime.timedelta(days=95, minutes=rng.randint(0, 60 * 24 * 20))
        ineligible = number % 20 == 19
        rows.append(
            (
                Entry(
                    competition=page,
                    organisation=organisation,
                    group=groups[kind],
                    title=f"{spec.title.id} ({region_kind} {region})"[:255],
                    started_on=spec.started_on,
                    innovation_stage=spec.stage,
                    is_digital=spec.is_digital,
                    video_url=spec.video_url,
                    innovator_name=spec.innovator.id,
                    innovator_phone=f"08{rng.randint(10**9, 10**10 - 1)}",
                    innovator_email=f"inovasi.{organisation.slug[:40]}@jatengprov.example",
                    answers=answers,
                    status=EntryStatus.INELIGIBLE if ineligible else EntryStatus.ELIGIBLE,
                    check_reason="Inovasi belum berjalan satu tahun." if ineligible else "",
                    reference_number=number + 1,
                    reference=f"{prefix}-{page.year}-{number + 1:04d}",
                    template_snapshot=snapshots[kind],
                    submitted_at=submitted,
                    submitted_by=admin,
                    checked_at=submitted + datetime.timedelta(days=10),
                    checked_by=admin,
                ),
                spec,
            )
        )
    created = Entry.objects.bulk_create([entry for entry, _spec in rows], batch_size=200)
    ReferenceCounter.objects.update_or_create(competition=page, defaults={"last_number": entries})
    Entry.themes.through.objects.bulk_create(
        [
            Entry.themes.through(entry_id=entry.pk, theme_id=themes[slug])
            for entry, (_row, spec) in zip(created, rows, strict=True)
            for slug in spec.themes
            if slug in themes
        ]
    )
    Entry.sdgs.through.objects.bulk_create(
        [
            Entry.sdgs.through(entry_id=entry.pk, sustainabledevelopmentgoal_id=sdgs[goal])
            for entry, (_row, spec) in zip(created, rows, strict=True)
            for goal in spec.sdgs
            if goal in sdgs
        ]
    )
    files = attachment_files()
    storage = EntryAttachment._meta.get_field("file").storage
    attachments = []
    for entry in created:
        for slot, (name, data, file_type) in files.items():
            stored = storage.save(f"kipp/entries/2026/03/{stored_name(file_type)}", ContentFile(data))
            attachments.append(
                EntryAttachment(
                    entry=entry,
                    slot=slot,
                    file=stored,
                    original_name=name,
                    file_type=file_type,
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    uploaded_by=admin,
                )
            )
    EntryAttachment.objects.bulk_create(attachments, batch_size=500)
    seed_reviews(page, [entry.pk for entry in created if entry.status == EntryStatus.ELIGIBLE], rng, stamp)
    for stage in (DESK, FINAL):
        results.compute_stage(admin, page, stage)
        results.accept_suggestions(admin, page, stage)
        results.publish_stage(admin, page, stage)
    return SimpleNamespace(
        page=page,
        receivers=receivers,
        admin=admin,
        entries=entries,
        words=words / max(entries, 1),
        attachment_bytes=sum(len(data) for _name, data, _type in files.values()),
        files=files,
    )


def seed_reviews(page, entry_ids: list[int], rng: random.Random, stamp: str) -> None:
    """``REVIEWS_PER_ENTRY`` submitted reviews per entry on the desk criteria, by jurors of some leniency."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from wagtail_kipp.models import Assignment, Criterion, PanelMember, ReviewStatus, Score

    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"bench-export-{stamp}-juri-{n}", email=f"juri{n}@{stamp}.example")
            for n in range(JUROR_POOL)
        ]
    )
    members = PanelMember.objects.bulk_create(
        [
            PanelMember(
                competition=page,
                user=user,
                name=f"Juri {n + 1}",
                email=user.email,
                stage_kinds=[DESK],
                pledge_accepted_at=timezone.now(),
            )
            for n, user in enumerate(users)
        ]
    )
    criteria = list(Criterion.objects.filter(competition=page, stage_kind=DESK))
    leniency = {member.pk: rng.uniform(-0.1, 0.1) for member in members}
    Assignment.objects.bulk_create(
        [
            Assignment(
                panel_member=member,
                entry_id=entry_id,
                stage_kind=DESK,
                status=ReviewStatus.SUBMITTED,
                overall_comment="Inovasi relevan dan datanya lengkap; perluas bukti keberlanjutan.",
            )
            for entry_id in entry_ids
            for member in rng.sample(members, min(REVIEWS_PER_ENTRY, len(members)))
        ],
        batch_size=1000,
    )
    scores = []
    for assignment in Assignment.objects.filter(entry__competition=page).only("pk", "panel_member_id"):
        quality = rng.uniform(0.3, 0.95)
        for criterion in criteria:
            share = min(
                1.0, max(0.0, quality + leniency[assignment.panel_member_id] + rng.uniform(-0.1, 0.1))
            )
            low, high = float(criterion.scale_min), float(criterion.scale_max)
            scores.append(
                Score(
                    assignment=assignment,
                    criterion_key=criterion.key,
                    value=round(low + share * (high - low)),
                )
            )
    Score.objects.bulk_create(scores, batch_size=2000)


# The steps -------------------------------------------------------------------------------------------------


def export_job(seeded, kind: str, selection: dict, row: Row, problems: list[str]) -> None:
    """Request an export as the admin does, then run its task in this process, measured."""
    from django_tasks import default_task_backend

    from wagtail_kipp.exchange.tasks import request_export, run_export
    from wagtail_kipp.models import JobStatus

    job = request_export(seeded.page, kind, selection, seeded.admin)  # queued in the dummy backend
    default_task_backend.clear()
    with metered(row):
        status = run_export.call(job.pk)
    job.refresh_from_db()
    row.size = job.size or 0
    if status != JobStatus.DONE or job.total != row.entries:
        problems.append(f"{row.name}: job {status}, {job.done}/{job.total} entries ({job.error})")
    elif job.file.name.endswith(".zip"):
        with job.file.storage.open(job.file.name, "rb") as handle, zipfile.ZipFile(handle) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        attachments = sum("/attachments/" in item["path"] for item in manifest["files"])
        if manifest["entry_count"] != row.entries or attachments != row.entries * len(ATTACHMENTS):
            problems.append(f"{row.name}: {manifest['entry_count']} entries, {attachments} attachments")
        if manifest["missing"]:
            problems.append(f"{row.name}: {len(manifest['missing'])} attachments missing")


def bundle_steps(seeded, label: str, entries_query, receiver, folder: Path, problems: list[str]) -> list[Row]:
    """Export a bundle of the entries, import it into ``receiver``, and import it again."""
    from wagtail_kipp.exchange.bundles import export_bundle, import_bundle

    path = folder / f"bundle-{label}.zip"
    count = entries_query.count()
    export = Row(f"bundle export, {label}", count)
    with metered(export), path.open("wb") as target:
        manifest = export_bundle(list(entries_query), target, user=seeded.admin)
    export.size = path.stat().st_size
    attachments = sum(item["path"].startswith("attachments/") for item in manifest["files"])
    if attachments != count * len(ATTACHMENTS):
        problems.append(f"{export.name}: {attachments} attachments for {count} entries")
    first = Row(f"bundle import, {label}", count, size=export.size)
    with metered(first), path.open("rb") as source:
        report = import_bundle(source, receiver, user=seeded.admin)
    if len(report.created) != count or report.already_imported:
        problems.append(f"{first.name}: created {len(report.created)} of {count}")
    first.note = (
        f"{len(report.created)} entries created, {len(report.skipped)} skipped, "
        f"{len(report.organisations_created)} organisations created (inactive), "
        f"{len(report.warnings)} warnings"
    )
    again = Row(f"bundle import again (no-op), {label}", count, size=export.size)
    with metered(again), path.open("rb") as source:
        report = import_bundle(source, receiver, user=seeded.admin)
    if not report.already_imported or report.created:
        problems.append(f"{again.name}: not a no-op ({len(report.created)} created)")
    path.unlink()
    return [export, first, again]


def per_entry_documents(seeded) -> dict:
    """Each entry's SINOVIK JSON and PDF, timed one by one (entries read as the package reads them)."""
    from wagtail_kipp.exchange.round_exports import submitted_entries
    from wagtail_kipp.exchange.sinovik import dumps, entry_document, entry_queryset
    from wagtail_kipp.exchange.sinovik_pdf import entry_pdf

    entries = list(
        entry_queryset().filter(pk__in=submitted_entries(seeded.page).values("pk")).order_by("reference")
    )
    json_ms, pdf_ms, json_sizes, pdf_sizes, pages = [], [], [], [], []
    row = Row("each entry's SINOVIK JSON and PDF, one by one", len(entries))
    with metered(row):
        for entry in entries:
            began = time.perf_counter()
            document = entry_document(entry)
            data = dumps(document).encode()
            middle = time.perf_counter()
            pdf = entry_pdf(entry, document=document)
            ended = time.perf_counter()
            json_ms.append((middle - began) * 1000)
            pdf_ms.append((ended - middle) * 1000)
            json_sizes.append(len(data))
            pdf_sizes.append(len(pdf))
            pages.append(len(re.findall(rb"/Type /Page\b", pdf)))
    return {
        "row": row,
        "json": json_ms,
        "pdf": pdf_ms,
        "json_size": json_sizes,
        "pdf_size": pdf_sizes,
        "pages": pages,
        "queries": row.queries / max(len(entries), 1),
    }


def percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))] if ordered else 0.0


# Report ----------------------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    """The steps; a step of all entries also shows its queries per entry beyond the winners' same step."""
    lines = [
        "| Step | entries | seconds | entries/s | file MiB | MiB/s | peak RSS MiB (before) | queries | "
        "queries/entry | queries per extra entry |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    by_name = {row.name: row for row in rows}
    for row in rows:
        rate = row.entries / row.seconds if row.seconds else 0.0
        size = row.size / MIB
        speed = size / row.seconds if row.seconds else 0.0
        smaller = (
            by_name.get(row.name.removesuffix(", all") + ", winners") if row.name.endswith(", all") else None
        )
        extra = (
            f"{(row.queries - smaller.queries) / (row.entries - smaller.entries):.1f}"
            if smaller and row.entries > smaller.entries
            else ""
        )
        lines.append(
            f"| {row.name} | {row.entries} | {row.seconds:.2f} | {rate:.1f} | {size:.2f} | {speed:.1f} | "
            f"{row.rss_peak:.0f} ({row.rss_before:.0f}) | {row.queries} | "
            f"{row.queries / max(row.entries, 1):.1f} | {extra} |"
        )
    return "\n".join(lines)


def deflate_ms(files: dict) -> tuple[float, float]:
    """Milliseconds to put one entry's attachments into a ZIP as the exports do (deflated), and the ratio."""
    buffer = io.BytesIO()
    began = time.perf_counter()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for slot, (_name, data, _type) in files.items():
            archive.writestr(slot, data)
    seconds = time.perf_counter() - began
    return seconds * 1000, buffer.tell() / sum(len(data) for _name, data, _type in files.values())


def documents_table(documents: dict) -> str:
    lines = [
        "| Per entry | median ms | p95 ms | max ms | median size KiB |",
        "|---|---|---|---|---|",
    ]
    for name, times, sizes in (
        ("SINOVIK JSON (document + serialisation)", documents["json"], documents["json_size"]),
        ("SINOVIK PDF (drawn from the document)", documents["pdf"], documents["pdf_size"]),
    ):
        lines.append(
            f"| {name} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | {max(times):.1f} | "
            f"{statistics.median(sizes) / 1024:.0f} |"
        )
    return "\n".join(lines)


def run(args, database_url: str) -> int:
    setup_django.configure(database_url)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from wagtail_kipp.exchange.bundles import winners
    from wagtail_kipp.exchange.round_exports import submitted_entries
    from wagtail_kipp.models import ExportKind

    began = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    vendor = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    print(f"migrated {vendor} in {time.monotonic() - began:.0f} s", flush=True)
    problems: list[str] = []
    rows: list[Row] = []
    # Jobs, notifications and e-mails are queued and dropped, not run: only the measured task runs.
    quiet = override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    with quiet:
        from django_tasks import default_task_backend

        started = time.perf_counter()
        seeded = seed(args.entries, args.winners, time.strftime("%Y%m%d%H%M%S"))
        default_task_backend.clear()
        seeding = time.perf_counter() - started
        won = winners(seeded.page).count()
        print(
            f"seeded {seeded.entries} entries ({won} winners) in {seeding:.1f} s: {seeded.words:.0f} words "
            f"and {seeded.attachment_bytes / MIB:.2f} MiB of attachments per entry",
            flush=True,
        )
        if won == 0:
            problems.append("no published winners")
        submitted = submitted_entries(seeded.page).count()
        load = os.getloadavg()
        for kind, label in (
            (ExportKind.SINOVIK_PACKAGE, "SINOVIK package (ZIP)"),
            (ExportKind.ENTRIES_XLSX, "entries, scores and results (XLSX)"),
            (ExportKind.ENTRIES_CSV, "entries, scores and results (CSV)"),
        ):
            for selection, count in (("winners", won), ("all", submitted)):
                row = Row(f"{label}, {selection}", count)
                export_job(seeded, kind, {"entries": selection}, row, problems)
                rows.append(row)
                print(f"  {row.name}: {row.seconds:.1f} s, {row.size / MIB:.1f} MiB", flush=True)
        folder = Path(tempfile.mkdtemp(prefix="bundles-", dir=args.workdir))
        for label, query, receiver in (
            ("winners", winners(seeded.page), seeded.receivers[0]),
            ("all", submitted_entries(seeded.page), seeded.receivers[1]),
        ):
            steps = bundle_steps(seeded, label, query, receiver, folder, problems)
            rows += steps
            print("  " + ", ".join(f"{row.name}: {row.seconds:.1f} s" for row in steps), flush=True)
        documents = per_entry_documents(seeded)
        print(f"  {documents['row'].name}: {documents['row'].seconds:.1f} s", flush=True)

    package = next(row for row in rows if row.name == "SINOVIK package (ZIP), all")
    pdf_total = sum(documents["pdf"]) / 1000
    json_total = sum(documents["json"]) / 1000
    zip_ms, ratio = deflate_ms(seeded.files)
    lines = [
        f"{seeded.entries} submitted entries ({won} winners) on {vendor}, "
        f"Python {platform.python_version()}, {os.cpu_count()} cores; per entry {seeded.words:.0f} words "
        f"of answers and 4 PDF attachments of {seeded.attachment_bytes / MIB:.2f} MiB; seeding took "
        f"{seeding:.0f} s; load average {load[0]:.1f} before the steps, {os.getloadavg()[0]:.1f} after.",
        "",
        table(rows),
        "",
        f"Each entry's SINOVIK document alone ({documents['row'].entries} entries, "
        f"{documents['queries']:.1f} queries per entry, a median of "
        f"{statistics.median(documents['pages']):.0f} PDF pages, "
        f"peak RSS {documents['row'].rss_peak:.0f} MiB):",
        "",
        documents_table(documents),
        "",
        f"Of the package of all entries ({package.seconds:.1f} s): drawing the PDFs about {pdf_total:.1f} s, "
        f"the JSON documents {json_total:.1f} s (one by one, above); deflating an entry's attachments "
        f"{zip_ms:.0f} ms (to {ratio:.0%} of their size), {zip_ms * package.entries / 1000:.1f} s for all.",
        *(f"{row.name}: {row.note}." for row in rows if row.note),
        "Peak RSS: Linux's VmHWM of this process, "
        + (
            "reset before each step"
            if all(row.peak_of_step for row in rows)
            else "since the process started (it could not be reset here)"
        )
        + "; the database is "
        f"{'in this process' if vendor == 'SQLite' else 'a separate process, not counted'}.",
        f"\nTotal run time {time.monotonic() - began:.0f} s.",
    ]
    output = "\n".join(lines)
    print(output)
    if args.out:
        Path(args.out).write_text(output + "\n")
    for problem in problems:
        print("FAILED:", problem)
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=300, help="submitted entries in the round (300)")
    parser.add_argument("--winners", type=int, help="winners of the final decision (a tenth, at least 3)")
    parser.add_argument("--smoke", action="store_true", help="10 entries: a check that the harness works")
    parser.add_argument(
        "--postgres", action="store_true", help="a throw-away PostgreSQL cluster (servers.py)"
    )
    parser.add_argument("--postgres-url", help="a running server, e.g. postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--database-url", help="an existing database (a new round is added to it)")
    parser.add_argument("--pg-port", type=int, default=55442)
    parser.add_argument("--out", help="also write the table to this file")
    args = parser.parse_args(argv)
    if args.smoke:
        args.entries = 10
    args.winners = args.winners or max(3, round(args.entries / 10))
    workdir = tempfile.mkdtemp(prefix="kipp-bench-export-")
    args.workdir = workdir
    # Media and the private storage (attachments, export files) live in the temporary folder, removed below.
    os.environ["DJANGO_MEDIA_ROOT"] = str(Path(workdir, "media"))
    os.environ["KIPP_PRIVATE_ROOT"] = str(Path(workdir, "private"))
    # prepare() makes a media folder even when one is set: let it make it inside the folder removed below.
    tempfile.tempdir, system_temp = workdir, tempfile.gettempdir()
    bench_catalogue.prepare(args)
    tempfile.tempdir = system_temp
    try:
        if args.postgres or args.postgres_url:
            return bench_catalogue.with_database(args, lambda database_url: run(args, database_url))
        return run(args, args.database_url or f"sqlite:///{workdir}/bench.sqlite3")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
