"""
A round's exports for the secretariat: the SINOVIK package (ZIP) and the table of entries, scores and results.

Each builder writes one export job's file to a binary file it is given and moves the job's progress
(``done`` of ``total`` entries) as it goes; :mod:`.tasks` runs them in the background and keeps the file.
"""

from __future__ import annotations

import io
import logging
import re
import time
from typing import IO, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ..admin.results_common import Sheet, write_spreadsheet
from ..admin.results_reports import scores_sheet
from ..judging.publication import WINNER_STAGE
from ..models import (
    JUDGED_STAGES,
    RESULT_STAGES,
    WINNING_TIERS,
    Award,
    CompetitionPage,
    Decision,
    Entry,
    EntryStatus,
    ExportJob,
    KippSettings,
    StageResult,
)
from .archive import ManifestZip

logger = logging.getLogger(__name__)

#: The package's manifest: its schema name and version.
PACKAGE_SCHEMA = "kipp-round-package"
PACKAGE_VERSION = "1.0"

#: Statuses of the entries exported as "all submitted": sent in and approved, whatever the check said.
#: Drafts, proposals returned for correction or still waiting for approval, and withdrawn ones are not.
SUBMITTED_STATUSES = (EntryStatus.SUBMITTED, EntryStatus.ELIGIBLE, EntryStatus.INELIGIBLE)

#: The selections a job may hold (``{"entries": ...}``), besides ``{"entry_ids": [...]}``.
WINNERS, ALL = "winners", "all"

#: Least time between two saves of a job's progress, in seconds.
PROGRESS_SECONDS = 1.0

#: Longest file name kept of an attachment's original name.
NAME_LENGTH = 100


class ExportError(Exception):
    """An export that cannot be made as asked; the message is shown to the secretariat as it is."""


# Which entries -----------------------------------------------------------------------------------------


def submitted_entries(competition: CompetitionPage) -> QuerySet[Entry]:
    """The round's submitted entries (see :data:`SUBMITTED_STATUSES`)."""
    return Entry.objects.filter(competition=competition, status__in=SUBMITTED_STATUSES)


def winning_entries(competition: CompetitionPage) -> QuerySet[Entry]:
    """
    The round's winners: entries advancing from the final stage (the stage whose advancing entries the round
    page shows as winners) or holding a winning award of the round; published or not, for the secretariat.
    """
    advancing = StageResult.objects.filter(
        entry__competition=competition, stage_kind=WINNER_STAGE, decision=Decision.ADVANCE
    ).values("entry_id")
    awarded = Award.objects.filter(entry__competition=competition, tier__in=WINNING_TIERS).values("entry_id")
    return Entry.objects.filter(competition=competition).filter(Q(pk__in=advancing) | Q(pk__in=awarded))


def selected_entries(job: ExportJob) -> QuerySet[Entry]:
    """
    The entries a job's ``selection`` names, always of the job's round: ``{"entries": "winners"}``,
    ``{"entries": "all"}`` (all submitted) or ``{"entry_ids": [...]}`` (ids of other rounds are left out).
    """
    selection = job.selection if isinstance(job.selection, dict) else {}
    competition = job.competition
    if "entry_ids" in selection:
        ids = selection["entry_ids"]
        if not isinstance(ids, list) or not all(
            isinstance(pk, int) and not isinstance(pk, bool) for pk in ids
        ):
            raise ExportError(_("The chosen entries are not a list of entry numbers."))
        return Entry.objects.filter(competition=competition, pk__in=ids)
    choice = selection.get("entries")
    if choice == WINNERS:
        return winning_entries(competition)
    if choice == ALL:
        return submitted_entries(competition)
    raise ExportError(_("Unknown selection of entries: %(selection)s") % {"selection": selection})


def national_form(job: ExportJob) -> str | None:
    """The national form the SINOVIK documents follow (``selection["form"]``), or ``None`` for the default."""
    selection = job.selection if isinstance(job.selection, dict) else {}
    return selection.get("form") or None


# Progress ----------------------------------------------------------------------------------------------


