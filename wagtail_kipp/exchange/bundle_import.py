"""
Taking another portal's winner bundle into one of this site's rounds: all of it or nothing, and only once.

Each entry of the bundle becomes a submitted entry of the round, with a reference number of the round, its
sending organisation (mapped through :class:`~wagtail_kipp.models.OrganisationSource`, else created inactive),
its files copied into private storage, and where it came from kept in ``Entry.source``. See
``docs/howto/bundles.md`` for the rules.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from typing import IO, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from ..entrant_portal.uploads import EXTENSIONS, extension_of, sanitise_name, stored_name
from ..judging import publication
from ..judging.services import take_reference
from ..models import (
    CompetitionPage,
    Entry,
    EntryAttachment,
    EntryGroup,
    EntryStatus,
    ImportedBundle,
    InnovationPage,
    InnovationSource,
    Organisation,
    OrganisationKind,
    OrganisationSource,
    SustainableDevelopmentGoal,
    Theme,
)
from ..validators import validate_video_url
from .archive import sha256_of
from .bundle_reader import Bundle, BundleError, read_bundle
from .bundle_report import ImportReport

logger = logging.getLogger(__name__)

#: The ``group_map`` key whose group takes the entries of every kind not mapped otherwise.
ANY_GROUP = "*"


class _DryRun(Exception):
    """Rolls back the transaction of a dry run."""


def _parse_date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


class BundleImporter:
    """
    Imports one checked :class:`~.bundle_reader.Bundle` into a round. Each step is a method that may be
    overridden: :meth:`resolve_groups`, :meth:`organisation_for`, :meth:`innovation_for`, :meth:`create_entry`
    and :meth:`store_attachment`.
    """

    def __init__(
        self,
        bundle: Bundle,
        competition: CompetitionPage,
        *,
        user=None,
        group_map: dict[str, EntryGroup | int] | None = None,
        dry_run: bool = False,
    ):
        self.bundle = bundle
        self.competition = competition
        self.user = user
        self.group_map = group_map or {}
        self.dry_run = dry_run
        self.now = timezone.now()
        self.written: list[str] = []
        self.storage = EntryAttachment._meta.get_field("file").storage
        self._organisations: dict[str, Organisation] = {}
        data = bundle.data
        self.report = ImportReport(
            bundle_id=str(bundle.bundle_id),
            source_portal=bundle.portal_name,
            source_url=bundle.portal_url,
            source_round=data["round"]["title"],
            competition=competition.title,
            dry_run=dry_run,
            warnings=list(bundle.warnings),
        )

    # Steps -------------------------------------------------------------------------------------------------

    def resolve_groups(self) -> dict[str, EntryGroup]:
        """
        The round's group for each group kind of the bundle: from ``group_map`` (by kind, else ``"*"``), else
        the round's group of the same kind, else the round's only group; :class:`BundleError` otherwise.
        """
        groups = list(self.competition.entry_groups.order_by("sort_order", "pk"))
        problems: list[str] = []
        resolved: dict[str, EntryGroup] = {}
        for kind in dict.fromkeys(record["group"]["kind"] for record in self.bundle.entries):
            chosen = self.group_map.get(kind, self.group_map.get(ANY_GROUP))
            if chosen is not None:
                group = next((g for g in groups if g.pk == getattr(chosen, "pk", chosen)), None)
                if group is None:
                    problems.append(
                        _("The group chosen for “%(kind)s” is not a group of the round “%(round)s”.")
                        % {"kind": kind, "round": self.competition.title}
                    )
                else:
                    resolved[kind] = group
                continue
            same = [group for group in groups if group.kind == kind]
            if same:
                resolved[kind] = same[0]
            elif len(groups) == 1:
                resolved[kind] = groups[0]
                self.report.warnings.append(
                    _(
                        "Entries of the group kind “%(kind)s” were put into the round's only group, "
                        "“%(group)s”."
                    )
                    % {"kind": kind, "group": groups[0].name}
                )
            else:
                problems.append(
                    _(
                        "The round “%(round)s” has no group of the kind “%(kind)s”: choose the group for "
                        "these entries (in the command: --group %(kind)s=<group id>)."
                    )
                    % {"round": self.competition.title, "kind": kind}
                )
        if problems:
            raise BundleError(problems)
        return resolved

    def organisation_for(self, data: dict[str, Any]) -> Organisation:
        """
        The local organisation of a sending organisation: its mapping (portal, slug) if there is one; else a
        new, inactive organisation, and the mapping to it. Organisations are never matched by name: every
        government has a "Dinas Kesehatan".
        """
        portal = self.bundle.portal_key
        key = data["slug"]
        if key in self._organisations:
            return self._organisations[key]
        source = (
            OrganisationSource.objects.select_related("organisation").filter(portal=portal, key=key).first()
        )
        if source is not None:
            organisation = source.organisation
            self.report.organisations_mapped.append(f"{data['name']} → {organisation}")
        else:
            organisation = Organisation.objects.create(
                name=self.organisation_name(data),
                acronym=data["acronym"],
                slug=self.organisation_slug(key),
                kind=data["kind"] if data["kind"] in OrganisationKind.values else OrganisationKind.OTHER,
                active=False,
            )
            OrganisationSource.objects.create(
                portal=portal, key=key, name=data["name"], organisation=organisation
            )
            self.report.organisations_created.append(str(organisation))
        self._organisations[key] = organisation
        return organisation

    def organisation_name(self, data: dict[str, Any]) -> str:
        """A new organisation's name: the sending government's name added, unless the name holds it."""
        name, government = data["name"], self.bundle.portal_name
        if government and government.casefold() not in name.casefold():
            name = f"{name} ({government})"
        return name[:255]

    def organisation_slug(self, key: str) -> str:
        host = urlsplit(self.bundle.portal_url).hostname or self.bundle.portal_name
        base = slugify(f"{host} {key}")[:240].strip("-") or "organisation"
        slug, number = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug

    def innovation_for(self, reference: dict[str, Any] | None) -> InnovationPage | None:
        """The local innovation record harvested or imported from the sender's record, if there is one."""
        if not reference:
            return None
        sources = list(
            InnovationSource.objects.filter(source_id=reference["stable_id"]).select_related("page")
        )
        sources.sort(key=lambda source: source.page.locale_id != self.competition.locale_id)
        return sources[0].page if sources else None

    def create_entry(self, record: dict[str, Any], group: EntryGroup) -> Entry:
        """One submitted entry of the round from a bundle record, with its themes, goals and files."""
        header = record["header"]
        label = record["reference"]
        video_url = header["video_url"]
        if video_url:
            try:
                validate_video_url(video_url)
            except ValidationError:
                self.report.warnings.append(
                    _("Entry %(entry)s: the video link is not a YouTube or Vimeo link and was left out.")
                    % {"entry": label}
                )
                video_url = ""
        snapshot = record["template_snapshot"]
        if snapshot:
            snapshot = {**snapshot, "template_id": None}
        entry = Entry(
            competition=self.competition,
            organisation=self.organisation_for(record["organisation"]),
            group=group,
            innovation=self.innovation_for(record["innovation"]),
            replicated_innovation=self.innovation_for(record["replicated_innovation"]),
            title=header["title"],
            started_on=_parse_date(header["started_on"]),
            innovation_stage=header["innovation_stage"],
            is_digital=header["is_digital"],
            video_url=video_url,
            innovator_name=header["innovator_name"],
            answers=dict(record["answers"]),
            template_snapshot=snapshot,
            status=EntryStatus.SUBMITTED,
            submitted_at=self.now,
            submitted_by=self.user,
            created_by=self.user,
            updated_by=self.user,
            source_uuid=uuid.UUID(record["uuid"]),
            source=self.source_of(record),
        )
        take_reference(entry)
        entry.save()
        entry.themes.set(self.themes_of(record))
        entry.sdgs.set(SustainableDevelopmentGoal.objects.filter(number__in=record["sdgs"]))
        for attachment in record["attachments"]:
            self.store_attachment(entry, attachment)
        log(
            entry,
            "wagtail_kipp.entry.import",
            user=self.user,
            data={
                "bundle_id": self.report.bundle_id,
                "portal": self.bundle.portal_key,
                "source_reference": record["reference"],
                "source_uuid": record["uuid"],
            },
        )
        return entry

    def source_of(self, record: dict[str, Any]) -> dict[str, Any]:
        """What ``Entry.source`` keeps of the sender: portal, round, reference, published results, awards."""
        keep = (
            "uuid",
            "reference",
            "submitted_at",
            "organisation",
            "group",
            "innovation",
            "replicated_innovation",
            "results",
            "awards",
        )
        return {
            "portal": dict(self.bundle.data["portal"]),
            "bundle_id": self.report.bundle_id,
            "round": dict(self.bundle.data["round"]),
            **{key: record[key] for key in keep},
            "imported_at": self.now.isoformat(),
        }

    def themes_of(self, record: dict[str, Any]) -> list[Theme]:
        """The local themes with the bundle's slugs; unknown themes are reported and left out, not created."""
        wanted = [theme["slug"] for theme in record["themes"]]
        themes = list(Theme.objects.filter(slug__in=wanted))
        known = {theme.slug for theme in themes}
        for theme in record["themes"]:
            if theme["slug"] not in known:
                self.report.warnings.append(
                    _("Entry %(entry)s: the theme “%(theme)s” (%(slug)s) is not known here and was left out.")
                    % {"entry": record["reference"], "theme": theme["name"], "slug": theme["slug"]}
                )
        return themes

    def store_attachment(self, entry: Entry, data: dict[str, Any]) -> EntryAttachment:
        """Copy a verified file into private storage under a random name and check what was stored."""
        file_type = data["type"]
        name = sanitise_name(data["original_name"]) or _("attachment")
        if extension_of(name) not in EXTENSIONS[file_type]:
            name = sanitise_name(name + EXTENSIONS[file_type][0])
        attachment = EntryAttachment(
            entry=entry,
            slot=data["slot"],
            original_name=name,
            file_type=file_type,
            size=data["size"],
            sha256=data["sha256"],
            uploaded_by=self.user,
        )
        with self.bundle.open_attachment(data) as source:
            attachment.file.save(stored_name(file_type), File(source), save=False)
        self.written.append(attachment.file.name)
        with self.storage.open(attachment.file.name, "rb") as stored:
            if sha256_of(stored) != data["sha256"]:
                raise BundleError(
                    [
                        _("The file “%(name)s” was damaged while it was stored; nothing was imported.")
                        % {"name": name}
                    ]
                )
        attachment.save()
        return attachment

    # The run -----------------------------------------------------------------------------------------------

    def already_imported(self) -> ImportedBundle | None:
        return ImportedBundle.objects.filter(
            competition=self.competition, bundle_id=self.bundle.bundle_id
        ).first()

    def _report_already_imported(self, previous: ImportedBundle) -> ImportReport:
        self.report.already_imported = True
        self.report.imported_at = previous.imported_at.isoformat()
        if previous.sha256 != self.bundle.manifest_sha256:
            self.report.warnings.append(
                _(
                    "A bundle with this id but different content was imported before; this one was not "
                    "imported."
                )
            )
        return self.report

    def run(self) -> ImportReport:
        previous = self.already_imported()
        if previous is not None:
            return self._report_already_imported(previous)
        groups = self.resolve_groups()
        try:
            with transaction.atomic():
                self._import(groups)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            self._remove_written()
        except IntegrityError:
            self._remove_written()
            previous = self.already_imported()
            if previous is None:
                raise
            return self._report_already_imported(previous)  # imported by someone else at the same moment
        except BaseException:
            self._remove_written()
            raise
        return self.report

    def _import(self, groups: dict[str, EntryGroup]) -> None:
        record = ImportedBundle.objects.create(
            bundle_id=self.bundle.bundle_id,
            sha256=self.bundle.manifest_sha256,
            competition=self.competition,
            source_portal=self.bundle.portal_name[:255] or self.bundle.portal_url[:255],
            source_url=self.bundle.portal_url,
            imported_by=self.user,
        )
        existing = set(
            Entry.objects.filter(
                competition=self.competition,
                source_uuid__in=[uuid.UUID(entry["uuid"]) for entry in self.bundle.entries],
            ).values_list("source_uuid", flat=True)
        )
        for data in self.bundle.entries:
            if uuid.UUID(data["uuid"]) in existing:
                self.report.skipped.append(
                    {
                        "source_reference": data["reference"],
                        "title": data["header"]["title"],
                        "reason": _("already in this round, from an earlier bundle"),
                    }
                )
                continue
            entry = self.create_entry(data, groups[data["group"]["kind"]])
            self.report.created.append(
                {
                    "reference": entry.reference,
                    "source_reference": data["reference"],
                    "title": entry.title,
                    "organisation": str(entry.organisation),
                    "group": entry.group.name,
                }
            )
        self.report.imported_at = self.now.isoformat()
        record.entry_count = len(self.report.created)
        record.report = self.report.as_dict()
        record.save(update_fields=["entry_count", "report"])
        log(
            self.competition,
            "wagtail_kipp.bundle.import",
            user=self.user,
            data={
                "bundle_id": self.report.bundle_id,
                "portal": self.bundle.portal_key,
                "created": [row["reference"] for row in self.report.created],
                "skipped": [row["source_reference"] for row in self.report.skipped],
            },
        )

    def _remove_written(self) -> None:
        for name in self.written:
            try:
                self.storage.delete(name)
            except OSError:
                logger.exception("Could not remove the imported file %s", name)
        self.written.clear()


def import_bundle(
    fileobj: IO[bytes],
    competition: CompetitionPage,
    *,
    user=None,
    group_map: dict[str, EntryGroup | int] | None = None,
    dry_run: bool = False,
    signing_key: str | None = None,
) -> ImportReport:
    """
    Check the bundle in ``fileobj`` and import its entries into ``competition``, in one transaction.

    Refused bundles raise :class:`~.bundle_reader.BundleError` and change nothing. Importing a bundle again
    changes nothing (the report says it was already imported); an entry already imported into the round from
    another bundle is skipped. ``group_map`` maps group kinds (or ``"*"``) of the bundle to the round's groups
    (instances or ids); ``dry_run`` does everything, reports, and rolls back. Files written to private storage
    are removed again when the import fails or is a dry run. Run it outside other transactions, so that what
    it commits stays committed.
    """
    competition = publication.results_round(competition)
    with read_bundle(fileobj, signing_key=signing_key) as bundle:
        return BundleImporter(bundle, competition, user=user, group_map=group_map, dry_run=dry_run).run()
