"""
Writing a winner bundle: chosen entries of one round with their files, published results and award history.

A bundle carries what the receiving portal needs to enter the proposals in its own round without re-typing,
and nothing confidential: never unpublished results, jurors, their scores or comments, or the innovator's
contact details. See ``docs/reference/bundle-format.md``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import __version__
from ..judging import publication
from ..models import (
    RESULT_STAGES,
    Award,
    CompetitionPage,
    Decision,
    Entry,
    EntryStatus,
    InnovationPage,
    KippSettings,
    StageResult,
)
from .archive import ManifestZip, dumps
from .bundle_reader import ATTACHMENTS_FOLDER, BUNDLE_NAME, SCHEMA_NAME, SCHEMA_VERSION, bundle_setting

SLOT_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

#: Statuses of entries that cannot be sent upward: not submitted, or taken out of the round.
UNEXPORTABLE_STATUSES = frozenset(
    {EntryStatus.DRAFT, EntryStatus.RETURNED, EntryStatus.AWAITING_APPROVAL, EntryStatus.WITHDRAWN}
)


class ExportRefused(ValueError):
    """The chosen entries cannot be bundled; ``messages`` says why."""

    def __init__(self, *messages: str):
        self.messages = [str(message) for message in messages]
        super().__init__(" ".join(self.messages))


def winners(competition: CompetitionPage) -> QuerySet[Entry]:
    """The round's published winners: entries the published final decision advanced."""
    if publication.WINNER_STAGE not in publication.published_stages(competition):
        return Entry.objects.none()
    return Entry.objects.filter(
        competition=competition,
        stage_results__stage_kind=publication.WINNER_STAGE,
        stage_results__decision=Decision.ADVANCE,
        stage_results__published_at__isnull=False,
    ).order_by("reference_number")


def entries_by_reference(competition: CompetitionPage, references: Iterable[str]) -> list[Entry]:
    """The round's entries with these references, in the order given; :class:`ExportRefused` if unknown."""
    references = [reference.strip() for reference in references if reference.strip()]
    found = {
        entry.reference: entry
        for entry in Entry.objects.filter(competition=competition, reference__in=references)
    }
    unknown = [reference for reference in references if reference not in found]
    if unknown:
        raise ExportRefused(
            _("The round has no entry with the reference %(references)s.")
            % {"references": ", ".join(unknown)}
        )
    return [found[reference] for reference in dict.fromkeys(references)]


def _entry_queryset(pks: list[int]) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(pk__in=pks)
        .select_related("competition", "organisation", "group", "innovation", "replicated_innovation")
        .prefetch_related("themes", "sdgs", "attachments", "stage_results")
        .order_by("reference_number", "pk")
    )


def _isoformat(value) -> str | None:
    return value.isoformat() if value else None


def _innovation(page: InnovationPage | None) -> dict[str, Any] | None:
    if page is None:
        return None
    return {
        "stable_id": str(page.translation_key),
        "title": page.title,
        "url": page.full_url if page.live else None,
    }


def _results(entry: Entry, published: dict[str, Any], stage_names: dict[str, str]) -> list[dict[str, Any]]:
    """The entry's published results; scores and ranks only where the round publishes scores."""
    show_scores = entry.competition.publish_scores
    results: list[StageResult] = [
        result
        for result in entry.stage_results.all()
        if result.published_at and result.stage_kind in published
    ]
    results.sort(key=lambda result: RESULT_STAGES.index(result.stage_kind))
    return [
        {
            "stage_kind": result.stage_kind,
            "stage_name": stage_names.get(result.stage_kind) or str(result.get_stage_kind_display()),
            "decision": result.decision,
            "score": f"{result.score:.2f}" if show_scores and result.score is not None else None,
            "rank": result.rank if show_scores else None,
            "award_tier": result.award_tier
            if result.stage_kind == publication.WINNER_STAGE and result.decision == Decision.ADVANCE
            else "",
            "published_at": _isoformat(result.published_at),
        }
        for result in results
    ]


def _awards(page: InnovationPage | None) -> list[dict[str, Any]]:
    if page is None:
        return []
    return [
        {
            "year": award.year,
            "competition": award.competition,
            "level": award.level,
            "tier": award.tier,
            "note": award.note,
        }
        for award in Award.objects.filter(page=page).order_by("-year", "sort_order", "pk")
    ]


