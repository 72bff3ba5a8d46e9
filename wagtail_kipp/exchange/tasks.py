"""
Background jobs (django-tasks) that make a round's exports: requested by the secretariat, built into a
temporary file, kept in private storage and offered for download when ready.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.log_actions import log

from ..models import CompetitionPage, ExportJob, ExportKind, JobStatus
from . import round_exports
from .archive import sha256_of
from .bundle_export import build_bundle_job

logger = logging.getLogger(__name__)

#: Longest error message kept on a failed job (the traceback goes to the log).
ERROR_LENGTH = 2000

#: Longest part of a file name taken from the round's slug.
SLUG_LENGTH = 80


@dataclass(frozen=True)
class Exporter:
    """How one kind of export is made: ``build(job, target)`` writes the file and returns a report."""

    build: Callable[[ExportJob, IO[bytes]], dict[str, Any]]
    extension: str


#: The exporter of each kind of export job; other modules add theirs with :func:`register_exporter`.
EXPORTERS: dict[str, Exporter] = {
    ExportKind.SINOVIK_PACKAGE: Exporter(round_exports.write_sinovik_package, "zip"),
    ExportKind.ENTRIES_CSV: Exporter(functools.partial(round_exports.write_entries_table, fmt="csv"), "csv"),
    ExportKind.ENTRIES_XLSX: Exporter(
        functools.partial(round_exports.write_entries_table, fmt="xlsx"), "xlsx"
    ),
    ExportKind.BUNDLE: Exporter(build_bundle_job, "zip"),
}


def register_exporter(
    kind: str, build: Callable[[ExportJob, IO[bytes]], dict[str, Any]], extension: str
) -> None:
    """Make export jobs of ``kind`` with ``build(job, target) -> report``; the file gets ``extension``."""
    EXPORTERS[kind] = Exporter(build, extension)


# Requesting --------------------------------------------------------------------------------------------


def request_export(competition: CompetitionPage, kind: str, selection: dict[str, Any], user) -> ExportJob:
    """Create an export job of ``kind`` for the round and queue it once the current transaction commits."""
    if kind not in ExportKind.values:
        raise ValueError(f"Unknown kind of export: {kind!r}")
    with transaction.atomic():
        job = ExportJob.objects.create(
            competition=competition, kind=kind, selection=selection, requested_by=user
        )
        log(
            job,
            "wagtail_kipp.export.request",
            user=user,
            data={"kind": kind, "round": competition.pk, "selection": selection},
        )
        transaction.on_commit(functools.partial(enqueue_export, job.pk))
    return job


def enqueue_export(job_id: int) -> None:
    """Queue the job; a backend that refuses it fails the job with the reason rather than leave it queued."""
    try:
        run_export.enqueue(job_id)
    except Exception as error:
        logger.exception("Export job %s could not be queued", job_id)
        job = ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).first()
        if job is not None:
            mark_failed(job, _("The export could not be queued: %(error)s") % {"error": error})


# Running -----------------------------------------------------------------------------------------------


@task()
def run_export(job_id: int) -> str:
    """
    Make a queued export job's file: mark it running, build it into a temporary file, keep that in private
    storage and mark the job done with the file's size and SHA-256; any error marks it failed (the traceback
    goes to the log) and leaves no file. A job that is not queued (running, done, failed) is left alone.

    Returns the job's status afterwards, or ``"skipped"``.
    """
    claimed = ExportJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), done=0, error=""
    )
    if not claimed:
        logger.info("Export job %s is not queued (already run, or deleted): skipped", job_id)
        return "skipped"
    job = ExportJob.objects.select_related("competition", "requested_by").get(pk=job_id)
    try:
        report = build_file(job)
    except Exception as error:
        logger.exception("Export job %s (%s) failed", job.pk, job.kind)
        remove_file(job)
        mark_failed(job, error_message(error))
        return JobStatus.FAILED.value
    log(
        job,
        "wagtail_kipp.export.complete",
        user=job.requested_by,
        data={"kind": job.kind, "size": job.size, "sha256": job.sha256, **report},
    )
    return JobStatus.DONE.value


def build_file(job: ExportJob) -> dict[str, Any]:
    """Build the job's file (in its requester's language) and store it; returns the exporter's report."""
    with translation.override(job_language(job)):
        exporter = EXPORTERS.get(job.kind)
        if exporter is None:
            raise round_exports.ExportError(
                _("This site cannot make exports of the kind “%(kind)s”.") % {"kind": job.get_kind_display()}
            )
    with tempfile.TemporaryFile(prefix="kipp-export-") as scratch, translation.override(job_language(job)):
        report = exporter.build(job, scratch) or {}
        size = scratch.seek(0, 2)
        scratch.seek(0)
        digest = sha256_of(scratch)
        scratch.seek(0)
        job.file.save(file_name(job, exporter.extension), File(scratch), save=False)
        job.size, job.sha256 = size, digest
        job.status, job.finished_at = JobStatus.DONE, timezone.now()
        job.done = job.total
        job.error = notes(report)
        job.save(update_fields=["file", "size", "sha256", "status", "finished_at", "done", "error"])
    return report


def job_language(job: ExportJob) -> str:
    """The language the file is written in: its requester's admin language, else the site's."""
    if job.requested_by is None:
        return settings.LANGUAGE_CODE
    from wagtail.users.models import UserProfile

    return UserProfile.get_for_user(job.requested_by).get_preferred_language()


def file_name(job: ExportJob, extension: str) -> str:
    """E.g. ``kipp-2026-sinovik-package-20260715-0930.zip`` (the time in the round's zone)."""
    moment = timezone.localtime(job.created_at or timezone.now(), job.competition.tzinfo)
    slug = job.competition.slug[:SLUG_LENGTH]
    return f"{slug}-{job.kind.replace('_', '-')}-{moment:%Y%m%d-%H%M}.{extension}"


def notes(report: dict[str, Any]) -> str:
    """What the secretariat should know about a finished export (kept in ``error``, shown as a note)."""
    missing = report.get("missing") or []
    if not missing:
        return ""
    return ngettext(
        "%(count)d attachment file was missing from storage; it is listed in the manifest as missing: "
        "%(names)s",
        "%(count)d attachment files were missing from storage; they are listed in the manifest as missing: "
        "%(names)s",
        len(missing),
    ) % {"count": len(missing), "names": ", ".join(row["path"] for row in missing)}


def error_message(error: Exception) -> str:
    if isinstance(error, round_exports.ExportError):
        return str(error)
    return _("The export could not be made (%(error)s). The details are in the server's log.") % {
        "error": f"{type(error).__name__}: {error}"
    }


def remove_file(job: ExportJob) -> None:
    """Remove whatever the failed job stored."""
    name = job.file.name
    if not name:
        return
    try:
        job.file.storage.delete(name)
    except Exception:
        logger.exception("Could not remove the partial export file %s", name)


def mark_failed(job: ExportJob, message: str) -> None:
    job.status, job.error = JobStatus.FAILED, Truncator(message).chars(ERROR_LENGTH)
    job.finished_at = timezone.now()
    job.file, job.size, job.sha256 = "", None, ""
    job.save(update_fields=["status", "error", "finished_at", "file", "size", "sha256"])
    log(job, "wagtail_kipp.export.fail", user=job.requested_by, data={"kind": job.kind, "error": job.error})