class Progress:
    """A job's ``done`` of ``total``, saved (those two fields only) at most every ``PROGRESS_SECONDS``."""

    def __init__(self, job: ExportJob, total: int):
        self.job = job
        self.last_saved = 0.0
        job.total, job.done = total, 0
        self.save()

    def save(self) -> None:
        self.job.save(update_fields=["done", "total"])
        self.last_saved = time.monotonic()

    def step(self) -> None:
        self.job.done += 1
        if self.job.done >= self.job.total or time.monotonic() - self.last_saved >= PROGRESS_SECONDS:
            self.save()


# Names inside the package ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip(".-_")


def safe_name(name: str, fallback: str = "file") -> str:
    """A file or folder name safe in any archive and file system: letters, digits, ``.``, ``_``, ``-``."""
    name = re.split(r"[/\\]", name or "")[-1]
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = _clean(extension)[:10]
    stem = _clean(stem)[: NAME_LENGTH - len(extension) - 1].rstrip(".-_") or fallback
    return f"{stem}.{extension}" if extension else stem


def entry_folders(entries: list[Entry]) -> dict[int, str]:
    """Each entry's folder in the package: its reference made safe, unique (``-<id>`` added on a clash)."""
    folders: dict[int, str] = {}
    taken: set[str] = set()
    for entry in entries:
        folder = _clean(entry.reference)[:NAME_LENGTH] or f"entry-{entry.pk}"
        if folder.casefold() in taken:
            folder = f"{folder}-{entry.pk}"
        taken.add(folder.casefold())
        folders[entry.pk] = folder
    return folders


def portal_of(competition: CompetitionPage) -> dict[str, Any]:
    """The portal the package comes from: its government's name and its address."""
    site = competition.get_site()
    return {
        "name": KippSettings.for_site(site).government_name if site else "",
        "url": site.root_url if site else None,
    }


def _local(value, competition: CompetitionPage) -> str:
    return timezone.localtime(value, competition.tzinfo).isoformat(timespec="seconds")


# The SINOVIK package -----------------------------------------------------------------------------------


def write_sinovik_package(job: ExportJob, target: IO[bytes]) -> dict[str, Any]:
    """
    Write the job's SINOVIK package to ``target``: per entry ``<reference>/<reference>-sinovik.pdf``,
    ``<reference>/<reference>-sinovik.json`` and ``<reference>/attachments/<slot>-<name>``, then
    ``entries.csv`` and ``manifest.json`` (every file's size and SHA-256). An attachment missing from the
    storage is listed in the manifest under ``missing``; the package is made without it.

    Returns the report: ``{"entries": n, "files": n, "missing": [...]}``.
    """
    from .sinovik import entry_document, entry_queryset, source_of
    from .sinovik_pdf import entry_pdf

    competition = job.competition
    form = national_form(job)
    entries = list(
        entry_queryset().filter(pk__in=selected_entries(job).values("pk")).order_by("reference", "pk")
    )
    folders = entry_folders(entries)
    progress = Progress(job, len(entries))
    package = ManifestZip(target)
    missing: list[dict[str, Any]] = []
    summary: list[list[Any]] = []
    # The round's portal, read once: every entry of the package belongs to the job's round.
    source = source_of(entries[0]) if entries else None
    for entry in entries:
        folder = folders[entry.pk]
        document = entry_document(entry, form=form, source=source)
        package.add_json(f"{folder}/{folder}-sinovik.json", document)
        package.add_bytes(f"{folder}/{folder}-sinovik.pdf", entry_pdf(entry, document=document, form=form))
        added = absent = 0
        for attachment in entry.attachments.all():
            name = f"{safe_name(attachment.slot, 'slot')}-{safe_name(attachment.original_name)}"
            path = f"{folder}/attachments/{name}"
            if add_attachment(package, path, attachment):
                added += 1
            else:
                absent += 1
                missing.append(
                    {
                        "path": path,
                        "reference": entry.reference,
                        "slot": attachment.slot,
                        "name": attachment.original_name,
                        "size": attachment.size,
                        "sha256": attachment.sha256,
                    }
                )
        summary.append(
            [
                entry.reference,
                entry.title,
                entry.organisation.name,
                entry.group.display_name,
                entry.submitted_at,
                folder,
                added,
                absent,
                len(document.get("warnings", [])),
            ]
        )
        progress.step()
    package.add_bytes("entries.csv", package_summary(summary, competition))
    manifest = package.close(
        {
            "schema": PACKAGE_SCHEMA,
            "version": PACKAGE_VERSION,
            "round": {"title": competition.title, "year": competition.year, "timezone": competition.timezone},
            "generated_at": _local(timezone.now(), competition),
            "portal": portal_of(competition),
            "entry_count": len(entries),
            "selection": job.selection,
            "missing": missing,
        }
    )
    return {"entries": len(entries), "files": len(manifest["files"]), "missing": missing}