def _answers(entry: Entry) -> dict[str, str]:
    answers = entry.answers if isinstance(entry.answers, dict) else {}
    return {key: text for key, text in answers.items() if isinstance(text, str) and SLOT_PATTERN.match(key)}


def entry_record(entry: Entry, attachments: list[dict[str, Any]], published, stage_names) -> dict[str, Any]:
    """One entry as ``bundle.json`` holds it (see the schema); override through :class:`BundleWriter`."""
    organisation = entry.organisation
    group = entry.group
    return {
        "uuid": str(entry.uuid),
        "reference": entry.reference,
        "submitted_at": _isoformat(entry.submitted_at),
        "group": {"kind": group.kind, "slug": group.slug, "name": group.name, "name_en": group.name_en},
        "organisation": {
            "slug": organisation.slug,
            "name": organisation.name,
            "acronym": organisation.acronym,
            "kind": organisation.kind,
        },
        "header": {
            "title": entry.title,
            "started_on": _isoformat(entry.started_on),
            "innovation_stage": entry.innovation_stage,
            "is_digital": entry.is_digital,
            "video_url": entry.video_url,
            "innovator_name": entry.innovator_name,
        },
        "answers": _answers(entry),
        "template_snapshot": entry.template_snapshot or None,
        "themes": [
            {"slug": theme.slug, "name": theme.name, "name_en": theme.name_en} for theme in entry.themes.all()
        ],
        "sdgs": sorted(goal.number for goal in entry.sdgs.all()),
        "innovation": _innovation(entry.innovation),
        "replicated_innovation": _innovation(entry.replicated_innovation),
        "results": _results(entry, published, stage_names),
        "awards": _awards(entry.innovation),
        "attachments": attachments,
    }


