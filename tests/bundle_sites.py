"""
Winner bundles in tests: two portals in one test database, and bundles built or tampered with by hand.

The city is the default site (``kota.test``) with the judged round of ``tests.judged``; the province is a
second Wagtail site (``provinsi.test``) with its own home page, KIPP settings and round. Both share the
database, as two portals never do, so the tests check that the import makes new rows (entries, organisations,
files) and never reuses the city's.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import uuid
import zipfile
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import Page, Site

from wagtail_kipp.exchange.archive import MANIFEST_NAME, ManifestZip, dumps, sign
from wagtail_kipp.models import (
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryGroup,
    ImportedBundle,
    KippSettings,
    Organisation,
    OrganisationSource,
    Stage,
)

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def make_province(proposal_template) -> SimpleNamespace:
    """The receiving portal: its own site, KIPP settings (prefix PROV) and a closed round with two groups."""
    from home.models import HomePage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="Beranda Provinsi", slug="provinsi"))
    site = Site.objects.create(hostname="provinsi.test", port=80, root_page=home, site_name="Provinsi Uji")
    KippSettings.objects.update_or_create(
        site=site, defaults={"government_name": "Pemerintah Provinsi Uji", "reference_prefix": "PROV"}
    )
    now = timezone.now()
    page = CompetitionPage(title="KIPP Provinsi Uji 2026", slug="kipp-provinsi-2026", year=2026)
    page.stages = [
        Stage(
            kind="entry",
            opens_at=now - datetime.timedelta(days=60),
            closes_at=now - datetime.timedelta(days=30),
        )
    ]
    page.entry_groups = [
        EntryGroup(name="Umum", slug="umum", kind="umum", template=proposal_template, sort_order=0),
        EntryGroup(
            name="Replikasi", slug="replikasi", kind="replikasi", template=proposal_template, sort_order=1
        ),
    ]
    home.add_child(instance=page)
    return SimpleNamespace(site=site, home=home, round=CompetitionPage.objects.get(pk=page.pk))


# Bundles built by hand -------------------------------------------------------------------------------------


def sample_entry(number: int = 1, *, files: dict[str, bytes] | None = None, **changes) -> tuple[dict, dict]:
    """One entry record of bundle.json and its files by path (a PDF in slot ``sk_inovator`` by default)."""
    entry_uuid = str(uuid.UUID(int=number))
    files_by_slot = {"sk_inovator": PDF} if files is None else files
    attachments, members = [], {}
    for slot, data in files_by_slot.items():
        path = f"attachments/{entry_uuid}/{slot}"
        attachments.append(
            {
                "slot": slot,
                "original_name": f"{slot}.pdf" if data.startswith(b"%PDF") else f"{slot}.png",
                "type": "pdf" if data.startswith(b"%PDF") else "png",
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
                "path": path,
            }
        )
        members[path] = data
    record = {
        "uuid": entry_uuid,
        "reference": f"KOTA-2026-{number:04d}",
        "submitted_at": "2026-04-01T10:00:00+07:00",
        "group": {"kind": "umum", "slug": "umum", "name": "Umum", "name_en": "General"},
        "organisation": {
            "slug": f"dinas-{number}",
            "name": f"Dinas Uji {number}",
            "acronym": "",
            "kind": "dinas",
        },
        "header": {
            "title": f"Inovasi Kota {number}",
            "started_on": "2020-03-01",
            "innovation_stage": "penerapan",
            "is_digital": True,
            "video_url": "",
            "innovator_name": "Tim Inovasi",
        },
        "answers": {"ringkasan": "Layanan antar jemput dokumen.", "kebaruan": "Baru."},
        "template_snapshot": None,
        "themes": [],
        "sdgs": [3],
        "innovation": None,
        "replicated_innovation": None,
        "results": [],
        "awards": [],
        "attachments": attachments,
    }
    record.update(changes)
    return record, members


def sample_data(entries: int = 1) -> tuple[dict, dict]:
    """A valid bundle.json with ``entries`` entries, and the files by path."""
    records, members = [], {}
    for number in range(1, entries + 1):
        record, files = sample_entry(number)
        records.append(record)
        members.update(files)
    data = {
        "schema": "kipp-bundle",
        "schema_version": "1.0",
        "bundle_id": str(uuid.uuid4()),
        "created_at": "2026-08-01T09:00:00+07:00",
        "generator": "wagtail-kipp tests",
        "portal": {"name": "Pemerintah Kota Uji", "url": "http://kota.test"},
        "round": {
            "id": str(uuid.uuid4()),
            "title": "KIPP Kota Uji 2026",
            "year": 2026,
            "award_level": "lokal",
            "url": None,
        },
        "entries": records,
    }
    return data, members


def build_bundle(
    data, members: dict[str, bytes], *, signing_key: str | None = None, bundle_bytes: bytes | None = None
) -> bytes:
    """A bundle as :class:`ManifestZip` writes it; ``bundle_bytes`` replaces the bundle.json written."""
    buffer = io.BytesIO()
    archive = ManifestZip(buffer)
    for path, content in members.items():
        archive.add_bytes(path, content)
    row = archive.add_bytes("bundle.json", bundle_bytes if bundle_bytes is not None else dumps(data))
    bundle_id = data.get("bundle_id") if isinstance(data, dict) else None
    meta = {
        "schema": "kipp-bundle",
        "schema_version": "1.0",
        "bundle_id": bundle_id,
        "bundle_sha256": row["sha256"],
    }
    archive.close(meta, signing_key=signing_key)
    return buffer.getvalue()


def members_of(bundle: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rezip(
    bundle: bytes,
    *,
    replace: dict[str, bytes | None] | None = None,
    extra: list[tuple[zipfile.ZipInfo | str, bytes]] | None = None,
    manifest=None,
    signing_key: str | None = None,
) -> bytes:
    """
    ``bundle`` written again with members replaced (``None`` removes one) and ``extra`` members added, without
    fixing the manifest unless ``manifest`` (a function changing the parsed manifest) is given.
    """
    members = members_of(bundle)
    for name, content in (replace or {}).items():
        if content is None:
            members.pop(name, None)
        else:
            members[name] = content
    if manifest is not None:
        parsed = json.loads(members[MANIFEST_NAME])
        manifest(parsed)
        parsed.pop("signature", None)
        if signing_key:
            parsed["signature"] = sign(parsed, signing_key)
        members[MANIFEST_NAME] = dumps(parsed)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        for info, content in extra or []:
            archive.writestr(info, content)
    return buffer.getvalue()


# What the receiving site holds -----------------------------------------------------------------------------


def private_files() -> set[str]:
    """Every file in the private storage of entry attachments."""
    storage = EntryAttachment._meta.get_field("file").storage
    found: set[str] = set()

    def walk(folder: str) -> None:
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        found.update(f"{folder}/{name}" if folder else name for name in files)
        for name in folders:
            walk(f"{folder}/{name}" if folder else name)

    walk("")
    return found


def counts() -> dict[str, int]:
    """Rows an import may write, to show that a refused import wrote none."""
    from wagtail.models import ModelLogEntry

    return {
        "entries": Entry.objects.count(),
        "attachments": EntryAttachment.objects.count(),
        "organisations": Organisation.objects.count(),
        "mappings": OrganisationSource.objects.count(),
        "bundles": ImportedBundle.objects.count(),
        "logs": ModelLogEntry.objects.count(),
    }