def add_attachment(package: ManifestZip, path: str, attachment) -> bool:
    """Stream one attachment from the private storage into the package; ``False`` when its file is missing."""
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except (OSError, ValueError):
        logger.warning("Attachment missing from storage, left out of the package: %s", attachment.file.name)
        return False
    with handle:
        package.add_stream(path, handle)
    return True


def package_summary(rows: list[list[Any]], competition: CompetitionPage) -> bytes:
    """``entries.csv`` of the package: one row per entry with its folder and files."""
    headings = [
        _("Reference"),
        _("Title"),
        _("Organisation"),
        _("Group"),
        _("Submitted"),
        _("Folder"),
        _("Attachments"),
        _("Attachments missing"),
        _("Warnings"),
    ]
    output = io.BytesIO()
    write_spreadsheet(output, [Sheet(_("Entries"), headings, rows)], "csv", competition)
    return output.getvalue()


# Entries, scores and results ---------------------------------------------------------------------------


def result_stages(competition: CompetitionPage) -> list:
    """The round's stages with results (judged stages and the final decision), in pipeline order."""
    return [stage for kind in RESULT_STAGES if (stage := competition.get_stage(kind))]


def entries_sheet(
    competition: CompetitionPage, entries: list[Entry], progress: Progress | None = None
) -> Sheet:
    """
    One row per entry: reference, organisation, group, title, the real status, submitted, then for each
    result stage the score, rank, decision, whether it is published (and the award for the final).
    """
    stages = result_stages(competition)
    results: dict[tuple[int, str], StageResult] = {
        (result.entry_id, result.stage_kind): result
        for result in StageResult.objects.filter(entry__in=[entry.pk for entry in entries])
    }
    headings = [_("Reference"), _("Organisation"), _("Group"), _("Title"), _("Status"), _("Submitted")]
    for stage in stages:
        names = {"stage": stage.display_name}
        headings += [
            _("%(stage)s: score") % names,
            _("%(stage)s: rank") % names,
            _("%(stage)s: decision") % names,
            _("%(stage)s: published") % names,
        ]
        if stage.kind == WINNER_STAGE:
            headings.append(_("%(stage)s: award") % names)

    def rows():
        yes, no = _("yes"), _("no")
        for entry in entries:
            row = [
                entry.reference,
                entry.organisation.name,
                entry.group.display_name,
                entry.title,
                entry.get_status_display(),
                entry.submitted_at,
            ]
            for stage in stages:
                result = results.get((entry.pk, stage.kind))
                row += (
                    [
                        result.score,
                        result.rank,
                        result.get_decision_display(),
                        yes if result.published_at else no,
                    ]
                    if result
                    else [None, None, "", ""]
                )
                if stage.kind == WINNER_STAGE:
                    row.append(result.get_award_tier_display() if result else "")
            yield row
            if progress is not None:
                progress.step()

    return Sheet(_("Entries"), headings, rows())


def write_entries_table(job: ExportJob, target: IO[bytes], fmt: str) -> dict[str, Any]:
    """
    Write the job's entries with their scores and results to ``target``: CSV holds the entries table alone;
    XLSX adds a sheet per judged stage with every juror's scores of those entries.
    """
    if fmt not in ("csv", "xlsx"):
        raise ExportError(_("Unknown table format: %(format)s") % {"format": fmt})
    competition = job.competition
    entries = list(selected_entries(job).select_related("organisation", "group").order_by("reference", "pk"))
    progress = Progress(job, len(entries))
    sheets = [entries_sheet(competition, entries, progress)]
    if fmt == "xlsx":
        ids = [entry.pk for entry in entries]
        sheets += [
            scores_sheet(
                competition,
                stage.kind,
                entry_ids=ids,
                title=_("Scores %(stage)s") % {"stage": stage.display_name},
            )
            for stage in result_stages(competition)
            if stage.kind in JUDGED_STAGES
        ]
    write_spreadsheet(target, sheets, fmt, competition)
    return {"entries": len(entries)}