class BundleWriter:
    """
    Writes one bundle. Subclass and override :meth:`entry_record` or :meth:`portal` to change what is sent;
    keep to the schema, which the receiver checks.
    """

    def __init__(self, entries: Iterable[Entry], *, user=None, signing_key: str | None = None):
        self.entries = list(entries)
        self.user = user
        self.signing_key = bundle_setting("BUNDLE_SIGNING_KEY") if signing_key is None else signing_key
        self.bundle_id = uuid.uuid4()

    def check(self) -> CompetitionPage:
        """The entries' round; :class:`ExportRefused` unless they are submitted entries of one round."""
        if not self.entries:
            raise ExportRefused(_("Choose at least one entry for the bundle."))
        rounds = {entry.competition_id for entry in self.entries}
        if len(rounds) > 1:
            raise ExportRefused(_("A bundle holds entries of one round only."))
        unexportable = [
            entry for entry in self.entries if entry.status in UNEXPORTABLE_STATUSES or not entry.reference
        ]
        if unexportable:
            raise ExportRefused(
                _("These entries are not submitted and cannot be sent: %(entries)s.")
                % {"entries": ", ".join(entry.reference or entry.title for entry in unexportable)}
            )
        return self.entries[0].competition

    def portal(self, competition: CompetitionPage) -> dict[str, str]:
        """The sending portal: the government's name from the KIPP settings, and the site's root URL."""
        site = competition.get_site()
        if site is None:
            return {"name": "", "url": ""}
        name = KippSettings.for_site(site).government_name or site.site_name or site.hostname
        return {"name": name, "url": site.root_url}

    def entry_record(self, entry: Entry, attachments, published, stage_names) -> dict[str, Any]:
        return entry_record(entry, attachments, published, stage_names)

    def write(self, target: IO[bytes]) -> dict[str, Any]:
        competition = self.check()
        entries = list(_entry_queryset([entry.pk for entry in self.entries]))
        published = publication.published_stages(competition)
        stage_names = {stage.kind: stage.display_name for stage in competition.stages.all()}
        archive = ManifestZip(target)
        records = []
        for entry in entries:
            records.append(
                self.entry_record(entry, self._add_attachments(archive, entry), published, stage_names)
            )
        data = {
            "schema": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "bundle_id": str(self.bundle_id),
            "created_at": timezone.now().isoformat(),
            "generator": f"wagtail-kipp {__version__}",
            "portal": self.portal(competition),
            "round": {
                "id": str(competition.translation_key),
                "title": competition.title,
                "year": competition.year,
                "award_level": competition.award_level,
                "url": competition.full_url if competition.live else None,
            },
            "entries": records,
        }
        row = archive.add_bytes(BUNDLE_NAME, dumps(data))
        meta = {
            "schema": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "bundle_id": str(self.bundle_id),
            "created_at": data["created_at"],
            "bundle_sha256": row["sha256"],
        }
        manifest = archive.close(meta, signing_key=self.signing_key or None)
        log(
            competition,
            "wagtail_kipp.bundle.export",
            user=self.user,
            data={
                "bundle_id": str(self.bundle_id),
                "entries": [entry.reference for entry in entries],
                "bundle_sha256": row["sha256"],
                "signed": bool(self.signing_key),
            },
        )
        return manifest

    def _add_attachments(self, archive: ManifestZip, entry: Entry) -> list[dict[str, Any]]:
        rows = []
        for attachment in sorted(entry.attachments.all(), key=lambda item: item.slot):
            if not SLOT_PATTERN.match(attachment.slot):
                raise ExportRefused(
                    _("Entry %(entry)s has a file in an unusable slot “%(slot)s”.")
                    % {"entry": entry.reference, "slot": attachment.slot}
                )
            path = f"{ATTACHMENTS_FOLDER}/{entry.uuid}/{attachment.slot}"
            try:
                with attachment.file.open("rb") as source:
                    written = archive.add_stream(path, source, file_type=attachment.file_type)
            except OSError:
                raise ExportRefused(
                    _("The file “%(name)s” of entry %(entry)s is missing from the private storage.")
                    % {"name": attachment.original_name, "entry": entry.reference}
                ) from None
            if written["sha256"] != attachment.sha256:
                raise ExportRefused(
                    _("The stored file “%(name)s” of entry %(entry)s no longer matches its checksum.")
                    % {"name": attachment.original_name, "entry": entry.reference}
                )
            rows.append(
                {
                    "slot": attachment.slot,
                    "original_name": attachment.original_name,
                    "type": attachment.file_type,
                    "size": written["size"],
                    "sha256": written["sha256"],
                    "path": path,
                }
            )
        return rows


def export_bundle(
    entries: Iterable[Entry], target_fileobj: IO[bytes], *, user=None, signing_key: str | None = None
) -> dict[str, Any]:
    """
    Write ``entries`` (submitted entries of one round) as a bundle to ``target_fileobj``; return the manifest.

    Signed with ``signing_key`` (default ``WAGTAIL_KIPP_BUNDLE_SIGNING_KEY``) when set. Logged as
    ``wagtail_kipp.bundle.export`` on the round. Raises :class:`ExportRefused` for a selection that cannot be
    sent; the target then holds an incomplete archive and should be thrown away.
    """
    return BundleWriter(entries, user=user, signing_key=signing_key).write(target_fileobj)


def build_bundle_job(job, target: IO[bytes]) -> dict[str, Any]:
    """
    Make the file of an export job of kind ``bundle`` (see :mod:`.tasks`): its ``selection`` is
    ``{"entry_ids": [...]}``, ``{"entries": "all"}`` (every submitted entry) or the published winners.
    """
    from .round_exports import ExportError, submitted_entries

    competition, selection = job.competition, job.selection or {}
    if selection.get("entry_ids"):
        entries = list(Entry.objects.filter(competition=competition, pk__in=selection["entry_ids"]))
    elif selection.get("entries") == "all":
        entries = list(submitted_entries(competition))
    else:
        entries = list(winners(competition))
        if not entries:
            raise ExportError(
                _("The round “%(round)s” has no published winners yet.") % {"round": competition.title}
            )
    job.total, job.done = len(entries), 0
    job.save(update_fields=["total", "done"])
    try:
        manifest = export_bundle(entries, target, user=job.requested_by)
    except ExportRefused as refused:
        raise ExportError(str(refused)) from None
    return {"bundle_id": manifest["bundle_id"], "entries": [entry.reference for entry in entries]}
